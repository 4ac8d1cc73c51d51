package annot

import (
	"image"
	"testing"
)

// ycbcr returns a JPEG-like 4:2:0 image, as the decoder gives.
func ycbcr(w, h int) *image.YCbCr {
	m := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for i := range m.Y {
		m.Y[i] = uint8(i * 7)
	}
	for i := range m.Cb {
		m.Cb[i], m.Cr[i] = uint8(100+i%50), uint8(140-i%40)
	}
	return m
}

func BenchmarkRender24MP(b *testing.B) {
	img := scene(6000, 4000)
	anns := kindsAnnotations()
	for b.Loop() {
		Render(img, anns)
	}
}

func BenchmarkRender24MPFromJPEG(b *testing.B) {
	img := ycbcr(6000, 4000)
	anns := kindsAnnotations()
	for b.Loop() {
		Render(img, anns)
	}
}

// BenchmarkRenderInto24MP is the drawing alone, without the copy of the
// image.
func BenchmarkRenderInto24MP(b *testing.B) {
	img := scene(6000, 4000)
	anns := kindsAnnotations()
	for b.Loop() {
		renderInto(img, anns)
	}
}

func BenchmarkRenderPreview1600(b *testing.B) {
	img := scene(1600, 1200)
	anns := kindsAnnotations()
	for b.Loop() {
		Render(img, anns)
	}
}

func BenchmarkWarp1600(b *testing.B) {
	img := noise(1600, 1200, 1)
	t := knownTransform()
	for b.Loop() {
		if _, err := Warp(img, t, 1600, 1200); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWarp1600FromJPEG(b *testing.B) {
	img := ycbcr(1600, 1200)
	t := knownTransform()
	for b.Loop() {
		if _, err := Warp(img, t, 1600, 1200); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDifference1600(b *testing.B) {
	x, y := noise(1600, 1200, 1), noise(1600, 1200, 2)
	for b.Loop() {
		Difference(x, y, 4)
	}
}

func BenchmarkBlend1600(b *testing.B) {
	x, y := noise(1600, 1200, 1), noise(1600, 1200, 2)
	for b.Loop() {
		Blend(x, y, 0.5)
	}
}

func BenchmarkSwipe1600(b *testing.B) {
	x, y := noise(1600, 1200, 1), noise(1600, 1200, 2)
	for b.Loop() {
		Swipe(x, y, 0.4)
	}
}
