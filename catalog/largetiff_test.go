package catalog

import (
	"context"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// writeTIFFWithIFDAt writes a 64×48 RGB TIFF at path, its pixels right
// after the header and its directory at offset ifd: past a hole (a sparse
// file) when ifd is large, as libtiff and libvips write big files, the
// directory after the pixels.
func writeTIFFWithIFDAt(t *testing.T, path string, ifd int64) {
	t.Helper()
	const w, h = 64, 48
	le := binary.LittleEndian
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head := make([]byte, 8)
	copy(head, "II*\x00")
	le.PutUint32(head[4:], uint32(ifd))
	pix := make([]byte, w*h*3)
	for i := range pix {
		pix[i] = byte(i * 7)
	}
	if _, err := f.Write(append(head, pix...)); err != nil {
		t.Fatal(err)
	}
	type entry struct {
		tag, typ uint16
		count    uint32
		value    uint32
	}
	const short, long = 3, 4
	entries := []entry{
		{256, short, 1, w}, {257, short, 1, h}, {258, short, 3, uint32(ifd) + 2 + 10*12 + 4},
		{259, short, 1, 1}, {262, short, 1, 2}, {273, long, 1, 8}, {277, short, 1, 3},
		{278, short, 1, h}, {279, long, 1, w * h * 3}, {284, short, 1, 1},
	}
	d := make([]byte, 2, 2+len(entries)*12+4+6)
	le.PutUint16(d, uint16(len(entries)))
	for _, e := range entries {
		b := make([]byte, 12)
		le.PutUint16(b, e.tag)
		le.PutUint16(b[2:], e.typ)
		le.PutUint32(b[4:], e.count)
		if e.typ == short && e.count == 1 {
			le.PutUint16(b[8:], uint16(e.value))
		} else {
			le.PutUint32(b[8:], e.value)
		}
		d = append(d, b...)
	}
	d = append(d, 0, 0, 0, 0)                    // no next directory
	d = append(d, 8, 0, 8, 0, 8, 0)              // BitsPerSample 8, 8, 8
	if _, err := f.WriteAt(d, ifd); err != nil { // past a hole
		t.Fatal(err)
	}
}

// A TIFF too large to read whole (over 512 MB) whose directory follows
// its pixels, far past its start: its size and pixels are read (the file
// mapped, only what is read loaded), not "metadata but no image data".
func TestLargeTIFFDirectoryAfterItsPixels(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "scene.tif")
	writeTIFFWithIFDAt(t, path, maxInMemory+64<<20)
	c, im := importOnePicture(t, dir, path)
	if im.Width != 64 || im.Height != 48 || !im.Decoded {
		t.Errorf("scene.tif: %d × %d, decoded %v", im.Width, im.Height, im.Decoded)
	}
	if _, err := os.Stat(c.ThumbPath(im.SHA256)); err != nil {
		t.Errorf("no thumbnail: %v", err)
	}
}

// A BigTIFF (64-bit offsets) is a picture: its size read from its tags,
// its pixels decoded, with no note (its tags are read).
func TestBigTIFFIsAPicture(t *testing.T) {
	if _, err := exec.LookPath("vips"); err != nil {
		t.Fatalf("this test makes a BigTIFF with vips (libvips-tools), not installed: %v", err)
	}
	dir := t.TempDir()
	small := filepath.Join(dir, "small.tif")
	writeTIFFWithIFDAt(t, small, 8+64*48*3)
	big := filepath.Join(dir, "big.tif")
	if out, err := exec.Command("vips", "copy", small, big+"[bigtiff]").CombinedOutput(); err != nil {
		t.Fatalf("vips: %v\n%s", err, out)
	}
	if err := os.Remove(small); err != nil {
		t.Fatal(err)
	}
	_, im := importOnePicture(t, dir, big)
	if im.Format != "tiff" || im.Width != 64 || im.Height != 48 || !im.Decoded || im.MetaNote != "" {
		t.Errorf("big.tif: %s %d × %d, decoded %v, note %q", im.Format, im.Width, im.Height, im.Decoded, im.MetaNote)
	}
}

// importOnePicture imports dir, which holds the one file path, into a new
// case and returns the case and the image, failing unless it was added
// as a picture.
func importOnePicture(t *testing.T, dir, path string) (*Case, *Image) {
	t.Helper()
	c := openTestCase(t)
	ctx := context.Background()
	res, err := c.Import(ctx, []string{dir}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 1 || len(res.NoPicture) != 0 || len(res.Failed) != 0 {
		t.Fatalf("import: added %d, no picture %v, failed %v", res.Added, res.NoPicture, res.Failed)
	}
	im, err := c.FindImage(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	return c, im
}
