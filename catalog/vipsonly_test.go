package catalog

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportVipsOnlyFormats: a folder of a Photoshop file carrying a
// camera's EXIF and GPS (written by exiftool), a BMP and a JPEG 2000
// (written by ImageMagick) is cataloged as three pictures: the Photoshop
// file with its capture time, its source, camera and position as exiftool
// reads them, and its every tag listed, the others with their size.
func TestImportVipsOnlyFormats(t *testing.T) {
	for _, tool := range []string{"convert", "exiftool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("this test makes its files with %s, not installed: %v", tool, err)
		}
	}
	dir := t.TempDir()
	src := filepath.Join(corpusDir(t), "exif-samples", "jpg", "Canon_40D.jpg")
	for _, name := range []string{"a.psd", "b.bmp", "c.jp2"} {
		if out, err := exec.Command("convert", src, "-resize", "120x80!", filepath.Join(dir, name)).CombinedOutput(); err != nil {
			t.Fatalf("convert %s: %v\n%s", name, err, out)
		}
	}
	psd := filepath.Join(dir, "a.psd")
	if out, err := exec.Command("exiftool", "-q", "-overwrite_original", "-Make=Exhibit Test", "-Model=PSD-1",
		"-DateTimeOriginal=2017:10:12 09:41:07", "-GPSLatitude=35.9521", "-GPSLatitudeRef=N",
		"-GPSLongitude=39.0099", "-GPSLongitudeRef=E", psd).CombinedOutput(); err != nil {
		t.Fatalf("exiftool: %v\n%s", err, out)
	}
	c := openTestCase(t)
	ctx := context.Background()
	res, err := c.Import(ctx, []string{dir}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 3 || res.Pictures != 3 || len(res.NoPicture)+len(res.Failed)+len(res.Skipped) != 0 {
		t.Fatalf("import: %d added, %d pictures, no picture %v, failed %v, skipped %v", res.Added, res.Pictures, res.NoPicture, res.Failed, res.Skipped)
	}
	for _, name := range []string{"a.psd", "b.bmp", "c.jp2"} {
		im, err := c.FindImage(ctx, filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if im.Width != 120 || im.Height != 80 || !im.Decoded || !c.hasThumb(im.SHA256) {
			t.Errorf("%s: %s %d×%d, decoded %v", name, im.Format, im.Width, im.Height, im.Decoded)
		}
	}
	im, err := c.FindImage(ctx, psd)
	if err != nil {
		t.Fatal(err)
	}
	if im.Format != "psd" || im.TakenAt == nil || im.TakenAt.Format("2006-01-02 15:04:05") != "2017-10-12 09:41:07" ||
		im.TakenSource != "exif:DateTimeOriginal" || im.Make != "Exhibit Test" || im.Lat == nil || *im.Lat < 35.952 || *im.Lat > 35.9522 {
		t.Errorf("a.psd: %s taken %v (%s), make %q, lat %v", im.Format, im.TakenAt, im.TakenSource, im.Make, im.Lat)
	}
	tags, _, err := c.FileTags(ctx, im)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, tg := range tags {
		found[tg.Group+":"+tg.Name] = tg.Value
	}
	if found["ExifIFD:DateTimeOriginal"] != "2017:10:12 09:41:07" || found["IFD0:Model"] != "PSD-1" {
		t.Errorf("a.psd's tags: DateTimeOriginal %q, Model %q", found["ExifIFD:DateTimeOriginal"], found["IFD0:Model"])
	}
}

// TestImportGuardsImageMagick: a BMP is decoded with its mark in
// cache/decoding/ and the mark removed after; a BMP whose mark an earlier
// import left (it stopped while ImageMagick read it) is cataloged without
// a picture, saying why, and not decoded again.
func TestImportGuardsImageMagick(t *testing.T) {
	if _, err := exec.LookPath("convert"); err != nil {
		t.Fatalf("this test makes its files with convert, not installed: %v", err)
	}
	dir := t.TempDir()
	src := filepath.Join(corpusDir(t), "exif-samples", "jpg", "Canon_40D.jpg")
	for i, name := range []string{"a.bmp", "b.bmp"} {
		if out, err := exec.Command("convert", src, "-resize", fmt.Sprintf("%dx80!", 100+i), filepath.Join(dir, name)).CombinedOutput(); err != nil {
			t.Fatalf("convert: %v\n%s", err, out)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "b.bmp"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	c := openTestCase(t)
	mark := c.decodingMark(hex.EncodeToString(sum[:]))
	if err := os.MkdirAll(filepath.Dir(mark), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mark, []byte("left by a crash\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := c.Import(context.Background(), []string{dir}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pictures != 1 || len(res.NoPicture) != 1 || filepath.Base(res.NoPicture[0].Path) != "b.bmp" ||
		!strings.Contains(res.NoPicture[0].Error, "an earlier import stopped while its decoder") {
		t.Fatalf("import: %d pictures, no picture %+v", res.Pictures, res.NoPicture)
	}
	left, _ := os.ReadDir(filepath.Dir(mark))
	if len(left) != 1 || left[0].Name() != filepath.Base(mark) {
		t.Errorf("cache/decoding/ holds %v; want only the mark left by the crash", left)
	}
}
