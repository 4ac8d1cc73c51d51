package viewer

import (
	"image"
	"sync"
	"testing"

	"golang.org/x/image/vector"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

// benchPair is a pair of 1600×1067 previews, the after one aligned into
// the before one's frame by a small rotation and shift.
var benchPair = sync.OnceValues(func() (*image.RGBA, *image.RGBA) {
	before := pattern(1600, 1067)
	after := shifted(before, 12, -7)
	t := annot.Transform{Kind: annot.KindAffine, M: [6]float64{0.99, 0.02, 0.004, -0.015, 1.01, -0.006}}
	warped, err := annot.Warp(after, t, 1600, 1067)
	if err != nil {
		panic(err)
	}
	return before, warped
})

// frameOf is a 1400×900 device-pixel frame of a 1600×1067 image at fit.
var frameOf = frameSpec{w: 1400, h: 900, ox: 25, oy: 0, dw: 1350, dh: 900}

// BenchmarkCompareModeSwitch measures what a change of mode costs off the
// UI goroutine on 1600 px previews (the aligned after image is cached):
// the composite, its pyramid and the first frame.
func BenchmarkCompareModeSwitch(b *testing.B) {
	before, warped := benchPair()
	p := compareParams{swipe: 0.5, alpha: 0.5, gain: 4}
	for _, m := range []CompareMode{ModeSwipe, ModeBlend, ModeDifference, ModeFlicker} {
		b.Run(m.String(), func(b *testing.B) {
			var buf *image.RGBA
			for b.Loop() {
				img := composite(m, before, warped, p, p.swipe)
				if img == nil { // flicker shows the images themselves
					img = warped
				}
				pyr, err := buildPyramid(img)
				if err != nil {
					b.Fatal(err)
				}
				buf = pyr.render(frameOf, buf)
			}
		})
	}
}

// BenchmarkDifferenceRecompute measures a change of the difference gain:
// the difference of the two previews, its pyramid and the first frame.
func BenchmarkDifferenceRecompute(b *testing.B) {
	before, warped := benchPair()
	var buf *image.RGBA
	gain := 2.0
	for b.Loop() {
		gain = 10 - gain
		pyr, err := buildPyramid(annot.Difference(before, warped, gain))
		if err != nil {
			b.Fatal(err)
		}
		buf = pyr.render(frameOf, buf)
	}
}

// BenchmarkAlignPreview measures resampling the after preview into the
// before preview's frame (once per pair or alignment).
func BenchmarkAlignPreview(b *testing.B) {
	before, _ := benchPair()
	t := annot.Transform{Kind: annot.KindAffine, M: [6]float64{0.99, 0.02, 0.004, -0.015, 1.01, -0.006}}
	for b.Loop() {
		if _, err := annot.Warp(before, t, 1600, 1067); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnnotationShapes measures drawing the shapes of 30 marks over
// a 2800×1800 device-pixel view (a full-screen HiDPI window), at fit and
// zoomed in 8× (marks far larger than the screen).
func BenchmarkAnnotationShapes(b *testing.B) {
	var anns []catalog.Annotation
	kinds := []catalog.AnnotationKind{catalog.KindRect, catalog.KindEllipse, catalog.KindArrow, catalog.KindPolyline, catalog.KindCallout}
	for i := range 30 {
		x, y := 0.05+0.03*float64(i%10), 0.1+0.25*float64(i/10)
		a := catalog.Annotation{Kind: kinds[i%len(kinds)], Color: "#E53935", Width: 4, Number: i + 1}
		switch a.Kind {
		case catalog.KindCallout:
			a.Points = []catalog.Point{{X: x, Y: y}}
		case catalog.KindPolyline:
			a.Points = []catalog.Point{{X: x, Y: y}, {X: x + 0.1, Y: y + 0.1}, {X: x + 0.2, Y: y}, {X: x + 0.3, Y: y + 0.15}}
		default:
			a.Points = []catalog.Point{{X: x, Y: y}, {X: x + 0.3, Y: y + 0.2}}
		}
		anns = append(anns, a)
	}
	dst := image.NewRGBA(image.Rect(0, 0, 2800, 1800))
	for _, bc := range []struct {
		name string
		f    shapeFrame
	}{
		{"fit", shapeFrame{ox: 50, oy: 0, w: 2700, h: 1800}},
		{"zoom8", shapeFrame{ox: -8000, oy: -5000, w: 21600, h: 14400}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var z vector.Rasterizer
			for b.Loop() {
				clear(dst.Pix)
				paintShapes(dst, bc.f, anns, &z)
			}
		})
	}
}
