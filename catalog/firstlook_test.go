package catalog

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"github.com/exhibit-app/exhibit/catalog/picture"
)

// halves returns a w×h image, its left half a and its right half b.
func halves(w, h int, a, b color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			if x < w/2 {
				img.SetRGBA(x, y, a)
			} else {
				img.SetRGBA(x, y, b)
			}
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// exifJPEG returns main with an EXIF block (big-endian) holding the
// orientation in IFD0 and, when thumb is not nil, thumb as IFD1's JPEG
// thumbnail.
func exifJPEG(main []byte, orientation int, thumb []byte) []byte {
	o := binary.BigEndian
	var t []byte
	t = append(t, "MM\x00*"...)
	t = o.AppendUint32(t, 8)
	entry := func(tag, typ uint16, count, value uint32) {
		t = o.AppendUint16(t, tag)
		t = o.AppendUint16(t, typ)
		t = o.AppendUint32(t, count)
		if typ == 3 {
			t = o.AppendUint16(t, uint16(value))
			t = o.AppendUint16(t, 0)
		} else {
			t = o.AppendUint32(t, value)
		}
	}
	// IFD0 at 8: one entry (18 bytes), then IFD1 at 26: two entries (30 bytes), then the thumbnail at 56.
	t = o.AppendUint16(t, 1)
	entry(0x0112, 3, 1, uint32(orientation))
	if thumb == nil {
		t = o.AppendUint32(t, 0)
	} else {
		t = o.AppendUint32(t, 26)
		t = o.AppendUint16(t, 2)
		entry(0x0201, 4, 1, 56)
		entry(0x0202, 4, 1, uint32(len(thumb)))
		t = o.AppendUint32(t, 0)
		t = append(t, thumb...)
	}
	seg := append([]byte("Exif\x00\x00"), t...)
	out := []byte{0xFF, 0xD8, 0xFF, 0xE1}
	out = o.AppendUint16(out, uint16(len(seg)+2))
	out = append(out, seg...)
	return append(out, main[2:]...)
}

// mpfJPEG returns main with an MPF block (little-endian) whose second
// entry is preview, appended after main's end, as cameras store it.
func mpfJPEG(main, preview []byte) []byte {
	o := binary.LittleEndian
	var t []byte
	t = append(t, "II*\x00"...)
	t = o.AppendUint32(t, 8)
	// The MP Index IFD at 8: one entry (MPEntry, 32 bytes at 26), no next IFD.
	t = o.AppendUint16(t, 1)
	t = o.AppendUint16(t, 0xB002)
	t = o.AppendUint16(t, 7)
	t = o.AppendUint32(t, 32)
	t = o.AppendUint32(t, 26)
	t = o.AppendUint32(t, 0)
	seg := append([]byte("MPF\x00"), t...)
	segLen := len(seg) + 32
	base := 2 + 4 + 4 // SOI, APP2 marker and length, "MPF\0"
	fileLen := 2 + 4 + segLen + len(main) - 2
	entries := o.AppendUint32(nil, 0x030000)
	entries = o.AppendUint32(entries, uint32(fileLen))
	entries = o.AppendUint32(entries, 0)
	entries = o.AppendUint32(entries, 0)
	entries = o.AppendUint32(entries, 0x010002)
	entries = o.AppendUint32(entries, uint32(len(preview)))
	entries = o.AppendUint32(entries, uint32(fileLen-base))
	entries = o.AppendUint32(entries, 0)
	seg = append(seg, entries...)
	out := []byte{0xFF, 0xD8, 0xFF, 0xE2}
	out = binary.BigEndian.AppendUint16(out, uint16(segLen+2))
	out = append(out, seg...)
	out = append(out, main[2:]...)
	return append(out, preview...)
}

var (
	red   = color.RGBA{255, 0, 0, 255}
	blue  = color.RGBA{0, 0, 255, 255}
	green = color.RGBA{0, 255, 0, 255}
)

// near reports whether the pixel at (x, y) of img is close to want.
func near(img image.Image, x, y int, want color.RGBA) bool {
	r, g, b, _ := img.At(img.Bounds().Min.X+x, img.Bounds().Min.Y+y).RGBA()
	d := func(a uint32, b uint8) bool { return int(a>>8)-int(b) < 60 && int(b)-int(a>>8) < 60 }
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

func readJPEGFile(t testing.TB, path string) image.Image {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := picture.Decode(data, "jpeg", 0)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestEmbeddedPreview finds the EXIF thumbnail of the shared corpus's
// camera JPEGs and of a made one, and none where there is none.
func TestEmbeddedPreview(t *testing.T) {
	thumb := encodeJPEG(t, halves(40, 20, green, blue))
	main := encodeJPEG(t, halves(400, 200, red, blue))
	cases := []struct {
		name string
		data []byte
		want []byte
	}{
		{"exif thumbnail", exifJPEG(main, 1, thumb), thumb},
		{"mpf preview", mpfJPEG(main, thumb), thumb},
		{"mpf preview pointing past the end", mpfJPEG(main, thumb)[:len(main)+60], nil},
		{"no thumbnail", exifJPEG(main, 1, nil), nil},
		{"no exif", main, nil},
		{"cut in its exif", exifJPEG(main, 1, thumb)[:60], nil},
		{"not a jpeg", []byte("GIF89a......"), nil},
	}
	for _, tc := range cases {
		if got := embeddedPreview(tc.data); !bytes.Equal(got, tc.want) {
			t.Errorf("%s: got %d bytes, want %d", tc.name, len(got), len(tc.want))
		}
	}
	dir := filepath.Join("..", "..", "shared", "corpus", "exif-samples", "jpg")
	for _, name := range []string{"Canon_40D.jpg", "Nikon_D70.jpg", "Fujifilm_FinePix6900ZOOM.jpg"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, os.ErrNotExist) {
			t.Skipf("the shared corpus is absent (%s)", dir)
		}
		if err != nil {
			t.Fatal(err)
		}
		emb := embeddedPreview(data)
		if emb == nil {
			t.Errorf("%s: no embedded thumbnail found", name)
			continue
		}
		if _, err := jpeg.DecodeConfig(bytes.NewReader(emb)); err != nil {
			t.Errorf("%s: embedded thumbnail: %v", name, err)
		}
	}
}

// writeFirstLookFolder writes two JPEGs: up.jpg (orientation 6, with an
// EXIF thumbnail of other colours than its picture, so that the
// provisional thumbnail can be told from the real one) and plain.jpg
// (no thumbnail).
func writeFirstLookFolder(t *testing.T) (dir string) {
	dir = t.TempDir()
	main := encodeJPEG(t, halves(400, 200, red, blue))
	up := exifJPEG(main, 6, encodeJPEG(t, halves(40, 20, green, blue)))
	plain := exifJPEG(encodeJPEG(t, halves(300, 200, blue, red)), 1, nil)
	for name, data := range map[string][]byte{"up.jpg": up, "plain.jpg": plain} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// shaOf returns the SHA-256 the case holds for the image at path.
func shaOf(t *testing.T, c *Case, path string) string {
	t.Helper()
	var sha string
	err := c.rd.QueryRow(`SELECT i.sha256 FROM images i JOIN locations l ON l.image_id = i.id WHERE l.path = ?`, absPath(path)).Scan(&sha)
	if err != nil {
		t.Fatalf("%s not cataloged: %v", path, err)
	}
	return sha
}

// TestImportFirstLook: once the first pass is done, the JPEG with an EXIF
// thumbnail is cataloged with a provisional thumbnail, upright (orientation
// 6 turns its green left half to the top), which ThumbNow gives; the one
// without waits. At the end both have their real thumbnails (red on top:
// made from the picture), the provisional one is gone, and the result
// counts both as pictures.
func TestImportFirstLook(t *testing.T) {
	c := openTestCase(t)
	dir := writeFirstLookFolder(t)
	up, plain := filepath.Join(dir, "up.jpg"), filepath.Join(dir, "plain.jpg")
	ctx := context.Background()
	called := false
	res, err := c.Import(ctx, []string{dir}, ImportOptions{Workers: 2, FirstLook: func() {
		called = true
		sha := shaOf(t, c, up)
		if c.hasThumb(sha) {
			t.Error("first look: the real thumbnail is made already")
		}
		prov := readJPEGFile(t, c.ProvisionalThumbPath(sha))
		if b := prov.Bounds(); b.Dx() >= b.Dy() {
			t.Errorf("provisional thumbnail %v: not upright (portrait) for orientation 6", b)
		}
		if !near(prov, prov.Bounds().Dx()/2, 2, green) || !near(prov, prov.Bounds().Dx()/2, prov.Bounds().Dy()-3, blue) {
			t.Error("provisional thumbnail: not the embedded one turned upright (green above blue)")
		}
		ims, err := c.Images(ctx, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range ims {
			if im.SHA256 != sha {
				continue
			}
			p, provisional, err := c.ThumbNow(ctx, im)
			if err != nil || !provisional || p != c.ProvisionalThumbPath(sha) {
				t.Errorf("ThumbNow during the import = %s, %v, %v; want the provisional one", p, provisional, err)
			}
		}
		psha := shaOf(t, c, plain)
		if _, err := os.Stat(c.ProvisionalThumbPath(psha)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a JPEG without an embedded thumbnail has a provisional one (%v)", err)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !called {
		t.Fatal("FirstLook was never called")
	}
	if res.Added != 2 || res.Pictures != 2 || res.Provisional != 1 || len(res.NoPicture) != 0 {
		t.Errorf("result = %+v; want 2 added, 2 pictures, 1 provisional", res)
	}
	for _, p := range []string{up, plain} {
		sha := shaOf(t, c, p)
		if !c.hasThumb(sha) {
			t.Errorf("%s: no real thumbnail after the import", p)
		}
		if _, err := os.Stat(c.ProvisionalThumbPath(sha)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: the provisional thumbnail is left (%v)", p, err)
		}
	}
	real := readJPEGFile(t, c.ThumbPath(shaOf(t, c, up)))
	if b := real.Bounds(); b.Dx() >= b.Dy() || !near(real, b.Dx()/2, 2, red) {
		t.Errorf("real thumbnail %v: not the picture upright (red on top)", real.Bounds())
	}
}

// TestImportKilledBetweenPasses: an import stopped right after its first
// pass leaves its JPEGs cataloged without real thumbnails; the next import
// makes them (and removes the provisional one), and outside an import
// ThumbNow never gives a provisional thumbnail.
func TestImportKilledBetweenPasses(t *testing.T) {
	c := openTestCase(t)
	dir := writeFirstLookFolder(t)
	up := filepath.Join(dir, "up.jpg")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res, err := c.Import(ctx, []string{dir}, ImportOptions{Workers: 1, FirstLook: cancel})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped import: err = %v", err)
	}
	if res.Added != 2 {
		t.Fatalf("stopped import: added %d, want 2", res.Added)
	}
	sha := shaOf(t, c, up)
	if c.hasThumb(sha) {
		t.Fatal("the real thumbnail was made although the import stopped after its first pass")
	}
	if _, err := os.Stat(c.ProvisionalThumbPath(sha)); err != nil {
		t.Fatalf("no provisional thumbnail: %v", err)
	}

	res, err = c.Import(context.Background(), []string{dir}, ImportOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged != 2 || res.Pictures != 2 {
		t.Errorf("next import: %+v; want 2 unchanged, 2 pictures", res)
	}
	for _, p := range []string{up, filepath.Join(dir, "plain.jpg")} {
		if s := shaOf(t, c, p); !c.hasThumb(s) {
			t.Errorf("%s: the next import did not make its thumbnail", p)
		}
	}
	if _, err := os.Stat(c.ProvisionalThumbPath(sha)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the provisional thumbnail is left (%v)", err)
	}
}

// TestThumbNowOutsideImport: a provisional thumbnail left over (a run
// killed) is never what ThumbNow gives when no import runs: it makes the
// real one.
func TestThumbNowOutsideImport(t *testing.T) {
	c := openTestCase(t)
	dir := writeFirstLookFolder(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c.Import(ctx, []string{dir}, ImportOptions{Workers: 1, FirstLook: cancel})
	ims, err := c.Images(context.Background(), Filter{})
	if err != nil || len(ims) != 2 {
		t.Fatalf("images = %d, %v", len(ims), err)
	}
	for _, im := range ims {
		p, provisional, err := c.ThumbNow(context.Background(), im)
		if err != nil || provisional || p != c.ThumbPath(im.SHA256) {
			t.Errorf("ThumbNow = %s, %v, %v; want the real thumbnail", p, provisional, err)
		}
	}
}

// TestImportFirstLookDamaged: a JPEG whose picture cannot be decoded (or
// only partly) is cataloged by the first pass as a picture; the second
// pass corrects its row, with an audit entry: decoded matches what the
// result says, the note says why, and the audit chain holds.
func TestImportFirstLookDamaged(t *testing.T) {
	main := encodeJPEG(t, halves(400, 200, red, blue))
	sos := bytes.Index(main, []byte{0xFF, 0xDA})
	cases := []struct {
		name string
		data []byte
	}{
		{"cut in its image data", exifJPEG(main[:sos+40], 1, encodeJPEG(t, halves(40, 20, green, blue)))},
		{"no image data", exifJPEG(append(main[:sos:sos], 0xFF, 0xD9), 1, nil)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := openTestCase(t)
			dir := t.TempDir()
			path := filepath.Join(dir, "d.jpg")
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := c.Import(context.Background(), []string{dir}, ImportOptions{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if res.Added != 1 || res.Pictures+len(res.NoPicture) != 1 {
				t.Fatalf("result = %+v", res)
			}
			var decoded bool
			var note string
			if err := c.rd.QueryRow(`SELECT decoded, meta_note FROM images`).Scan(&decoded, &note); err != nil {
				t.Fatal(err)
			}
			var entries int
			if err := c.rd.QueryRow(`SELECT count(*) FROM audit WHERE action IN ('image.undecoded', 'image.damaged')`).Scan(&entries); err != nil {
				t.Fatal(err)
			}
			switch {
			case res.Pictures == 1 && len(res.Warnings) == 1:
				if !decoded || note == "" || entries != 1 || !c.hasThumb(shaOf(t, c, path)) {
					t.Errorf("damaged: decoded %v, note %q, %d entries", decoded, note, entries)
				}
			case len(res.NoPicture) == 1:
				if decoded || note == "" || entries != 1 {
					t.Errorf("no picture: decoded %v, note %q, %d entries", decoded, note, entries)
				}
			default:
				t.Errorf("neither damaged nor without picture: %+v", res)
			}
			if err := c.Checkpoint(context.Background()); err != nil {
				t.Fatal(err)
			}
			if rep, err := c.VerifyChain(context.Background()); err != nil || !rep.OK() {
				t.Errorf("audit chain after the correction: %v, %+v", err, rep)
			}
		})
	}
}
