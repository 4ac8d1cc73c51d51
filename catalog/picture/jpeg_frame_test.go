package picture

import (
	"encoding/binary"
	"errors"
	"os"
	"testing"
)

func TestReadJPEGFrame(t *testing.T) {
	tests := []struct {
		file                  string
		w, h                  int
		progressive, twoByTwo bool
	}{
		{"go-exif/NDM_8901.jpg", 3840, 2560, false, false},
		{"go-exif/gps.jpg", 920, 570, true, false},
		{"exif-samples/jpg/hdr/canon_hdr_YES.jpg", 2048, 1536, false, false},
	}
	for _, tt := range tests {
		f, ok := readJPEGFrame(readCorpus(t, tt.file))
		if !ok || f.width != tt.w || f.height != tt.h || f.progressive != tt.progressive || len(f.sampling) != 3 {
			t.Errorf("%s: %+v, %v; want %d×%d progressive %v", tt.file, f, ok, tt.w, tt.h, tt.progressive)
		}
	}
	if _, ok := readJPEGFrame(readCorpus(t, "goexif/samples/f1-exif.jpg")[:20]); ok {
		t.Error("a frame found in 20 bytes")
	}
	stub := readCorpus(t, "goexif/samples/2004-01-11-22-45-15-sep-2004-01-11-22-45-15a.jpg") // EXIF only
	if _, ok := readJPEGFrame(stub); ok {
		t.Error("a frame found in an EXIF-only stub")
	}
}

// forge returns the 16×16 JPEG file of testdata with its SOF patched to w×h.
func forge(t *testing.T, file string, w, h int) []byte {
	t.Helper()
	j, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i := 2; i+9 < len(j); {
		m, n := j[i+1], int(binary.BigEndian.Uint16(j[i+2:]))
		if m >= 0xC0 && m <= 0xC2 {
			binary.BigEndian.PutUint16(j[i+5:], uint16(h))
			binary.BigEndian.PutUint16(j[i+7:], uint16(w))
			return j
		}
		i += 2 + n
	}
	t.Fatalf("%s: no SOF", file)
	return nil
}

// TestJPEGBombs: a few hundred bytes declaring 196 MP (under MaxPixels)
// are refused before decoding, progressive or not; a progressive JPEG
// whose coefficients alone would take over maxCoefBytes too. Declaring a
// size that the data could nearly hold still gives a partial image.
func TestJPEGBombs(t *testing.T) {
	for _, file := range []string{"testdata/progressive16.jpg", "testdata/baseline16.jpg"} {
		img, err := Decode(forge(t, file, 14000, 14000), "jpeg", ThumbLong)
		if img != nil || err == nil {
			t.Errorf("%s as 14000×14000: %T, %v; want an error", file, img, err)
		}
		ok, err := Decode(forge(t, file, 16, 16), "jpeg", 0)
		if err != nil || ok.Bounds().Dx() != 16 {
			t.Errorf("%s as is: %v", file, err)
		}
		img, err = Decode(forge(t, file, 64, 64), "jpeg", 0)
		if img == nil || !errors.Is(err, ErrPartial) {
			if hasDCTScaling {
				t.Errorf("%s as 64×64: %T, %v; want a partial image", file, img, err)
			}
		}
	}
	f := jpegFrame{width: 12000, height: 12000, progressive: true, sampling: [][2]int{{1, 1}, {1, 1}, {1, 1}}}
	if b := f.blocks() * 128; b <= maxCoefBytes {
		t.Fatalf("%d bytes of coefficients: pick a larger frame", b)
	}
	img, err := Decode(forge(t, "testdata/progressive16.jpg", 12000, 12000), "jpeg", ThumbLong)
	if img != nil || !errors.Is(err, ErrTooLarge) {
		t.Errorf("progressive 12000×12000: %T, %v; want ErrTooLarge", img, err)
	}
}
