package meta

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/exhibit-app/exhibit/internal/testkit"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// reference is ExifTool's reading of one corpus file (exiftool -n -json).
type reference map[string]any

func (r reference) str(k string) (string, bool) {
	v, ok := r[k]
	if !ok {
		return "", false
	}
	switch v := v.(type) {
	case string:
		return v, true
	case float64: // e.g. a Model made only of digits
		return strings.TrimSuffix(strings.TrimSuffix(jsonNumber(v), ".0"), ".00"), true
	}
	return "", false
}

func jsonNumber(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func (r reference) num(k string) (float64, bool) {
	v, ok := r[k].(float64)
	return v, ok
}

func loadReference(t *testing.T, root string) map[string]reference {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "exiftool-reference.json"))
	if err != nil {
		testkit.Missing(t, fmt.Sprintf("exiftool reference: %v", err))
	}
	var list []reference
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatalf("parse exiftool-reference.json: %v", err)
	}
	refs := make(map[string]reference, len(list))
	for _, r := range list {
		src, _ := r["SourceFile"].(string)
		refs[strings.TrimPrefix(src, "./")] = r
	}
	return refs
}

// imageTypes maps ExifTool's FileType to Meta.Format.
var imageTypes = map[string]string{"JPEG": "jpeg", "PNG": "png", "TIFF": "tiff", "WEBP": "webp", "GIF": "gif", "HEIC": "heic", "AVIF": "avif"}

// knownDifferences are the values where this package deliberately reads a
// corpus file differently from ExifTool 12.57. The test checks this
// package's value instead of ExifTool's, so the difference stays visible and
// any change to it fails.
var knownDifferences = map[string]map[string]any{
	// An HTC One M8 wrote its coordinates as text with a comma as both the
	// decimal mark and the separator: "52,00000,50,00000,34,01180" is
	// 52.00000° 50.00000' 34.01180". ExifTool takes the first three numbers
	// (52° 0' 50") and lands about 90 km away. The comma-decimal reading is
	// the right one: the GPSTimeStamp "17,00000,8,00000,29,00000" read the
	// same way is 17:08:29 UTC, 50 s before the photo's DateTimeOriginal
	// 19:09:19 in German summer time (UTC+2), while ExifTool's reading gives
	// 17:00:08. goexif reads it the same way as this package.
	"goexif/samples/geodegrees_as_string.jpg": {
		"GPSLatitude":  52 + 50.0/60 + 34.0118/3600,
		"GPSLongitude": 11 + 10.0/60 + 58.2836/3600,
	},
	// The Nokia 8.3 turns its HEIF pictures with the container's irot
	// (270°, which ExifTool shows as Rotation) and leaves EXIF orientation
	// at 1. HEIF readers apply irot and ignore EXIF's orientation, so the
	// orientation is irot's: a quarter turn clockwise, 6.
	"exif-samples/heic/mobile/HMD_Nokia_8.3_5G.heif": {"Orientation": 6},
}

// TestAgainstExiftool reads every file of the corpus and compares what Read
// finds with what ExifTool found. Every disagreement is a failure; files where
// this package deliberately reads differently are listed in knownDifferences
// with the reason.
func TestAgainstExiftool(t *testing.T) {
	root := corpusDir(t)
	refs := loadReference(t, root)
	for _, rel := range corpusFiles(t, root) {
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(root, rel))
			if err != nil {
				t.Fatal(err)
			}
			m, err := Read(data) // a panic here fails the test
			ref, ok := refs[rel]
			ft, _ := ref.str("FileType")
			format, isImage := imageTypes[ft]
			if !ok || !isImage {
				if !errors.Is(err, ErrNotImage) {
					t.Fatalf("Read of a non-image: got %+v, %v; want ErrNotImage", m, err)
				}
				if ok && strings.HasPrefix(string(data), "Exif\x00\x00") {
					// A bare EXIF block (ExifTool reads it as such): no image,
					// but the EXIF reader must agree with ExifTool.
					r := &reader{m: Meta{}}
					f := r.readEXIF(data[6:])
					f.apply(&r.m)
					r.m.Note = strings.Join(r.notes, "; ")
					compare(t, ref, r.m, nil)
				}
				return
			}
			if err != nil {
				if !strings.HasPrefix(err.Error(), "read "+format+": ") {
					t.Errorf("error without a clear message: %v", err)
				}
				if _, hasSize := ref["ImageWidth"]; hasSize {
					t.Fatalf("Read: %v (ExifTool read it)", err)
				}
				t.Logf("Read: %v", err)
				return
			}
			if m.Note != "" {
				t.Logf("Note: %s", m.Note)
			}
			if m.Format != format {
				t.Errorf("Format = %q, ExifTool says %s", m.Format, ft)
			}
			compare(t, ref, m, knownDifferences[rel])
		})
	}
}

func compare(t *testing.T, exiftool reference, m Meta, differences map[string]any) {
	t.Helper()
	ref := make(reference, len(exiftool))
	for k, v := range exiftool {
		ref[k] = v
	}
	for k, v := range differences {
		t.Logf("%s: expecting %v where ExifTool says %v (see knownDifferences)", k, v, exiftool[k])
		ref[k] = v
	}
	for _, k := range []struct {
		key string
		got int
	}{{"ImageWidth", m.Width}, {"ImageHeight", m.Height}, {"Orientation", m.Orientation}} {
		if want, ok := ref.num(k.key); ok && int(want) != k.got {
			t.Errorf("%s = %d, ExifTool %v", k.key, k.got, want)
		}
	}
	for _, k := range []struct{ key, got string }{{"Make", m.Make}, {"Model", m.Model}, {"LensModel", m.Lens}} {
		if want, ok := ref.str(k.key); ok && strings.TrimSpace(want) != k.got {
			t.Errorf("%s = %q, ExifTool %q", k.key, k.got, want)
		}
	}
	if want, ok := ref.str("DateTimeOriginal"); ok {
		clock, zone := want[:min(19, len(want))], want[min(19, len(want)):]
		switch {
		case m.TakenAt == nil:
			t.Errorf("TakenAt = nil, ExifTool DateTimeOriginal %q", want)
		case m.TakenAt.Format("2006:01:02 15:04:05") != clock:
			t.Errorf("TakenAt = %s, ExifTool DateTimeOriginal %q", m.TakenAt.Format("2006:01:02 15:04:05"), want)
		}
		if zone != "" {
			if z, _ := normOffset(zone); m.TakenOffset != z {
				t.Errorf("TakenOffset = %q, ExifTool DateTimeOriginal %q", m.TakenOffset, want)
			}
		}
	}
	if want, ok := ref.str("OffsetTimeOriginal"); ok && m.TakenOffset != want {
		t.Errorf("TakenOffset = %q, ExifTool OffsetTimeOriginal %q", m.TakenOffset, want)
	}
	for _, k := range []struct {
		key string
		got *float64
	}{{"GPSLatitude", m.Lat}, {"GPSLongitude", m.Lon}, {"GPSAltitude", m.Alt}, {"GPSImgDirection", m.Direction}} {
		want, ok := ref.num(k.key)
		switch {
		case !ok:
		case k.got == nil:
			t.Errorf("%s = nil, ExifTool %v", k.key, want)
		case math.Abs(*k.got-want) > 1e-6:
			t.Errorf("%s = %.9f, ExifTool %v", k.key, *k.got, want)
		}
	}
	if want, ok := ref.str("GPSDateTime"); ok {
		w, err := time.Parse("2006:01:02 15:04:05.999999999Z", want)
		switch {
		case err != nil:
			t.Errorf("bad reference GPSDateTime %q: %v", want, err)
		case m.GPSTime == nil:
			t.Errorf("GPSTime = nil, ExifTool %q", want)
		case m.GPSTime.Sub(w).Abs() > 5*time.Millisecond || m.GPSTime.Location() != time.UTC:
			t.Errorf("GPSTime = %s, ExifTool %q", m.GPSTime, want)
		}
	}
}
