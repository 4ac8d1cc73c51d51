package reportparse

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

func testImage() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := 0; y < 48; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), 90, 255})
		}
	}
	return img
}

// imageOnlyPDF is a scanned report: pages that only draw an image.
func imageOnlyPDF(t *testing.T) []byte {
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, testImage()); err != nil {
		t.Fatal(err)
	}
	f := newFpdf(t)
	f.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(pngData.Bytes()))
	for range 2 {
		f.AddPage()
		f.ImageOptions("scan", 10, 10, 190, 0, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBadInputs(t *testing.T) {
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, testImage(), nil); err != nil {
		t.Fatal(err)
	}
	en, _ := englishPDF(t)
	protected, _ := genPDF(t, englishReport[:3], genOptions{protectPwd: "witness"})
	cases := []struct {
		name, file string
		data       []byte
		kind       error
		msg        string // in the error's text
	}{
		{"empty", "empty.txt", nil, ErrEmpty, "is empty"},
		{"blank", "blank.md", []byte(" \n\t\n"), ErrEmpty, "is empty"},
		{"jpeg named .txt", "photo.txt", jpg.Bytes(), ErrBinary, "JPEG"},
		{"binary", "data.md", []byte("abc\x00\x01\x02\x03def"), ErrBinary, "binary"},
		{"zip", "report.txt", []byte("PK\x03\x04\x14\x00\x00\x00"), ErrBinary, "ZIP"},
		{"truncated PDF", "cut.pdf", en[:len(en)/2], ErrMalformed, "truncated"},
		{"PDF header only", "head.pdf", []byte("%PDF-1.4\n%garbage\n"), ErrMalformed, "malformed"},
		{"encrypted PDF (fpdf RC4, user password)", "locked.pdf", protected, ErrEncrypted, "is encrypted"},
		{"encrypted PDF (qpdf AES-256)", "", nil, ErrEncrypted, "is encrypted"},
		{"image-only PDF", "scan.pdf", imageOnlyPDF(t), ErrNoTextLayer, "has no text layer; run OCR first"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := testdata("encrypted-aes256.pdf")
			if c.file != "" {
				path = writeTemp(t, c.file, c.data)
			}
			blocks, _, err := parseAll(t, path)
			if !errors.Is(err, c.kind) {
				t.Fatalf("err = %v, want %v", err, c.kind)
			}
			if !strings.Contains(err.Error(), c.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q: want one line containing %q", err, c.msg)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
			if len(blocks) != 0 {
				t.Errorf("%d blocks emitted", len(blocks))
			}
		})
	}
}

// A folder or a named pipe given as a report is refused at once: a pipe
// with no writer is never opened for a blocking read.
func TestNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "report.txt")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	for path, what := range map[string]string{dir: "it is a folder", pipe: "it is a named pipe"} {
		done := make(chan error, 1)
		go func() {
			_, err := Parse(path, func(Block) error { return nil })
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, ErrBinary) || !strings.Contains(err.Error(), what) || !strings.Contains(err.Error(), path) {
				t.Errorf("Parse(%s) = %v; want %q, naming the path", path, err, what)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Parse(%s) is blocked", path)
		}
	}
}

func TestMissingFile(t *testing.T) {
	_, err := Parse(testdata("no-such-report.txt"), func(Block) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "no-such-report.txt") {
		t.Fatalf("err = %v", err)
	}
}

// A PDF protected only by an owner password (printing or copying
// restricted) opens without one, as in any reader: its text is read.
func TestOwnerPasswordPDFIsRead(t *testing.T) {
	got, info, err := parseAll(t, testdata("owner-password-aes128.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Title != pdfTitle || len(got) != 2 || !strings.HasPrefix(got[1].Text, "On 17 October 2017, shortly after 14:00") {
		t.Errorf("info %+v, blocks %q", info, blockTexts(got))
	}
}

// A damaged page does not stop the others; it is reported in Warnings.
func TestDamagedPDFNeverPanics(t *testing.T) {
	en, _ := englishPDF(t)
	// Flip bytes all over the file, a few at a time: Parse must return,
	// with blocks or an error, and never panic.
	for step := 0; step < 40; step++ {
		data := append([]byte(nil), en...)
		for i := 1000 + step*97; i < len(data)-200; i += 1500 + step*13 {
			data[i] ^= 0x5A
		}
		_, _, err := parseAll(t, writeTemp(t, "damaged.pdf", data))
		if err != nil && strings.Contains(err.Error(), "internal error") {
			t.Errorf("step %d: %v", step, err)
		}
	}
}

// A panic in the caller's emit is reported as such, for every format.
func TestEmitPanicIsReported(t *testing.T) {
	en, _ := englishPDF(t)
	for _, path := range []string{testdata("report.txt"), testdata("report.html"), writeTemp(t, "en.pdf", en)} {
		_, err := Parse(path, func(Block) error { panic("store is closed") })
		if !errors.Is(err, ErrInternal) || !strings.Contains(err.Error(), "storing block: store is closed") {
			t.Errorf("%s: err = %v", path, err)
		}
	}
}
