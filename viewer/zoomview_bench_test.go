package viewer

import (
	"image"
	"sync"
	"testing"
)

// bigYCbCr is a 6000×4000 4:2:0 image like a decoded 24 MP JPEG.
var bigYCbCr = sync.OnceValue(func() *image.YCbCr {
	img := image.NewYCbCr(image.Rect(0, 0, 6000, 4000), image.YCbCrSubsampleRatio420)
	for i := range img.Y {
		img.Y[i] = uint8(i * 7 % 251)
	}
	for i := range img.Cb {
		img.Cb[i] = uint8(i % 256)
		img.Cr[i] = uint8(255 - i%256)
	}
	return img
})

// BenchmarkPyramidBuild measures preparing a 24 MP image for display (once
// per SetImage, in the background).
func BenchmarkPyramidBuild(b *testing.B) {
	img := bigYCbCr()
	for b.Loop() {
		if _, err := buildPyramid(img); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFrameRender measures drawing one 1400×900 device-pixel frame of a
// 24 MP image (once per view change while panning or zooming).
func BenchmarkFrameRender(b *testing.B) {
	p, err := buildPyramid(bigYCbCr())
	if err != nil {
		b.Fatal(err)
	}
	const w, h = 1400, 900
	fit := min(float64(w)/6000, float64(h)/4000)
	for _, bc := range []struct {
		name string
		zoom float64
	}{{"fit", 1}, {"zoom3", 3}, {"actual", 1 / fit}, {"400pct", 4 / fit}} {
		b.Run(bc.name, func(b *testing.B) {
			dw, dh := 6000*fit*bc.zoom, 4000*fit*bc.zoom
			spec := frameSpec{w: w, h: h, ox: w/2 - 0.4*dw, oy: h/2 - 0.6*dh, dw: dw, dh: dh}
			var buf *image.RGBA
			for b.Loop() {
				buf = p.render(spec, buf)
			}
		})
	}
}
