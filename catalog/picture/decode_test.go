package picture

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"testing"

	"golang.org/x/image/tiff"
)

func TestPickScale(t *testing.T) {
	tests := []struct {
		w, h, minLong, want int
	}{
		{6000, 4000, 512, 1},  // 750
		{4000, 3000, 512, 2},  // 500 is too small, 1000
		{3000, 4000, 512, 2},  // portrait: the long side counts
		{6000, 4000, 1600, 3}, // 2250
		{6000, 4000, 0, 8},
		{6000, 4000, -1, 8},
		{600, 400, 512, 7},   // 525
		{300, 200, 512, 8},   // smaller than asked: full size
		{4001, 3001, 501, 1}, // 501 (rounded up)
	}
	for _, tt := range tests {
		if got := pickScale(tt.w, tt.h, tt.minLong, dctScales); got != tt.want {
			t.Errorf("pickScale(%d, %d, %d) = %d/8, want %d/8", tt.w, tt.h, tt.minLong, got, tt.want)
		}
	}
	if got := pickScale(4000, 3000, 512, []int{1, 2, 4, 8}); got != 2 {
		t.Errorf("powers of two only: %d/8, want 2/8", got)
	}
}

// TestDecodeScale decodes a 3840×2560 photo at several minimum sizes.
func TestDecodeScale(t *testing.T) {
	data := readCorpus(t, "go-exif/NDM_8901.jpg")
	tests := []struct {
		minLong int
		want    image.Point
	}{
		{0, image.Pt(3840, 2560)},
		{256, image.Pt(480, 320)},
		{512, image.Pt(960, 640)},
		{1600, image.Pt(1920, 1280)},
		{3840, image.Pt(3840, 2560)},
		{10000, image.Pt(3840, 2560)},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.minLong), func(t *testing.T) {
			img, err := Decode(data, "jpeg", tt.minLong)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if !hasDCTScaling {
				want = image.Pt(3840, 2560)
			}
			if got := img.Bounds().Size(); got != want {
				t.Errorf("size %v, want %v", got, want)
			}
		})
	}
}

// pattern is a w×h test image with pixel (x, y) = RGB(8x, 10y, 4(x+y)).
func pattern(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(8 * x), uint8(10 * y), uint8(4 * (x + y)), 255})
		}
	}
	return img
}

func encoded(t testing.TB, encode func(*bytes.Buffer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := encode(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDecodeFormats decodes each supported format and compares it with
// what was encoded.
func TestDecodeFormats(t *testing.T) {
	src := pattern(32, 24)
	webpLossless, err := os.ReadFile("testdata/pattern_lossless.webp")
	if err != nil {
		t.Fatal(err)
	}
	webpLossy, err := os.ReadFile("testdata/pattern_lossy.webp")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		format    string
		data      []byte
		tolerance float64
	}{
		{"png", encoded(t, func(b *bytes.Buffer) error { return png.Encode(b, src) }), 0},
		{"tiff", encoded(t, func(b *bytes.Buffer) error { return tiff.Encode(b, src, nil) }), 0},
		{"gif", encoded(t, func(b *bytes.Buffer) error { return gif.Encode(b, src, nil) }), 20},
		{"webp", webpLossless, 0},
		{"webp", webpLossy, 10},
		{"jpeg", encoded(t, func(b *bytes.Buffer) error { return jpeg.Encode(b, src, &jpeg.Options{Quality: 95}) }), 6},
		{"jpeg", encoded(t, func(b *bytes.Buffer) error { return jpeg.Encode(b, toGray(src), nil) }), -1}, // compared below
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%d-%s", i, tt.format), func(t *testing.T) {
			want, tolerance := image.Image(src), tt.tolerance
			if tt.tolerance < 0 {
				want, tolerance = toGray(src), 3
			}
			for _, format := range []string{tt.format, ""} { // named, then sniffed
				img, err := Decode(tt.data, format, 0)
				if err != nil {
					t.Fatal(err)
				}
				if _, ok := img.(*image.Gray); tt.tolerance < 0 && !ok && hasDCTScaling {
					t.Errorf("a grayscale JPEG decodes to %T, want *image.Gray", img)
				}
				if d := meanDiff(img, want); d < 0 || d > tolerance {
					t.Errorf("format %q: mean difference %.2f (size %v), tolerance %.0f", format, d, img.Bounds().Size(), tolerance)
				}
			}
		})
	}
}

func toGray(img image.Image) *image.Gray {
	g := image.NewGray(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			g.Set(x, y, img.At(x, y))
		}
	}
	return g
}

func TestDecodeCMYK(t *testing.T) {
	data, err := os.ReadFile("testdata/cmyk.jpg")
	if err != nil {
		t.Fatal(err)
	}
	img, err := Decode(data, "jpeg", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		x, y    int
		r, g, b uint32
	}{{8, 2, 0, 255, 255}, {8, 13, 255, 255, 255}} {
		r, g, b, _ := img.At(tt.x, tt.y).RGBA()
		if abs(int(r>>8)-int(tt.r)) > 12 || abs(int(g>>8)-int(tt.g)) > 12 || abs(int(b>>8)-int(tt.b)) > 12 {
			t.Errorf("pixel (%d,%d) = %d,%d,%d, want %d,%d,%d", tt.x, tt.y, r>>8, g>>8, b>>8, tt.r, tt.g, tt.b)
		}
	}
}

func TestDecodeUnsupported(t *testing.T) {
	for _, tt := range []struct{ file, format string }{
		{"go-exif/NDM_8901.jpg", "cr2"}, // a format no decoder here knows
	} {
		img, err := Decode(readCorpus(t, tt.file), tt.format, 0)
		if img != nil || !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s as %q: %T, %v; want ErrUnsupported", tt.file, tt.format, img, err)
		}
	}
}
