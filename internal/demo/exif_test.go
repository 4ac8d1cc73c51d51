package demo

import (
	"bytes"
	"encoding/json"
	"github.com/exhibit-app/exhibit/internal/testkit"
	"math"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/rwcarlsen/goexif/exif"
)

func TestGPSDMS(t *testing.T) {
	tests := []struct {
		in   float64
		want [3][2]uint32
	}{
		{20.345, [3][2]uint32{{20, 1}, {20, 1}, {420000, 10000}}},
		{-0.5, [3][2]uint32{{0, 1}, {30, 1}, {0, 10000}}},
		{50.77500001, [3][2]uint32{{50, 1}, {46, 1}, {300000, 10000}}},
		{179.99999999, [3][2]uint32{{180, 1}, {0, 1}, {0, 10000}}},
	}
	for _, tc := range tests {
		if got := gpsDMS(tc.in); got != tc.want {
			t.Errorf("gpsDMS(%v) = %v, want %v", tc.in, got, tc.want)
		}
		q := quantizeDMS(tc.in)
		if math.Abs(q-tc.in) > 0.5/3600/10000+1e-12 {
			t.Errorf("quantizeDMS(%v) = %v: off by more than half a step", tc.in, q)
		}
		if quantizeDMS(q) != q {
			t.Errorf("quantizeDMS is not stable at %v", q)
		}
	}
}

func TestOffsetString(t *testing.T) {
	tests := []struct {
		off  int
		want string
	}{{3 * 3600, "+03:00"}, {0, "+00:00"}, {-(4*3600 + 1800), "-04:30"}, {5*3600 + 2700, "+05:45"}}
	for _, tc := range tests {
		tm := time.Date(2017, 10, 14, 12, 0, 0, 0, time.FixedZone("", tc.off))
		if got := offsetString(tm); got != tc.want {
			t.Errorf("offset %d: %q, want %q", tc.off, got, tc.want)
		}
	}
}

func TestExifRejectsBadInput(t *testing.T) {
	if _, err := withExif([]byte("GIF89a"), []byte{0xFF, 0xE1, 0, 2}); err == nil {
		t.Error("withExif accepted a GIF")
	}
	x := exifInfo{Orientation: 9, Taken: at(14, 0, 0, 0)}
	if _, err := x.app1(); err == nil {
		t.Error("app1 accepted orientation 9")
	}
	x = exifInfo{Orientation: 1, Alt: -3, Taken: at(14, 0, 0, 0)}
	if _, err := x.app1(); err == nil {
		t.Error("app1 accepted a negative altitude it cannot write")
	}
}

// TestExifReadsBackGoexif checks every generated file with goexif, which
// the catalog reads metadata with.
func TestExifReadsBackGoexif(t *testing.T) {
	_, images, _ := generated(t)
	for _, f := range images {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		x, err := exif.Decode(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: goexif: %v", f.Role, err)
			continue
		}
		str := func(name exif.FieldName) string {
			tag, err := x.Get(name)
			if err != nil {
				return "<" + err.Error() + ">"
			}
			s, err := tag.StringVal()
			if err != nil {
				return "<" + err.Error() + ">"
			}
			return s
		}
		rat := func(name exif.FieldName, i int) float64 {
			tag, err := x.Get(name)
			if err != nil {
				t.Errorf("%s: %s: %v", f.Role, name, err)
				return math.NaN()
			}
			n, d, err := tag.Rat2(i)
			if err != nil || d == 0 {
				t.Errorf("%s: %s: %v", f.Role, name, err)
				return math.NaN()
			}
			return float64(n) / float64(d)
		}
		intv := func(name exif.FieldName) int {
			tag, err := x.Get(name)
			if err != nil {
				return -1
			}
			v, err := tag.Int(0)
			if err != nil {
				return -1
			}
			return v
		}
		want := map[exif.FieldName]string{
			exif.Make:               f.Make,
			exif.Model:              f.Model,
			exif.DateTimeOriginal:   f.TakenAt.Format("2006:01:02 15:04:05"),
			exif.DateTime:           f.TakenAt.Format("2006:01:02 15:04:05"),
			exif.GPSLatitudeRef:     "N",
			exif.GPSLongitudeRef:    "E",
			exif.GPSImgDirectionRef: "T",
			exif.GPSDateStamp:       f.TakenAt.UTC().Format("2006:01:02"),
		}
		if f.Lens != "" {
			want[exif.LensModel] = f.Lens
		}
		for name, w := range want {
			if got := str(name); got != w {
				t.Errorf("%s: %s = %q, want %q", f.Role, name, got, w)
			}
		}
		if got := intv(exif.Orientation); got != f.Orientation {
			t.Errorf("%s: Orientation %d, want %d", f.Role, got, f.Orientation)
		}
		if got := intv(exif.PixelXDimension); got != f.Width {
			t.Errorf("%s: PixelXDimension %d, want %d", f.Role, got, f.Width)
		}
		lat, lon, err := x.LatLong()
		if err != nil || math.Abs(lat-f.Lat) > 1e-9 || math.Abs(lon-f.Lon) > 1e-9 {
			t.Errorf("%s: LatLong %v, %v (%v), want %v, %v", f.Role, lat, lon, err, f.Lat, f.Lon)
		}
		if got := rat(exif.GPSAltitude, 0); math.Abs(got-f.Alt) > 1e-9 {
			t.Errorf("%s: GPSAltitude %v, want %v", f.Role, got, f.Alt)
		}
		if got := intv(exif.GPSAltitudeRef); got != 0 {
			t.Errorf("%s: GPSAltitudeRef %d, want 0", f.Role, got)
		}
		if got := rat(exif.GPSImgDirection, 0); math.Abs(got-f.Direction) > 1e-9 {
			t.Errorf("%s: GPSImgDirection %v, want %v", f.Role, got, f.Direction)
		}
		u := f.TakenAt.UTC()
		for i, w := range []int{u.Hour(), u.Minute(), u.Second()} {
			if got := rat(exif.GPSTimeStamp, i); got != float64(w) {
				t.Errorf("%s: GPSTimeStamp[%d] %v, want %d", f.Role, i, got, w)
			}
		}
		if dt, err := x.DateTime(); err != nil || dt.Format("2006-01-02 15:04:05") != f.TakenAt.Format("2006-01-02 15:04:05") {
			t.Errorf("%s: DateTime() %v (%v), want the clock time of %v", f.Role, dt, err, f.TakenAt)
		}
	}
}

// TestExifReadsBackExiftool checks every field with ExifTool, the
// reference reader, including the offsets goexif does not know.
func TestExifReadsBackExiftool(t *testing.T) {
	tool, err := exec.LookPath("exiftool")
	if err != nil {
		testkit.Missing(t, "exiftool not installed (Debian: libimage-exiftool-perl)")
	}
	_, images, _ := generated(t)
	args := []string{"-n", "-json", "-G", "-EXIF:all"}
	for _, f := range images {
		args = append(args, f.Path)
	}
	out, err := exec.Command(tool, args...).Output()
	if err != nil {
		t.Fatalf("exiftool: %v", err)
	}
	var recs []map[string]any
	if err := json.Unmarshal(out, &recs); err != nil {
		t.Fatalf("exiftool output: %v", err)
	}
	if len(recs) != len(images) {
		t.Fatalf("exiftool read %d files, want %d", len(recs), len(images))
	}
	for i, f := range images {
		r := recs[i]
		if r["SourceFile"] != f.Path {
			t.Fatalf("record %d is %v, want %s", i, r["SourceFile"], f.Path)
		}
		clock := f.TakenAt.Format("2006:01:02 15:04:05")
		u := f.TakenAt.UTC()
		strs := map[string]string{
			"EXIF:Make":               f.Make,
			"EXIF:Model":              f.Model,
			"EXIF:DateTimeOriginal":   clock,
			"EXIF:CreateDate":         clock,
			"EXIF:OffsetTimeOriginal": "+03:00",
			"EXIF:OffsetTime":         "+03:00",
			"EXIF:GPSLatitudeRef":     "N",
			"EXIF:GPSLongitudeRef":    "E",
			"EXIF:GPSImgDirectionRef": "T",
			"EXIF:GPSDateStamp":       u.Format("2006:01:02"),
			"EXIF:GPSTimeStamp":       u.Format("15:04:05"),
			"EXIF:ExifVersion":        "0232",
		}
		if f.Lens != "" {
			strs["EXIF:LensModel"] = f.Lens
		} else if _, ok := r["EXIF:LensModel"]; ok {
			t.Errorf("%s: LensModel present, none written", f.Role)
		}
		for k, w := range strs {
			got, _ := r[k].(string)
			if k == "EXIF:GPSTimeStamp" {
				got = normTime(r[k])
			}
			if got != w {
				t.Errorf("%s: %s = %v, want %q", f.Role, k, r[k], w)
			}
		}
		nums := map[string]float64{
			"EXIF:Orientation":     float64(f.Orientation),
			"EXIF:GPSLatitude":     f.Lat,
			"EXIF:GPSLongitude":    f.Lon,
			"EXIF:GPSAltitude":     f.Alt,
			"EXIF:GPSAltitudeRef":  0,
			"EXIF:GPSImgDirection": f.Direction,
			"EXIF:ExifImageWidth":  float64(f.Width),
			"EXIF:ExifImageHeight": float64(f.Height),
		}
		for k, w := range nums {
			got, ok := r[k].(float64)
			if !ok || math.Abs(got-w) > 1e-7 {
				t.Errorf("%s: %s = %v, want %v", f.Role, k, r[k], w)
			}
		}
		for k := range r {
			if strings.Contains(k, "Warning") {
				t.Errorf("%s: exiftool warns: %v", f.Role, r[k])
			}
		}
	}
}

// normTime writes an exiftool -n GPSTimeStamp ("8:5:3" or "08:05:03") as
// hh:mm:ss.
func normTime(v any) string {
	s, _ := v.(string)
	parts := strings.Split(s, ":")
	if len(parts) != 3 {
		return s
	}
	for i, p := range parts {
		if len(p) == 1 {
			parts[i] = "0" + p
		}
	}
	return strings.Join(parts, ":")
}
