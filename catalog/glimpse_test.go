package catalog

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportGlimpses: before it hashes anything, an import hands over one
// glimpse per file it is about to read, with the thumbnail the camera
// embedded, byte for byte as exiftool extracts it (-b -ThumbnailImage,
// else the second MPF image), and the EXIF orientation. Nothing is
// cataloged yet then; an import with nothing to read glimpses nothing.
func TestImportGlimpses(t *testing.T) {
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Fatalf("this test checks against exiftool, not installed: %v", err)
	}
	dir := filepath.Join(corpusDir(t), "exif-samples", "jpg")
	out, err := exec.Command("exiftool", "-j", "-b", "-n", "-ThumbnailImage", "-MPImage2", "-Orientation", dir).Output()
	if err != nil {
		t.Fatalf("exiftool: %v", err)
	}
	var ref []struct {
		SourceFile     string
		ThumbnailImage string
		MPImage2       string
		Orientation    int
	}
	if err := json.Unmarshal(out, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref) < 20 {
		t.Fatalf("exiftool read %d files of %s; want the corpus's JPEGs", len(ref), dir)
	}

	c := openTestCase(t)
	ctx := context.Background()
	var got map[string]Glimpse
	calls := 0
	_, err = c.Import(ctx, []string{dir}, ImportOptions{Workers: 2, Glimpses: func(gs []Glimpse) {
		calls++
		if n, err := c.CountImages(ctx); err != nil || n != 0 {
			t.Errorf("glimpses: %d images cataloged already (%v); want none", n, err)
		}
		got = map[string]Glimpse{}
		for _, g := range gs {
			got[g.Path] = g
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Fatalf("Glimpses called %d times; want once", calls)
	}
	withPreview := 0
	for _, r := range ref {
		path := absPath(r.SourceFile)
		g, ok := got[path]
		if !ok {
			t.Errorf("%s: no glimpse", r.SourceFile)
			continue
		}
		fi, err := os.Stat(path)
		if err != nil || g.Size != fi.Size() {
			t.Errorf("%s: glimpse size %d; the file has %d (%v)", r.SourceFile, g.Size, fi.Size(), err)
		}
		want := refBinary(t, r.ThumbnailImage)
		if want == nil {
			want = refBinary(t, r.MPImage2)
		}
		if !bytes.Equal(g.Preview, want) {
			t.Errorf("%s: glimpse preview of %d bytes; exiftool extracts %d", filepath.Base(r.SourceFile), len(g.Preview), len(want))
		}
		if want != nil {
			withPreview++
			if r.Orientation != 0 && g.Orientation != r.Orientation {
				t.Errorf("%s: glimpse orientation %d; exiftool reads %d", filepath.Base(r.SourceFile), g.Orientation, r.Orientation)
			}
		}
	}
	if withPreview < 10 {
		t.Errorf("only %d of the corpus's JPEGs have a preview by exiftool; the test checks too little", withPreview)
	}

	// Again: only what is read again (the files cataloged without
	// pixels, which a decoder may get now) is glimpsed.
	var again []Glimpse
	res, err := c.Import(ctx, []string{dir}, ImportOptions{Glimpses: func(gs []Glimpse) { again = gs }})
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != len(got)-res.Unchanged || len(again) == len(got) {
		t.Errorf("the import again glimpsed %d files; %d were unchanged of %d", len(again), res.Unchanged, len(got))
	}
}

// refBinary decodes a binary value of exiftool -j -b ("base64:...").
func refBinary(t *testing.T, v string) []byte {
	t.Helper()
	if v == "" {
		return nil
	}
	b, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(v, "base64:"))
	if err != nil {
		t.Fatalf("exiftool binary value: %v", err)
	}
	return b
}

// TestGlimpseOf: a file's glimpse reads its head only (a thumbnail past
// it is not found), and a file that is no JPEG, empty or gone has a
// glimpse without a preview.
func TestGlimpseOf(t *testing.T) {
	dir := t.TempDir()
	thumb := encodeJPEG(t, halves(40, 20, green, blue))
	main := encodeJPEG(t, halves(400, 200, red, blue))
	// An APP2 segment of 64 KB-1 before the EXIF one, thrice: the EXIF
	// block starts past the head.
	pad := append([]byte{0xFF, 0xE2, 0xFF, 0xFF}, make([]byte, 0xFFFF-2)...)
	late := append(append([]byte{0xFF, 0xD8}, append(pad, append(pad, pad...)...)...), exifJPEG(main, 6, thumb)[2:]...)
	files := map[string][]byte{
		"up.jpg":    exifJPEG(main, 6, thumb),
		"late.jpg":  late,
		"empty.jpg": nil,
		"notes.jpg": []byte("not a picture at all"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	buf := make([]byte, glimpseHead)
	cases := []struct {
		name        string
		preview     []byte
		orientation int
	}{
		{"up.jpg", thumb, 6},
		{"late.jpg", nil, 0},
		{"empty.jpg", nil, 0},
		{"notes.jpg", nil, 0},
		{"gone.jpg", nil, 0},
	}
	for _, tc := range cases {
		path := filepath.Join(dir, tc.name)
		g := glimpseOf(candidate{path: path, size: int64(len(files[tc.name]))}, buf)
		if g.Path != path || !bytes.Equal(g.Preview, tc.preview) || g.Orientation != tc.orientation {
			t.Errorf("%s: glimpse %s, %d-byte preview, orientation %d; want %d bytes, orientation %d",
				tc.name, g.Path, len(g.Preview), g.Orientation, len(tc.preview), tc.orientation)
		}
	}
	if embeddedPreview(late) == nil {
		t.Error("late.jpg: the whole file holds no thumbnail; the case tests nothing")
	}
}

// TestExifEnd: a glimpse reads a JPEG up to the end of its EXIF block,
// found from its first bytes; when a segment before it runs past them,
// as much as a glimpse may.
func TestExifEnd(t *testing.T) {
	main := encodeJPEG(t, halves(40, 20, red, blue))
	withExif := exifJPEG(main, 1, encodeJPEG(t, halves(16, 8, green, blue)))
	app1 := 4 + (int(withExif[4])<<8 | int(withExif[5])) // SOI, the marker, then the length counting itself
	app2 := append([]byte{0xFF, 0xD8, 0xFF, 0xE2, 0x20, 0x00}, make([]byte, 0x2000)...)
	cases := []struct {
		name string
		head []byte
		want int
	}{
		{"exif first", withExif[:min(len(withExif), glimpseProbe)], app1},
		{"no exif", main[:min(len(main), glimpseProbe)], bytes.Index(main, []byte{0xFF, 0xDA})},
		{"an 8 KB segment first", app2[:glimpseProbe], glimpseHead},
	}
	for _, tc := range cases {
		if got := exifEnd(tc.head); got != tc.want {
			t.Errorf("%s: exifEnd = %d, want %d", tc.name, got, tc.want)
		}
	}
}
