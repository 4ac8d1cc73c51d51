package main

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// exiftoolJPEG writes a small JPEG at dir/name and gives it tags with
// ExifTool (a tool of the tests, never of Exhibit); the test fails when
// ExifTool is not installed.
func exiftoolJPEG(t *testing.T, dir, name string, tags ...string) {
	t.Helper()
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Fatalf("this test makes its files with exiftool, not installed: %v", err)
	}
	img := image.NewGray(image.Rect(0, 0, 24, 16))
	for i := range img.Pix {
		img.Pix[i] = uint8(i*13 + len(name)*31)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if len(tags) > 0 {
		if out, err := exec.Command("exiftool", append(append([]string{"-q", "-overwrite_original"}, tags...), p)...).CombinedOutput(); err != nil {
			t.Fatalf("exiftool %v: %v\n%s", tags, err, out)
		}
	}
}

// byName indexes ls --json output by file name.
func byName(t *testing.T, out string) map[string]map[string]any {
	t.Helper()
	m := map[string]map[string]any{}
	for _, v := range decode(t, out).([]any) {
		im := v.(map[string]any)
		m[filepath.Base(im["paths"].([]any)[0].(string))] = im
	}
	return m
}

func names(m map[string]map[string]any) string {
	var n []string
	for k := range m {
		n = append(n, k)
	}
	sortStrings(n)
	return strings.Join(n, " ")
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// TestTimesAndPositions covers where capture times come from, ModifyDate,
// 0°, 0°, the clock difference, asserted times and clock shifts, on files
// made with ExifTool.
func TestTimesAndPositions(t *testing.T) {
	src := t.TempDir()
	exiftoolJPEG(t, src, "clocks.jpg", "-Make=Canon", "-Model=Canon EOS 5D", "-DateTimeOriginal=2017:10:17 14:02:11",
		"-GPSDateStamp=2017:10:16", "-GPSTimeStamp=16:02:11", "-GPSLatitude=35.9528", "-GPSLatitudeRef=N",
		"-GPSLongitude=39.0079", "-GPSLongitudeRef=E")
	exiftoolJPEG(t, src, "modified.jpg", "-ModifyDate=2019:03:04 05:06:07")
	exiftoolJPEG(t, src, "nofix.jpg", "-DateTimeOriginal=2017:10:18 09:00:00", "-OffsetTimeOriginal=+03:00", "-SubSecTimeOriginal=5",
		"-GPSLatitude=0", "-GPSLatitudeRef=N", "-GPSLongitude=0", "-GPSLongitudeRef=E")
	exiftoolJPEG(t, src, "satellite.jpg")
	cs := filepath.Join(t.TempDir(), "T.exhibit")
	mustRun(t, "--case", cs, "import", src)
	ls := byName(t, mustRun(t, "--case", cs, "ls", "--json"))
	for _, im := range ls {
		hasKeys(t, "ls", im, "taken_at", "taken_at_source", "file_taken_at", "file_taken_at_source", "asserted",
			"clock_shift_s", "modified_at", "gps_fix", "clock_offset_s", "clock_offset_includes_zone")
	}

	t.Run("sources", func(t *testing.T) {
		c := ls["clocks.jpg"]
		if c["taken_at"] != "2017-10-17T14:02:11" || c["taken_at_source"] != "exif:DateTimeOriginal" || c["file_taken_at"] != c["taken_at"] {
			t.Errorf("clocks.jpg: %v from %v", c["taken_at"], c["taken_at_source"])
		}
		n := ls["nofix.jpg"]
		if n["taken_at"] != "2017-10-18T09:00:00.5+03:00" || n["taken_offset"] != "+03:00" {
			t.Errorf("nofix.jpg: %v %v: sub-seconds and offset kept?", n["taken_at"], n["taken_offset"])
		}
	})
	t.Run("a ModifyDate is no capture time", func(t *testing.T) {
		m := ls["modified.jpg"]
		if m["taken_at"] != nil || m["taken_at_source"] != nil || m["modified_at"] != "2019-03-04T05:06:07" {
			t.Errorf("modified.jpg: taken_at %v (%v), modified_at %v", m["taken_at"], m["taken_at_source"], m["modified_at"])
		}
		out := mustRun(t, "--case", cs, "show", "modified.jpg")
		if !strings.Contains(out, "Taken:         no capture time in the file") || !strings.Contains(out, "not a capture time") {
			t.Errorf("show:\n%s", out)
		}
	})
	t.Run("clock difference", func(t *testing.T) {
		c := ls["clocks.jpg"]
		if c["clock_offset_s"] != 79200.0 || c["clock_offset_includes_zone"] != true {
			t.Errorf("clocks.jpg: clock_offset_s %v, includes zone %v; want 79200, true", c["clock_offset_s"], c["clock_offset_includes_zone"])
		}
		if m := ls["modified.jpg"]; m["clock_offset_s"] != nil {
			t.Errorf("modified.jpg: clock_offset_s %v", m["clock_offset_s"])
		}
		if out := mustRun(t, "--case", cs, "show", "clocks.jpg"); !strings.Contains(out, "+22h0m0s (includes the time zone") {
			t.Errorf("show:\n%s", out)
		}
	})
	t.Run("0°, 0° is no fix", func(t *testing.T) {
		n := ls["nofix.jpg"]
		if n["gps_fix"] != false || n["lat"] != 0.0 || n["lon"] != 0.0 {
			t.Errorf("nofix.jpg: gps_fix %v lat %v lon %v", n["gps_fix"], n["lat"], n["lon"])
		}
		if ls["clocks.jpg"]["gps_fix"] != true || ls["satellite.jpg"]["gps_fix"] != nil {
			t.Error("gps_fix of clocks.jpg or satellite.jpg")
		}
		if got := names(byName(t, mustRun(t, "--case", cs, "ls", "--json", "--has-gps"))); got != "clocks.jpg" {
			t.Errorf("ls --has-gps: %s", got)
		}
		if got := names(byName(t, mustRun(t, "--case", cs, "ls", "--json", "--near", "0,0,50"))); got != "" {
			t.Errorf("ls --near 0,0,50: %s", got)
		}
		show := hasKeys(t, "show", decode(t, mustRun(t, "--case", cs, "show", "--json", "nofix.jpg")), "lat", "lon", "gps_fix")
		if show["gps_fix"] != false || show["lat"] != 0.0 {
			t.Errorf("show --json: %v", show)
		}
		if out := mustRun(t, "--case", cs, "show", "nofix.jpg"); !strings.Contains(out, "no fix (0°, 0°") {
			t.Errorf("show:\n%s", out)
		}
		gj := filepath.Join(t.TempDir(), "where.geojson")
		mustRun(t, "--case", cs, "export", "geojson", "-o", gj)
		b, err := os.ReadFile(gj)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "nofix.jpg") || !strings.Contains(string(b), "clocks.jpg") {
			t.Errorf("GeoJSON:\n%s", b)
		}
		if out := mustRun(t, "--case", cs, "map", "-o", filepath.Join(t.TempDir(), "m.png")); !strings.Contains(out, ": 1 images placed") {
			t.Errorf("map: %s", out)
		}
	})
	on16 := func() string {
		return names(byName(t, mustRun(t, "--case", cs, "ls", "--json", "--from", "2017-10-16", "--to", "2017-10-16")))
	}
	t.Run("asserted time", func(t *testing.T) {
		if _, err := run(t, "--case", cs, "date", "satellite.jpg", "2017-10-16T08:31:00Z"); err == nil {
			t.Error("date without --source")
		}
		if _, err := run(t, "--case", cs, "date", "satellite.jpg", "2017-10-16", "--source", "x"); err == nil {
			t.Error("a date alone was asserted")
		}
		mustRun(t, "--case", cs, "date", "satellite.jpg", "2017-10-16T08:31:00Z", "--source", "Maxar catalogue 104001003D6E7A00")
		s := hasKeys(t, "show", decode(t, mustRun(t, "--case", cs, "show", "--json", "satellite.jpg")), "asserted")
		a, _ := s["asserted"].(map[string]any)
		if s["taken_at"] != "2017-10-16T08:31:00Z" || s["taken_at_source"] != "asserted" || s["file_taken_at"] != nil ||
			a == nil || a["source"] != "Maxar catalogue 104001003D6E7A00" || a["by"] == "" {
			t.Errorf("asserted: %v", s)
		}
		if got := on16(); got != "satellite.jpg" {
			t.Errorf("ls --from/--to 2017-10-16: %s", got)
		}
		if out := mustRun(t, "--case", cs, "show", "satellite.jpg"); !strings.Contains(out, "asserted by ") || !strings.Contains(out, "no capture time in the file") {
			t.Errorf("show:\n%s", out)
		}
		mustRun(t, "--case", cs, "date", "satellite.jpg", "--clear")
		if got := on16(); got != "" {
			t.Errorf("after --clear, ls --from/--to 2017-10-16: %s", got)
		}
		if out := mustRun(t, "--case", cs, "audit"); !strings.Contains(out, "time.assert") || !strings.Contains(out, "time.clear") {
			t.Errorf("audit:\n%s", out)
		}
	})
	t.Run("clock shift", func(t *testing.T) {
		if _, err := run(t, "--case", cs, "clock", "Canon EOS 5D", "--shift", "-22h"); err == nil {
			t.Error("shift without --reason")
		}
		mustRun(t, "--case", cs, "clock", "Canon EOS 5D", "--shift", "-22h", "--reason", "clock 22 h ahead of its GPS")
		got := byName(t, mustRun(t, "--case", cs, "ls", "--json", "--from", "2017-10-16", "--to", "2017-10-16"))
		c := got["clocks.jpg"]
		if names(got) != "clocks.jpg" || c["taken_at"] != "2017-10-16T16:02:11" || c["taken_at_source"] != "exif:DateTimeOriginal" ||
			c["clock_shift_s"] != -79200.0 || c["file_taken_at"] != "2017-10-17T14:02:11" {
			t.Errorf("shifted: %s %v", names(got), c)
		}
		if out := mustRun(t, "--case", cs, "clock"); !strings.Contains(out, "-22h0m0s (clock 22 h ahead") {
			t.Errorf("clock:\n%s", out)
		}
		mustRun(t, "--case", cs, "clock", "Canon EOS 5D", "--clear")
		if got := on16(); got != "" {
			t.Errorf("after --clear: %s", got)
		}
		if out := mustRun(t, "--case", cs, "audit"); !strings.Contains(out, "clock.shift") || !strings.Contains(out, "clock.clear") {
			t.Errorf("audit:\n%s", out)
		}
	})
}

// reread on a case whose every capture time has its source reads
// nothing again and says so, in words and as an empty JSON array.
func TestRereadNothingToDo(t *testing.T) {
	src := t.TempDir()
	exiftoolJPEG(t, src, "modified.jpg", "-ModifyDate=2019:03:04 05:06:07")
	dir := filepath.Join(t.TempDir(), "case")
	if _, err := run(t, "--case", dir, "import", src); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "--case", dir, "reread", "--json")
	if err != nil || strings.TrimSpace(out) != "[]" {
		t.Errorf("reread --json: %q, %v", out, err)
	}
	out, err = run(t, "--case", dir, "reread")
	if err != nil || !strings.Contains(out, "nothing to read again") {
		t.Errorf("reread: %q, %v", out, err)
	}
}
