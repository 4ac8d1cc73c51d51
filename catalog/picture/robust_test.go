package picture

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// checkOutcome fails unless Decode or Thumbnail gave an error, an image, or
// an image with an error wrapping ErrPartial.
func checkOutcome(t *testing.T, what string, img image.Image, err error) {
	t.Helper()
	switch {
	case img == nil && err == nil:
		t.Errorf("%s: neither image nor error", what)
	case img != nil && err != nil && !Damaged(err):
		t.Errorf("%s: image with an error that is not ErrPartial or ErrRecovered: %v", what, err)
	case img != nil && img.Bounds().Empty():
		t.Errorf("%s: empty image", what)
	}
}

// TestCorruptFiles feeds damaged corpus files to Decode and Thumbnail: they
// must return errors or (partial) images, never panic or hang.
func TestCorruptFiles(t *testing.T) {
	dir := corpusDir(t)
	var files []string
	for _, pattern := range []string{"goexif/corrupt/*.jpg", "exif-samples/jpg/invalid/*.jpg", "exif-samples/jpg/corrupted.jpg", "goexif/samples/*.jpg"} {
		m, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("only %d damaged files found", len(files))
	}
	var failed int
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name, _ := filepath.Rel(dir, f)
		for _, format := range []string{"jpeg", "png", "gif", "tiff", "webp", ""} {
			img, err := Decode(data, format, 256)
			checkOutcome(t, name+" as "+format, img, err)
			if format == "jpeg" && img == nil {
				failed++
			}
		}
		img, err := Thumbnail(data, "jpeg", 6, ThumbLong)
		checkOutcome(t, name+" thumbnail", img, err)
	}
	if failed == 0 || failed == len(files) {
		t.Errorf("%d of %d damaged files gave no image: expected some of each", failed, len(files))
	}
}

// TestTruncated decodes copies of a photo cut short, written to a temporary
// folder as an interrupted copy would leave them.
func TestTruncated(t *testing.T) {
	data := readCorpus(t, "exif-samples/jpg/tests/22-canon_tags.jpg") // 1600×1200
	full, err := Decode(data, "jpeg", 400)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	for _, cut := range []int{len(data) * 3 / 4, len(data) / 2, len(data) / 10, 2000, 100, 3, 0} {
		path := filepath.Join(tmp, "cut.jpg")
		if err := os.WriteFile(path, data[:cut], 0o644); err != nil {
			t.Fatal(err)
		}
		cutData, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		img, err := Decode(cutData, "jpeg", 400)
		checkOutcome(t, "cut at "+strconv.Itoa(cut), img, err)
		if cut == len(data)/2 && hasDCTScaling {
			// The top of a file cut in half is there and right.
			if img == nil || !errors.Is(err, ErrPartial) {
				t.Fatalf("cut in half: %v, %v; want a partial image", img, err)
			}
			top := image.Rect(0, 0, full.Bounds().Dx(), full.Bounds().Dy()/8)
			if d := meanDiff(crop(img, top), crop(full, top)); d < 0 || d > 1 {
				t.Errorf("cut in half: top differs from the whole file's by %.1f", d)
			}
		}
		thumb, err := Thumbnail(cutData, "jpeg", 1, ThumbLong)
		checkOutcome(t, "thumbnail cut at "+strconv.Itoa(cut), thumb, err)
	}
	// The other formats, cut in half.
	for _, f := range []struct{ file, format string }{
		{"exif-samples/tiff/BSG1.tiff", "tiff"},
		{"go-exif/geotiff_example.tif", "tiff"},
	} {
		data := readCorpus(t, f.file)
		img, err := Decode(data[:len(data)/2], f.format, 0)
		checkOutcome(t, f.file+" cut in half", img, err)
	}
	png := encoded(t, func(b *bytes.Buffer) error { return pngEncode(b, pattern(64, 64)) })
	img, err := Decode(png[:len(png)/2], "png", 0)
	checkOutcome(t, "png cut in half", img, err)
}

func pngEncode(b *bytes.Buffer, img image.Image) error { return png.Encode(b, img) }

func crop(img image.Image, r image.Rectangle) image.Image {
	return img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(r.Add(img.Bounds().Min))
}

// TestFlippedBytes damages a small JPEG byte by byte.
func TestFlippedBytes(t *testing.T) {
	data := readCorpus(t, "exif-samples/jpg/invalid/image02206.jpg")
	if len(data) > 100_000 {
		t.Fatalf("%d bytes: pick a smaller file", len(data))
	}
	for i := 0; i < len(data); i += max(1, len(data)/300) {
		bad := bytes.Clone(data)
		bad[i] ^= 0xA5
		img, err := Decode(bad, "jpeg", 0)
		checkOutcome(t, "byte "+strconv.Itoa(i), img, err)
	}
}

// FuzzDecode runs its seeds in go test; go test -fuzz FuzzDecode explores.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"exif-samples/jpg/invalid/image02206.jpg", "goexif/corrupt/infinite_loop_exif.jpg", "exif-samples/tiff/Arbitro.tiff"} {
		f.Add(readCorpus(f, s))
	}
	f.Add(encoded(f, func(b *bytes.Buffer) error { return pngEncode(b, pattern(8, 8)) }))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []string{"", "jpeg", "png", "gif", "tiff", "webp"} {
			img, err := Decode(data, format, 64)
			checkOutcome(t, format, img, err)
		}
	})
}

// huge returns, for each format, a small file that declares a size far
// over MaxPixels.
func huge(t *testing.T) map[string][]byte {
	out := map[string][]byte{}

	// JPEG: a real photo's SOF marker patched to 60000×60000.
	j := bytes.Clone(readCorpus(t, "goexif/samples/f1-exif.jpg"))
	patched := false
	for i := 2; i+9 < len(j); {
		if j[i] != 0xFF {
			break
		}
		m, n := j[i+1], int(binary.BigEndian.Uint16(j[i+2:]))
		if m >= 0xC0 && m <= 0xC2 {
			binary.BigEndian.PutUint16(j[i+5:], 60000) // height
			binary.BigEndian.PutUint16(j[i+7:], 60000) // width
			patched = true
			break
		}
		i += 2 + n
	}
	if !patched {
		t.Fatal("no SOF marker found")
	}
	out["jpeg"] = j

	// PNG: IHDR patched to 100000×100000, its CRC redone.
	p := encoded(t, func(b *bytes.Buffer) error { return pngEncode(b, pattern(1, 1)) })
	binary.BigEndian.PutUint32(p[16:], 100000)
	binary.BigEndian.PutUint32(p[20:], 100000)
	binary.BigEndian.PutUint32(p[29:], crc32.ChecksumIEEE(p[12:29]))
	out["png"] = p

	// GIF: logical screen 65535×65535.
	g := encoded(t, func(b *bytes.Buffer) error { return gif.Encode(b, pattern(1, 1), nil) })
	binary.LittleEndian.PutUint16(g[6:], 65535)
	binary.LittleEndian.PutUint16(g[8:], 65535)
	out["gif"] = g

	// TIFF: a hand-made IFD declaring 100000×100000 grey pixels.
	var tf bytes.Buffer
	tf.WriteString("II*\x00")
	binary.Write(&tf, binary.LittleEndian, uint32(8))
	entries := [][3]uint32{{256, 4, 100000}, {257, 4, 100000}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1}, {273, 4, 200}, {277, 3, 1}, {278, 4, 100000}, {279, 4, 16}}
	binary.Write(&tf, binary.LittleEndian, uint16(len(entries)))
	for _, e := range entries {
		binary.Write(&tf, binary.LittleEndian, uint16(e[0]))
		binary.Write(&tf, binary.LittleEndian, uint16(e[1]))
		binary.Write(&tf, binary.LittleEndian, uint32(1))
		binary.Write(&tf, binary.LittleEndian, e[2])
	}
	binary.Write(&tf, binary.LittleEndian, uint32(0))
	tf.Write(make([]byte, 256))
	out["tiff"] = tf.Bytes()

	// WebP: an extended (VP8X) header with a 20000×20000 canvas.
	var w bytes.Buffer
	w.WriteString("RIFF")
	binary.Write(&w, binary.LittleEndian, uint32(4+8+10))
	w.WriteString("WEBPVP8X")
	binary.Write(&w, binary.LittleEndian, uint32(10))
	w.Write([]byte{0, 0, 0, 0})
	w.Write([]byte{0x1F, 0x4E, 0x00}) // 19999
	w.Write([]byte{0x1F, 0x4E, 0x00})
	out["webp"] = w.Bytes()
	return out
}

// TestHugeRefused checks that images declaring more than MaxPixels are
// refused before decoding, in every format.
func TestHugeRefused(t *testing.T) {
	for format, data := range huge(t) {
		t.Run(format, func(t *testing.T) {
			for _, f := range []string{format, ""} {
				img, err := Decode(data, f, 0)
				if img != nil || !errors.Is(err, ErrTooLarge) {
					t.Errorf("Decode as %q: %T, %v; want ErrTooLarge", f, img, err)
				}
			}
			img, err := Thumbnail(data, format, 1, ThumbLong)
			if img != nil || !errors.Is(err, ErrTooLarge) {
				t.Errorf("Thumbnail: %T, %v; want ErrTooLarge", img, err)
			}
		})
	}
}
