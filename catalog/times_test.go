package catalog

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// exiftoolFile writes a small JPEG at dir/name and gives it tags with
// ExifTool (a tool of the tests, never of Exhibit). The test fails when
// ExifTool is not installed (the test scripts install it).
func exiftoolFile(t testing.TB, dir, name string, tags ...string) string {
	t.Helper()
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Fatalf("this test makes its files with exiftool, not installed: %v", err)
	}
	img := image.NewRGBA(image.Rect(0, 0, 32, 24))
	for i := range img.Pix {
		img.Pix[i] = uint8(i*7 + len(name))
	}
	img.Set(0, 0, color.RGBA{uint8(len(tags)), 1, 2, 255})
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if len(tags) > 0 {
		out, err := exec.Command("exiftool", append(append([]string{"-q", "-overwrite_original"}, tags...), p)...).CombinedOutput()
		if err != nil {
			t.Fatalf("exiftool %v: %v\n%s", tags, err, out)
		}
	}
	return p
}

// timesCase is a case with four images made with ExifTool: both clocks 22 h
// apart, a ModifyDate alone, a position of 0°, 0°, and no time at all.
func timesCase(t *testing.T) (*Case, map[string]*Image) {
	t.Helper()
	src := t.TempDir()
	exiftoolFile(t, src, "clocks.jpg", "-Make=Canon", "-Model=Canon EOS 5D", "-DateTimeOriginal=2017:10:17 14:02:11",
		"-SubSecTimeOriginal=25", "-GPSDateStamp=2017:10:16", "-GPSTimeStamp=16:02:11",
		"-GPSLatitude=35.9528", "-GPSLatitudeRef=N", "-GPSLongitude=39.0079", "-GPSLongitudeRef=E")
	exiftoolFile(t, src, "modified.jpg", "-ModifyDate=2019:03:04 05:06:07")
	exiftoolFile(t, src, "nofix.jpg", "-Make=Canon", "-Model=Canon EOS 5D", "-DateTimeOriginal=2017:10:18 09:00:00", "-OffsetTimeOriginal=+03:00",
		"-GPSLatitude=0", "-GPSLatitudeRef=N", "-GPSLongitude=0", "-GPSLongitudeRef=E")
	exiftoolFile(t, src, "satellite.jpg")
	c := openTestCase(t)
	ctx := context.Background()
	if _, err := c.Import(ctx, []string{src}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ims := map[string]*Image{}
	for _, n := range []string{"clocks.jpg", "modified.jpg", "nofix.jpg", "satellite.jpg"} {
		im, err := c.FindImage(ctx, filepath.Join(src, n))
		if err != nil {
			t.Fatal(err)
		}
		ims[n] = im
	}
	return c, ims
}

func TestFileTimes(t *testing.T) {
	_, ims := timesCase(t)
	clocks := ims["clocks.jpg"]
	if clocks.TakenString() != "2017-10-17T14:02:11.25" || clocks.TakenSource != "exif:DateTimeOriginal" || clocks.FileTakenSource != clocks.TakenSource {
		t.Errorf("clocks.jpg taken %q from %q", clocks.TakenString(), clocks.TakenSource)
	}
	d, zone, ok := clocks.ClockOffset()
	if !ok || d != 22*time.Hour+250*time.Millisecond || !zone {
		t.Errorf("ClockOffset = %v, includes zone %v, %v; want 22h0m0.25s, true, true", d, zone, ok)
	}
	mod := ims["modified.jpg"]
	if mod.TakenAt != nil || mod.TakenSource != "" {
		t.Errorf("modified.jpg taken %v from %q: a ModifyDate is no capture time", mod.TakenAt, mod.TakenSource)
	}
	if mod.ModifiedAt == nil || clockString(*mod.ModifiedAt) != "2019-03-04T05:06:07" {
		t.Errorf("modified.jpg ModifiedAt = %v", mod.ModifiedAt)
	}
	if _, _, ok := mod.ClockOffset(); ok {
		t.Error("ClockOffset without a capture time")
	}
	nofix := ims["nofix.jpg"]
	if !nofix.NoFix() || nofix.HasGPS() || nofix.Lat == nil || *nofix.Lat != 0 {
		t.Errorf("nofix.jpg: NoFix %v, HasGPS %v, Lat %v; want no fix, kept as read", nofix.NoFix(), nofix.HasGPS(), nofix.Lat)
	}
	if !clocks.HasGPS() || clocks.NoFix() {
		t.Error("clocks.jpg has a position")
	}
}

// A position of 0°, 0° is on no map: out of the position filters and the
// GeoJSON export, in the record.
func TestNoFixLeftOut(t *testing.T) {
	ctx := context.Background()
	c, ims := timesCase(t)
	names := func(f Filter) string {
		got, err := c.Images(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var n []string
		for _, im := range got {
			n = append(n, im.Name())
		}
		return strings.Join(n, " ")
	}
	if got := names(Filter{HasGPS: true}); got != "clocks.jpg" {
		t.Errorf("HasGPS: %s", got)
	}
	if got := names(Filter{Near: &Near{Lat: 0, Lon: 0, Km: 100}}); got != "" {
		t.Errorf("Near 0,0: %s", got)
	}
	var b bytes.Buffer
	n, none, err := c.WriteGeoJSON(ctx, &b, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || none != 3 || strings.Contains(b.String(), `"nofix.jpg"`) {
		t.Errorf("GeoJSON: %d features, %d without position:\n%s", n, none, b.String())
	}
	im, err := c.Image(ctx, ims["nofix.jpg"].ID)
	if err != nil || im.Lat == nil || im.Lon == nil {
		t.Errorf("nofix.jpg lost its values: %v %v", im, err)
	}
}

func TestAssertedTime(t *testing.T) {
	ctx := context.Background()
	c, ims := timesCase(t)
	sat := ims["satellite.jpg"].ID
	at := time.Date(2017, 10, 16, 8, 31, 0, 0, time.FixedZone("+00:00", 0))
	if err := c.AssertTime(ctx, sat, at, "+00:00", ""); err == nil {
		t.Error("an assertion without a source was recorded")
	}
	if err := c.AssertTime(ctx, sat, at, "+00:00", "Maxar catalogue, 104001003D6E7A00"); err != nil {
		t.Fatal(err)
	}
	im, err := c.Image(ctx, sat)
	if err != nil {
		t.Fatal(err)
	}
	if im.TakenSource != SourceAsserted || im.TakenString() != "2017-10-16T08:31:00Z" || im.FileTakenAt != nil ||
		im.Asserted == nil || im.Asserted.Source != "Maxar catalogue, 104001003D6E7A00" || im.Asserted.Actor == "" {
		t.Errorf("asserted: %q from %q, file %v, %+v", im.TakenString(), im.TakenSource, im.FileTakenAt, im.Asserted)
	}
	// The filters and the sort use the asserted time.
	day := func(d int) *time.Time { t := time.Date(2017, 10, d, 0, 0, 0, 0, time.UTC); return &t }
	got, err := c.Images(ctx, Filter{From: day(16), To: day(17)})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != sat {
		t.Errorf("From 16 To 17 October: %d images, want the satellite image", len(got))
	}
	if err := c.ClearAssertedTime(ctx, sat); err != nil {
		t.Fatal(err)
	}
	if err := c.ClearAssertedTime(ctx, sat); err == nil {
		t.Error("cleared twice")
	}
	im, _ = c.Image(ctx, sat)
	if im.TakenAt != nil || im.Asserted != nil {
		t.Errorf("after clear: %v %+v", im.TakenAt, im.Asserted)
	}
	var kept int
	c.rd.QueryRow(`SELECT count(*) FROM asserted_times WHERE image_id=? AND cleared_at IS NOT NULL`, sat).Scan(&kept)
	if kept != 1 {
		t.Errorf("%d cleared assertions kept, want 1", kept)
	}
	checkAudit(t, c, imageObject(sat), "time.assert", "time.clear")
}

func TestClockShift(t *testing.T) {
	ctx := context.Background()
	c, ims := timesCase(t)
	if _, err := c.ShiftClock(ctx, "Nikon D750", time.Hour, "why"); err == nil || !strings.Contains(err.Error(), `"Canon EOS 5D"`) {
		t.Errorf("unknown camera: %v", err)
	}
	if _, err := c.ShiftClock(ctx, "Canon EOS 5D", -22*time.Hour, ""); err == nil {
		t.Error("a shift without a reason was recorded")
	}
	n, err := c.ShiftClock(ctx, "Canon EOS 5D", -22*time.Hour, "camera clock 22 h ahead of its GPS")
	if err != nil || n != 2 {
		t.Fatalf("ShiftClock = %d, %v", n, err)
	}
	im, _ := c.Image(ctx, ims["clocks.jpg"].ID)
	if im.TakenString() != "2017-10-16T16:02:11.25" || im.TakenSource != "exif:DateTimeOriginal" || im.Shift == nil ||
		clockString(*im.FileTakenAt) != "2017-10-17T14:02:11.25" {
		t.Errorf("shifted: %q from %q, shift %+v, file %v", im.TakenString(), im.TakenSource, im.Shift, im.FileTakenAt)
	}
	if d, _, _ := im.ClockOffset(); d != 22*time.Hour+250*time.Millisecond {
		t.Errorf("ClockOffset = %v: it compares the clocks as the file records them", d)
	}
	on16 := func() int {
		from, to := time.Date(2017, 10, 16, 0, 0, 0, 0, time.UTC), time.Date(2017, 10, 16, 23, 59, 59, 0, time.UTC)
		got, err := c.Images(ctx, Filter{From: &from, To: &to})
		if err != nil {
			t.Fatal(err)
		}
		return len(got)
	}
	if n := on16(); n != 1 {
		t.Errorf("shifted: %d images on 16 October, want 1", n)
	}
	if err := c.ClearClockShift(ctx, "Canon EOS 5D"); err != nil {
		t.Fatal(err)
	}
	if n := on16(); n != 0 {
		t.Errorf("shift cleared: %d images on 16 October, want 0", n)
	}
	checkAudit(t, c, cameraObject("Canon EOS 5D"), "clock.shift", "clock.clear")
	if err := c.Close(); err != nil { // signs the chain's head
		t.Fatal(err)
	}
	if rep := verifyChainOf(t, c.Dir()); !rep.OK() {
		t.Errorf("VerifyChain: %s", problemsText(rep))
	}
}

// checkAudit checks that object's audit entries end with actions.
func checkAudit(t *testing.T, c *Case, object string, actions ...string) {
	t.Helper()
	es, err := c.Audit(context.Background(), object)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		got = append(got, e.Action)
		var d map[string]any
		if err := json.Unmarshal([]byte(e.Details), &d); err != nil {
			t.Errorf("%s details %q: %v", e.Action, e.Details, err)
		}
	}
	if len(got) < len(actions) || strings.Join(got[len(got)-len(actions):], " ") != strings.Join(actions, " ") {
		t.Errorf("audit of %s: %v, want it to end with %v", object, got, actions)
	}
}
