package annot

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// The helpers below turn images with whole-pixel operations built from the
// EXIF definitions (flips and transposition), independently of the
// formulas of orient.go, so that the tests check those formulas.

func flipH(m *image.RGBA) *image.RGBA {
	b := m.Bounds()
	out := image.NewRGBA(b)
	for y := range b.Dy() {
		for x := range b.Dx() {
			out.SetRGBA(b.Dx()-1-x, y, m.RGBAAt(x, y))
		}
	}
	return out
}

func flipV(m *image.RGBA) *image.RGBA {
	b := m.Bounds()
	out := image.NewRGBA(b)
	for y := range b.Dy() {
		for x := range b.Dx() {
			out.SetRGBA(x, b.Dy()-1-y, m.RGBAAt(x, y))
		}
	}
	return out
}

func transpose(m *image.RGBA) *image.RGBA {
	b := m.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dy(), b.Dx()))
	for y := range b.Dy() {
		for x := range b.Dx() {
			out.SetRGBA(y, x, m.RGBAAt(x, y))
		}
	}
	return out
}

// uprightOf turns a stored image upright as a viewer obeying the EXIF
// orientation does: 6 turns a quarter clockwise (transpose, then mirror),
// 8 a quarter counter-clockwise, 5 transposes, 7 transposes the other way.
func uprightOf(m *image.RGBA, o int) *image.RGBA {
	switch o {
	case 2:
		return flipH(m)
	case 3:
		return flipV(flipH(m))
	case 4:
		return flipV(m)
	case 5:
		return transpose(m)
	case 6:
		return flipH(transpose(m))
	case 7:
		return flipV(flipH(transpose(m)))
	case 8:
		return flipV(transpose(m))
	}
	return m
}

// storedOf is the inverse of uprightOf: the pixels a camera would store
// for an upright scene and an orientation tag.
func storedOf(m *image.RGBA, o int) *image.RGBA {
	switch o {
	case 6:
		return transpose(flipH(m))
	case 7:
		return transpose(flipV(flipH(m)))
	case 8:
		return transpose(flipV(m))
	}
	return uprightOf(m, o) // 1..5 are their own inverses
}

// colour box finds the bounding box of the pixels of exactly colour c.
func colourBox(m *image.RGBA, c color.RGBA) image.Rectangle {
	var r image.Rectangle
	b := m.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if m.RGBAAt(x, y) == c {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r
}

func TestOrientationRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sizes := [][2]int{{4000, 3000}, {3000, 4000}, {1600, 1200}, {400, 300}, {333, 517}, {1, 1}}
	for o := 0; o <= 9; o++ { // 0 and 9: unknown, taken as 1
		for _, s := range sizes {
			w, h := s[0], s[1]
			for range 200 {
				p := pt(rng.Float64(), rng.Float64())
				x, y := ToStored(p, o, w, h)
				if x < 0 || x > float64(w) || y < 0 || y > float64(h) {
					t.Fatalf("o=%d %dx%d: ToStored(%v) = (%g,%g), off the stored image", o, w, h, p, x, y)
				}
				q := FromStored(x, y, o, w, h)
				if math.Abs(q.X-p.X) > 1e-9 || math.Abs(q.Y-p.Y) > 1e-9 {
					t.Fatalf("o=%d %dx%d: FromStored(ToStored(%v)) = %v", o, w, h, p, q)
				}
				// Stored → upright → stored, in pixels.
				sx, sy := rng.Float64()*float64(w), rng.Float64()*float64(h)
				x2, y2 := ToStored(FromStored(sx, sy, o, w, h), o, w, h)
				if math.Abs(x2-sx) > 1e-9*float64(w) || math.Abs(y2-sy) > 1e-9*float64(h) {
					t.Fatalf("o=%d %dx%d: ToStored(FromStored(%g,%g)) = (%g,%g)", o, w, h, sx, sy, x2, y2)
				}
				// Scaling: preview pixels → full pixels → preview pixels.
				px, py := ToPixels(p, 1600, 1200)
				fx, fy := Rescale(px, py, 1600, 1200, float64(w), float64(h))
				bx, by := Rescale(fx, fy, float64(w), float64(h), 1600, 1200)
				if math.Abs(bx-px) > 1e-9 || math.Abs(by-py) > 1e-9 {
					t.Fatalf("Rescale round trip: (%g,%g) → (%g,%g)", px, py, bx, by)
				}
				if r := FromPixels(px, py, 1600, 1200); math.Abs(r.X-p.X) > 1e-12 || math.Abs(r.Y-p.Y) > 1e-12 {
					t.Fatalf("FromPixels(ToPixels(%v)) = %v", p, r)
				}
			}
		}
	}
	if p := FromStored(3, 4, 1, 0, 0); p != (catalog.Point{}) {
		t.Errorf("FromStored on an empty image = %v, want (0,0)", p)
	}
}

func TestUprightSize(t *testing.T) {
	for o := 0; o <= 9; o++ {
		w, h := UprightSize(o, 4000, 3000)
		m := uprightOf(image.NewRGBA(image.Rect(0, 0, 40, 30)), o)
		if w/100 != m.Bounds().Dx() || h/100 != m.Bounds().Dy() {
			t.Errorf("UprightSize(%d) = %dx%d, the upright image is %v", o, w, h, m.Bounds().Size())
		}
	}
}

// TestOrientationMarksFeature puts two markers on a scene, stores it under
// each orientation, and checks that an annotation made on the upright
// image maps onto the same markers in the stored pixels, and back.
func TestOrientationMarksFeature(t *testing.T) {
	const W, H = 90, 60 // upright scene
	red := color.RGBA{255, 0, 0, 255}
	blue := color.RGBA{0, 0, 255, 255}
	scene := image.NewRGBA(image.Rect(0, 0, W, H))
	for i := range scene.Pix {
		scene.Pix[i] = 128
	}
	redBox := image.Rect(10, 5, 16, 9)    // top left, wider than tall
	blueBox := image.Rect(70, 40, 73, 50) // bottom right: tells mirrors apart
	fill := func(r image.Rectangle, c color.RGBA) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				scene.SetRGBA(x, y, c)
			}
		}
	}
	fill(redBox, red)
	fill(blueBox, blue)
	// The annotation of the red marker, made on the upright image.
	mark := catalog.Annotation{Kind: catalog.KindRect, Points: []catalog.Point{
		FromPixels(float64(redBox.Min.X), float64(redBox.Min.Y), W, H),
		FromPixels(float64(redBox.Max.X), float64(redBox.Max.Y), W, H),
	}}
	for o := 1; o <= 8; o++ {
		stored := storedOf(scene, o)
		if got := uprightOf(stored, o); colourBox(got, red) != redBox || colourBox(got, blue) != blueBox {
			t.Fatalf("o=%d: test helpers do not invert each other", o)
		}
		sw, sh := stored.Bounds().Dx(), stored.Bounds().Dy()
		// Map the annotation's corners into stored pixels: their box must
		// be exactly the red marker's box in the stored image.
		x0, y0 := ToStored(mark.Points[0], o, sw, sh)
		x1, y1 := ToStored(mark.Points[1], o, sw, sh)
		got := image.Rect(int(math.Round(x0)), int(math.Round(y0)), int(math.Round(x1)), int(math.Round(y1))).Canon()
		if want := colourBox(stored, red); got != want {
			t.Errorf("o=%d: annotation lands on stored %v, red marker is at %v", o, got, want)
		}
		// Every stored blue pixel's centre maps back inside the upright
		// blue marker.
		bb := colourBox(stored, blue)
		for y := bb.Min.Y; y < bb.Max.Y; y++ {
			for x := bb.Min.X; x < bb.Max.X; x++ {
				p := FromStored(float64(x)+0.5, float64(y)+0.5, o, sw, sh)
				ux, uy := ToPixels(p, W, H)
				if !image.Pt(int(ux), int(uy)).In(blueBox) {
					t.Fatalf("o=%d: stored blue pixel (%d,%d) maps to upright (%g,%g), outside %v", o, x, y, ux, uy, blueBox)
				}
			}
		}
	}
}
