package picture

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestEncodeJPEG(t *testing.T) {
	opaque := pattern(64, 48)
	clear := image.NewNRGBA(image.Rect(0, 0, 16, 16)) // fully transparent
	half := image.NewNRGBA(image.Rect(0, 0, 16, 16))
	for i := range half.Pix {
		half.Pix[i] = []byte{255, 0, 0, 128}[i%4] // red at half alpha
	}
	white := image.NewUniform(color.White)
	pink := image.NewUniform(color.NRGBA{255, 127, 127, 255})
	tests := []struct {
		name      string
		img       image.Image
		q         int
		want      image.Image
		tolerance float64
	}{
		{"nrgba", opaque, 90, opaque, 6},
		{"rgba", toRGBA(opaque), 90, opaque, 6},
		{"gray", toGray(opaque), 90, toGray(opaque), 3},
		{"quality 1", opaque, 1, opaque, 40},
		{"quality 100", opaque, 100, opaque, 4},
		{"transparent lies on white", clear, 90, sized(white, 16), 1},
		{"half transparent red on white is pink", half, 90, sized(pink, 16), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := EncodeJPEG(&buf, tt.img, tt.q); err != nil {
				t.Fatal(err)
			}
			got, err := jpeg.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if d := meanDiff(got, tt.want); d < 0 || d > tt.tolerance {
				t.Errorf("mean difference %.2f, tolerance %.0f", d, tt.tolerance)
			}
		})
	}
	for _, q := range [][2]int{{0, 1}, {-5, 1}, {1000, 100}} {
		var a, b bytes.Buffer
		if err := EncodeJPEG(&a, opaque, q[0]); err != nil {
			t.Fatal(err)
		}
		if err := EncodeJPEG(&b, opaque, q[1]); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("quality %d is not clamped to %d", q[0], q[1])
		}
	}
	if err := EncodeJPEG(failingWriter{}, opaque, 90); err == nil {
		t.Error("no error from a failing writer")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func toRGBA(img image.Image) *image.RGBA {
	out := image.NewRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			out.Set(x, y, img.At(x, y))
		}
	}
	return out
}

func sized(u *image.Uniform, n int) image.Image {
	return toRGBA(&sub{u, image.Rect(0, 0, n, n)})
}

type sub struct {
	*image.Uniform
	r image.Rectangle
}

func (s *sub) Bounds() image.Rectangle { return s.r }

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "thumb.jpg")
	write := func(content string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, content); return err }
	}
	if err := WriteFileAtomic(path, write("first")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, write("second")); err != nil {
		t.Fatal(err)
	}
	check := func(when, want string) {
		t.Helper()
		got, err := os.ReadFile(path)
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", when, got, err, want)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf("%s: the folder holds %q, want only thumb.jpg", when, names)
		}
	}
	check("after two writes", "second")
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v; want 0644", fi.Mode(), err)
	}

	// A failing or panicking write leaves the former content and no temporary file.
	failing := func(w io.Writer) error {
		io.WriteString(w, "half a thumb")
		return errors.New("encoder failed")
	}
	if err := WriteFileAtomic(path, failing); err == nil {
		t.Error("no error from a failing write")
	}
	check("after a failed write", "second")
	panicking := func(w io.Writer) error {
		io.WriteString(w, "half a thumb")
		panic("encoder bug")
	}
	if err := WriteFileAtomic(path, panicking); err == nil {
		t.Error("no error from a panicking write")
	}
	check("after a panicking write", "second")

	// A new file is not created by a failed write.
	other := filepath.Join(dir, "other.jpg")
	if err := WriteFileAtomic(other, failing); err == nil {
		t.Error("no error from a failing write")
	}
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Errorf("other.jpg exists after a failed write: %v", err)
	}
	check("after a failed first write", "second")

	if err := WriteFileAtomic(filepath.Join(dir, "missing", "x.jpg"), write("x")); err == nil {
		t.Error("no error for a missing folder")
	}
}
