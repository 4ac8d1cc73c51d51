package catalog

import (
	"context"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// shot is an image of a hand-made series: a copy of a corpus JPEG with
// the capture time (and position, direction) written by exiftool.
type shot struct {
	name, taken   string // taken "" removes every date
	lat, lon, dir *float64
}

func f64(v float64) *float64 { return &v }

// seriesCase imports the shots into a new case and returns it with the
// images' ids by name.
func seriesCase(t *testing.T, shots []shot, extra ...string) (*Case, map[string]int64) {
	t.Helper()
	tool, err := exec.LookPath("exiftool")
	if err != nil {
		t.Skip("exiftool is not installed (Debian: libimage-exiftool-perl)")
	}
	corpus := corpusDir(t)
	src := t.TempDir()
	for _, s := range shots {
		p := filepath.Join(src, s.name)
		copyFile(t, filepath.Join(corpus, "goexif", "sample1.jpg"), p)
		args := []string{"-q", "-overwrite_original", "-all=", "-ImageDescription=" + s.name}
		if s.taken != "" {
			args = append(args, "-DateTimeOriginal="+s.taken)
		}
		if s.lat != nil {
			args = append(args, "-GPSLatitude="+ftoa(math.Abs(*s.lat)), "-GPSLatitudeRef="+ref(*s.lat, "N", "S"),
				"-GPSLongitude="+ftoa(math.Abs(*s.lon)), "-GPSLongitudeRef="+ref(*s.lon, "E", "W"))
		}
		if s.dir != nil {
			args = append(args, "-GPSImgDirection="+ftoa(*s.dir), "-GPSImgDirectionRef=T")
		}
		if out, err := exec.Command(tool, append(args, p)...).CombinedOutput(); err != nil {
			t.Fatalf("exiftool %s: %v\n%s", s.name, err, out)
		}
	}
	for _, e := range extra {
		copyFile(t, e, filepath.Join(src, filepath.Base(e)))
	}
	c := openTestCase(t)
	ctx := context.Background()
	res, err := c.Import(ctx, []string{src}, ImportOptions{})
	if err != nil || len(res.Failed) > 0 {
		t.Fatalf("import: %v %v", err, res)
	}
	ids := map[string]int64{}
	ents, _ := os.ReadDir(src)
	for _, e := range ents {
		if im, err := c.FindImage(ctx, filepath.Join(src, e.Name())); err == nil {
			ids[e.Name()] = im.ID
		}
	}
	return c, ids
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func ref(v float64, pos, neg string) string {
	if v < 0 {
		return neg
	}
	return pos
}

// TestSiteWindow codes a hand-made series and checks the window and what
// contradicts it.
func TestSiteWindow(t *testing.T) {
	ctx := context.Background()
	c, ids := seriesCase(t, []shot{
		{name: "a-0901.jpg", taken: "2017:09:01 10:00:00"},
		{name: "b-0915.jpg", taken: "2017:09:15 10:00:00"},
		{name: "c-1002.jpg", taken: "2017:10:02 10:00:00"},
		{name: "d-1010.jpg", taken: "2017:10:10 10:00:00"},
		{name: "e-1020.jpg", taken: "2017:10:20 10:00:00"},
		{name: "f-1025.jpg", taken: "2017:10:25 10:00:00"},
		{name: "g-undated.jpg"},
		{name: "h-1001.jpg", taken: "2017:10:01 10:00:00"},
	})
	s, err := c.AddSite(ctx, NewSite{Name: "Al-Nour bakery", Lat: 35.95, Lon: 39.01})
	if err != nil {
		t.Fatal(err)
	}
	code := func(name, state, coder string) {
		t.Helper()
		if _, err := c.CodeImage(ctx, s.ID, ids[name], state, "", coder, false); err != nil {
			t.Fatal(err)
		}
	}
	code("a-0901.jpg", "intact", "ana")
	code("b-0915.jpg", "damaged", "ana") // corrected below: the latest counts
	code("b-0915.jpg", "intact", "ana")
	code("c-1002.jpg", "damaged", "ana")
	code("d-1010.jpg", "intact", "ana") // intact after damaged
	code("e-1020.jpg", "destroyed", "ana")
	code("f-1025.jpg", "damaged", "ana")    // less than destroyed, later
	code("g-undated.jpg", "damaged", "ana") // no capture time
	code("h-1001.jpg", "unclear", "ana")    // unclear: not used, not a contradiction

	r, err := c.SiteReport(ctx, s.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if r.Window.BeforeImage != ids["b-0915.jpg"] || r.Window.AfterImage != ids["c-1002.jpg"] {
		t.Errorf("window: before %d after %d, want %d and %d", r.Window.BeforeImage, r.Window.AfterImage, ids["b-0915.jpg"], ids["c-1002.jpg"])
	}
	if r.Window.NotBefore == nil || r.Window.NotBefore.Format("2006-01-02") != "2017-09-15" ||
		r.Window.NotAfter == nil || r.Window.NotAfter.Format("2006-01-02") != "2017-10-02" {
		t.Errorf("window %v – %v", r.Window.NotBefore, r.Window.NotAfter)
	}
	want := []struct {
		name, reason string
	}{
		{"d-1010.jpg", "coded intact, taken at or after image"},
		{"f-1025.jpg", "coded damaged, taken after image"},
		{"g-undated.jpg", "no capture time"},
	}
	if len(r.Contradictions) != len(want) {
		t.Fatalf("contradictions: %+v", r.Contradictions)
	}
	for i, w := range want {
		got := r.Contradictions[i]
		if got.ImageID != ids[w.name] || !strings.Contains(got.Reason, w.reason) {
			t.Errorf("contradiction %d: image %d %q, want %s %q", i, got.ImageID, got.Reason, w.name, w.reason)
		}
	}
	if len(r.Images) != 8 || r.Images[7].Image.ID != ids["g-undated.jpg"] {
		t.Errorf("images: %d, last %d", len(r.Images), r.Images[len(r.Images)-1].Image.ID)
	}

	// A second coder sees b damaged: b is disputed, not used; the window
	// then starts at a.
	code("b-0915.jpg", "damaged", "ben")
	r, err = c.SiteReport(ctx, s.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if r.Window.BeforeImage != ids["a-0901.jpg"] || r.Window.AfterImage != ids["c-1002.jpg"] {
		t.Errorf("disputed: window before %d after %d", r.Window.BeforeImage, r.Window.AfterImage)
	}
	found := false
	for _, x := range r.Contradictions {
		found = found || x.ImageID == ids["b-0915.jpg"] && strings.Contains(x.Reason, "disagree")
	}
	if !found {
		t.Errorf("no disagreement among %+v", r.Contradictions)
	}

	// Blind: ben has coded one image of eight; he sees only his own.
	r, err = c.SiteReport(ctx, s.ID, "ben")
	if err != nil {
		t.Fatal(err)
	}
	if !r.Blind || r.Hidden != 8 {
		t.Errorf("blind for ben: %v, %d hidden", r.Blind, r.Hidden)
	}
	for _, si := range r.Images {
		for _, k := range si.Codes {
			if k.Coder != "ben" {
				t.Errorf("blind for ben shows %s's code of image %d", k.Coder, si.Image.ID)
			}
		}
	}
	// ana has coded them all: nothing hidden from her.
	if r, _ := c.SiteReport(ctx, s.ID, "ana"); r.Blind || r.Hidden != 0 {
		t.Errorf("blind for ana, who is done: %v, %d hidden", r.Blind, r.Hidden)
	}

	// A rejected image's codes no longer count.
	if err := c.RejectImage(ctx, s.ID, ids["d-1010.jpg"], "another building"); err != nil {
		t.Fatal(err)
	}
	r, _ = c.SiteReport(ctx, s.ID, "")
	for _, x := range r.Contradictions {
		if x.ImageID == ids["d-1010.jpg"] {
			t.Errorf("rejected image still a contradiction: %+v", x)
		}
	}
	// Every row written is recorded (the head is signed when the case is
	// closed: "unsigned" is expected here).
	rep, err := c.VerifyChain(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Problems {
		if p.Status != "unsigned" {
			t.Errorf("chain after coding: %+v", p)
		}
	}
}

// TestKappaHandComputed checks Cohen's kappa against a table computed by
// hand: 10 images, A: intact 5, damaged 3, destroyed 1, unclear 1;
// B: intact 5, damaged 3, destroyed 2; 7 agreed. p_o = 0.7,
// p_e = (5·5 + 3·3 + 1·2 + 1·0)/100 = 0.36, κ = 0.34/0.64 = 0.53125.
func TestKappaHandComputed(t *testing.T) {
	pairs := [][2]string{
		{"intact", "intact"}, {"intact", "intact"}, {"intact", "intact"}, {"intact", "intact"},
		{"damaged", "damaged"}, {"damaged", "damaged"}, {"destroyed", "destroyed"},
		{"intact", "damaged"}, {"damaged", "destroyed"}, {"unclear", "intact"},
	}
	po, pe, k := Kappa(pairs)
	if math.Abs(po-0.7) > 1e-12 || math.Abs(pe-0.36) > 1e-12 || k == nil || math.Abs(*k-0.53125) > 1e-12 {
		t.Errorf("p_o %g p_e %g kappa %v, want 0.7 0.36 0.53125", po, pe, k)
	}
	for _, c := range []struct {
		name  string
		pairs [][2]string
		kappa *float64
	}{
		{"perfect", [][2]string{{"intact", "intact"}, {"damaged", "damaged"}}, f64(1)},
		{"one state only", [][2]string{{"intact", "intact"}, {"intact", "intact"}}, nil},
		{"always opposite", [][2]string{{"intact", "damaged"}, {"damaged", "intact"}}, f64(-1)},
		{"none", nil, nil},
	} {
		_, _, k := Kappa(c.pairs)
		if (k == nil) != (c.kappa == nil) || k != nil && math.Abs(*k-*c.kappa) > 1e-12 {
			t.Errorf("%s: kappa %v, want %v", c.name, k, c.kappa)
		}
	}
}

// TestCoderAgreement: the same table coded through the case, over two
// sites; a third coder who shares no image with the others makes no pair.
func TestCoderAgreement(t *testing.T) {
	ctx := context.Background()
	var shots []shot
	for _, n := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "x"} {
		shots = append(shots, shot{name: "img" + n + ".jpg", taken: "2017:10:0" + map[bool]string{true: "1", false: "2"}[n < "5"] + " 10:00:00"})
	}
	c, ids := seriesCase(t, shots)
	s1, _ := c.AddSite(ctx, NewSite{Name: "North", Lat: 35.95, Lon: 39.01})
	s2, _ := c.AddSite(ctx, NewSite{Name: "South", Lat: 35.94, Lon: 39.01})
	a := []string{"intact", "intact", "intact", "intact", "damaged", "damaged", "destroyed", "intact", "damaged", "unclear"}
	b := []string{"intact", "intact", "intact", "intact", "damaged", "damaged", "destroyed", "damaged", "destroyed", "intact"}
	for i := range a {
		site := s1.ID
		if i >= 5 {
			site = s2.ID
		}
		img := ids["img"+string(rune('0'+i))+".jpg"]
		if _, err := c.CodeImage(ctx, site, img, a[i], "", "ana", true); err != nil {
			t.Fatal(err)
		}
		if _, err := c.CodeImage(ctx, site, img, b[i], "", "ben", true); err != nil {
			t.Fatal(err)
		}
	}
	// The same image coded by ana on another site is another item, which
	// ben did not code: not counted.
	c.CodeImage(ctx, s2.ID, ids["img0.jpg"], "destroyed", "", "ana", false)
	c.CodeImage(ctx, s1.ID, ids["imgx.jpg"], "intact", "", "cy", false)
	ags, err := c.CoderAgreement(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ags) != 1 {
		t.Fatalf("agreements: %+v", ags)
	}
	g := ags[0]
	if g.CoderA != "ana" || g.CoderB != "ben" || g.Items != 10 || g.Agreed != 7 || g.Kappa == nil || math.Abs(*g.Kappa-0.53125) > 1e-12 {
		t.Errorf("agreement %+v kappa %v", g, g.Kappa)
	}
	// The images' ids follow the import's order, which the workers vary:
	// the disagreements are found by image, not by place in the list.
	want := map[int64][2]string{ids["img7.jpg"]: {"intact", "damaged"}, ids["img8.jpg"]: {"damaged", "destroyed"}, ids["img9.jpg"]: {"unclear", "intact"}}
	if len(g.Disagreements) != len(want) {
		t.Errorf("disagreements %+v, want %v", g.Disagreements, want)
	}
	for _, d := range g.Disagreements {
		if w, ok := want[d.ImageID]; !ok || d.A != w[0] || d.B != w[1] {
			t.Errorf("disagreement %+v, want those of %v", d, want)
		}
	}
}

// TestSuggestions: images within the radius (and looking at the site when
// their direction is known) and footprints containing the site are
// suggested; images just outside, looking away, at 0°,0° or whose
// footprint lies elsewhere are not.
func TestSuggestions(t *testing.T) {
	if _, err := exec.LookPath("gdal_translate"); err != nil {
		t.Skip("gdal_translate is not installed (Debian: gdal-bin)")
	}
	ctx := context.Background()
	// The site at 35.95 N, 39.01 E, radius 100 m. One metre of latitude
	// is 1/111195 degree (the sphere of DistanceKm).
	const lat0, lon0 = 35.95, 39.01
	dLat := func(m float64) float64 { return lat0 + m/(6371008.8*math.Pi/180) }
	geo := t.TempDir()
	mk := func(out string, ullr ...string) string {
		p := filepath.Join(geo, out)
		args := append([]string{"-q", "-of", "GTiff", "-outsize", "20", "20", "-a_srs", "EPSG:32637", "-a_ullr"}, ullr...)
		cmd := exec.Command("gdal_translate", append(args, filepath.Join(corpusDir(t), "goexif", "sample1.jpg"), p)...)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("gdal_translate: %v\n%s", err, b)
		}
		return p
	}
	// UTM 37N: 39.01 E, 35.95 N is about x 500903, y 3978371.
	over := mk("over.tif", "500000", "3979000", "502000", "3977000")
	elsewhere := mk("elsewhere.tif", "510000", "3979000", "512000", "3977000")
	c, ids := seriesCase(t, []shot{
		{name: "in-99m.jpg", taken: "2017:10:01 10:00:00", lat: f64(dLat(99)), lon: f64(lon0)},
		{name: "out-101m.jpg", taken: "2017:10:01 10:00:00", lat: f64(dLat(101)), lon: f64(lon0)},
		{name: "facing.jpg", taken: "2017:10:01 10:00:00", lat: f64(dLat(60)), lon: f64(lon0), dir: f64(200)},
		{name: "away.jpg", taken: "2017:10:01 10:00:00", lat: f64(dLat(60)), lon: f64(lon0), dir: f64(90)},
		{name: "no-gps.jpg", taken: "2017:10:01 10:00:00"},
	}, over, elsewhere)
	s, err := c.AddSite(ctx, NewSite{Name: "Clock tower", Lat: lat0, Lon: lon0, RadiusM: 100})
	if err != nil {
		t.Fatal(err)
	}
	sug, err := c.SuggestImages(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]string{}
	for _, x := range sug {
		got[x.Image.ID] = x.Why
	}
	for name, want := range map[string]string{
		"in-99m.jpg": "direction of view unknown", "facing.jpg": "from the bearing", "over.tif": "footprint",
		"out-101m.jpg": "", "away.jpg": "", "no-gps.jpg": "", "elsewhere.tif": "",
	} {
		why, ok := got[ids[name]]
		switch {
		case want == "" && ok:
			t.Errorf("%s suggested: %s", name, why)
		case want != "" && !strings.Contains(why, want):
			t.Errorf("%s: %q, want %q", name, why, want)
		}
	}
	// Once rejected or attached, not suggested again.
	c.RejectImage(ctx, s.ID, ids["in-99m.jpg"], "")
	c.AttachImage(ctx, s.ID, ids["over.tif"], "suggested")
	sug, _ = c.SuggestImages(ctx, s.ID)
	if len(sug) != 1 || sug[0].Image.ID != ids["facing.jpg"] {
		t.Errorf("after deciding: %+v", sug)
	}

	// A site at 0.0001°, 0°: an image at exactly 0°, 0° (no fix) is no
	// position, though 11 m away.
	c2, ids2 := seriesCase(t, []shot{{name: "zero.jpg", taken: "2017:10:01 10:00:00", lat: f64(0), lon: f64(0)}})
	s2, _ := c2.AddSite(ctx, NewSite{Name: "Null island", Lat: 0.0001, Lon: 0, RadiusM: 100})
	// The record keeps 0°, 0° as read, as no fix.
	if im, _ := c2.Image(ctx, ids2["zero.jpg"]); im == nil || im.Lat == nil || im.Lon == nil || !im.NoFix() {
		t.Fatalf("zero.jpg's 0°, 0° is not kept as read, as no fix: %+v", im)
	}
	if sug, _ := c2.SuggestImages(ctx, s2.ID); len(sug) != 0 {
		t.Errorf("0°,0° suggested: %+v", sug)
	}
}

// TestSiteNumbersRefused: bad numbers and names are refused, nothing is
// written.
func TestSiteNumbersRefused(t *testing.T) {
	ctx := context.Background()
	c := openTestCase(t)
	for _, n := range []NewSite{
		{Name: "a", Lat: math.NaN(), Lon: 1}, {Name: "a", Lat: 91, Lon: 1}, {Name: "a", Lat: 1, Lon: math.Inf(1)},
		{Name: "a", Lat: 1, Lon: 181}, {Name: "a", Lat: 1, Lon: 1, RadiusM: math.NaN()}, {Name: "a", Lat: 1, Lon: 1, RadiusM: -5},
		{Name: "a", Lat: 1, Lon: 1, RadiusM: 1e9}, {Name: "a", Lat: 1, Lon: 1, Precision: "NaN"},
		{Name: "a", Lat: 1, Lon: 1, Precision: "roughly"}, {Name: " ", Lat: 1, Lon: 1}, {Name: "42", Lat: 1, Lon: 1},
	} {
		if _, err := c.AddSite(ctx, n); err == nil {
			t.Errorf("%+v accepted", n)
		}
	}
	if ss, _ := c.Sites(ctx, true); len(ss) != 0 {
		t.Errorf("sites written: %d", len(ss))
	}
	s, err := c.AddSite(ctx, NewSite{Name: "Mosque", Lat: 35.9, Lon: 39, Precision: "25 m"})
	if err != nil || s.Precision != PrecisionMetres || s.PrecisionM != 25 || s.RadiusM != DefaultSiteRadius {
		t.Fatalf("%+v %v", s, err)
	}
	if _, err := c.AddSite(ctx, NewSite{Name: "mosque", Lat: 1, Lon: 1}); err == nil {
		t.Error("a second site named mosque accepted")
	}
	// Verified apart from the claimed position; removed, kept.
	if err := c.EditSite(ctx, s.ID, SiteEdit{Status: ptr("verified")}); err == nil {
		t.Error("verified without a verified position")
	}
	v := &struct {
		Lat, Lon float64
		How      string
	}{35.9001, 39.0002, "matched the minaret on a 2016 satellite image"}
	if err := c.EditSite(ctx, s.ID, SiteEdit{Verify: v, Note: "two witnesses", Tag: []string{"Religious"}}); err != nil {
		t.Fatal(err)
	}
	s, _ = c.FindSite(ctx, "MOSQUE")
	if s.Status != SiteVerified || s.Lat != 35.9 || s.Verified == nil || s.Verified.Lat != 35.9001 || s.Verified.How == "" ||
		len(s.Notes) != 1 || len(s.Tags) != 1 || s.Tags[0] != "religious" {
		t.Errorf("after edit: %+v %+v", s, s.Verified)
	}
	if err := c.RemoveSite(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.FindSite(ctx, "Mosque"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removed site found by name: %v", err)
	}
	if s, err := c.Site(ctx, s.ID); err != nil || s.RemovedAt == nil {
		t.Errorf("removed site not kept: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }

// A position is read "LAT,LON" as typed or pasted (spaces, a semicolon,
// or spaces alone between the two), and refused with what is wrong; a
// radius in metres, with or without its unit.
func TestParseLatLonAndRadius(t *testing.T) {
	for _, c := range []struct {
		in       string
		lat, lon float64
		err      string
	}{
		{"36.0,38.9", 36, 38.9, ""},
		{" 36.0, 38.9 ", 36, 38.9, ""},
		{"36.0 38.9", 36, 38.9, ""},
		{"-12.5;-77", -12.5, -77, ""},
		{"36.0", 0, 0, "want LAT,LON"},
		{"1,2,3", 0, 0, "want LAT,LON"},
		{"north,38.9", 0, 0, `"north" is not a number`},
		{"91,38.9", 0, 0, "latitude 91 must be a number within ±90"},
		{"36,181", 0, 0, "longitude 181 must be a number within ±180"},
		{"NaN,38.9", 0, 0, "latitude NaN"},
		{"36,1e309", 0, 0, "out of range"},
	} {
		lat, lon, err := ParseLatLon(c.in)
		switch {
		case c.err == "" && (err != nil || lat != c.lat || lon != c.lon):
			t.Errorf("ParseLatLon(%q) = %v, %v, %v; want %v, %v", c.in, lat, lon, err, c.lat, c.lon)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("ParseLatLon(%q) error %v, want one saying %q", c.in, err, c.err)
		}
	}
	for _, c := range []struct {
		in  string
		r   float64
		err string
	}{
		{"", DefaultSiteRadius, ""},
		{"120", 120, ""},
		{"120 m", 120, ""},
		{"7.5M", 7.5, ""},
		{"0", 0, "more than 0"},
		{"-4", 0, "more than 0"},
		{"200000", 0, "at most 100000"},
		{"Inf", 0, "more than 0"},
		{"wide", 0, `"wide" is not a number`},
	} {
		r, err := ParseRadius(c.in)
		switch {
		case c.err == "" && (err != nil || r != c.r):
			t.Errorf("ParseRadius(%q) = %v, %v; want %v", c.in, r, err, c.r)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("ParseRadius(%q) error %v, want one saying %q", c.in, err, c.err)
		}
	}
}
