package viewer

import (
	"image"
	"math"

	"github.com/exhibit-app/exhibit/catalog"
)

// Region is a rectangle of an upright image in fractions: Min is its top
// left corner, Max its bottom right. The whole image is FullRegion.
type Region struct{ Min, Max catalog.Point }

// FullRegion is the whole image.
var FullRegion = Region{Max: catalog.Point{X: 1, Y: 1}}

// Empty reports whether r covers no area.
func (r Region) Empty() bool { return !(r.Max.X > r.Min.X && r.Max.Y > r.Min.Y) }

// Dx returns the width of r in fractions of the image width.
func (r Region) Dx() float64 { return r.Max.X - r.Min.X }

// Dy returns the height of r in fractions of the image height.
func (r Region) Dy() float64 { return r.Max.Y - r.Min.Y }

// Contains reports whether s lies within r (an empty s is contained in
// any r), allowing for rounding.
func (r Region) Contains(s Region) bool {
	if s.Empty() {
		return true
	}
	const eps = 1e-9
	return s.Min.X >= r.Min.X-eps && s.Min.Y >= r.Min.Y-eps && s.Max.X <= r.Max.X+eps && s.Max.Y <= r.Max.Y+eps
}

// Intersect returns the part of r within s; it may be Empty.
func (r Region) Intersect(s Region) Region {
	return Region{
		Min: catalog.Point{X: math.Max(r.Min.X, s.Min.X), Y: math.Max(r.Min.Y, s.Min.Y)},
		Max: catalog.Point{X: math.Min(r.Max.X, s.Max.X), Y: math.Min(r.Max.Y, s.Max.Y)},
	}
}

// Inset returns r grown by the fraction m of its own size on each side
// (shrunk for a negative m).
func (r Region) Inset(m float64) Region {
	dx, dy := m*r.Dx(), m*r.Dy()
	return Region{
		Min: catalog.Point{X: r.Min.X - dx, Y: r.Min.Y - dy},
		Max: catalog.Point{X: r.Max.X + dx, Y: r.Max.Y + dy},
	}
}

// Pixels returns the smallest rectangle of pixels of a w×h image that
// covers r, clipped to the image.
func (r Region) Pixels(w, h int) image.Rectangle {
	px := image.Rect(
		int(math.Floor(r.Min.X*float64(w)+1e-9)), int(math.Floor(r.Min.Y*float64(h)+1e-9)),
		int(math.Ceil(r.Max.X*float64(w)-1e-9)), int(math.Ceil(r.Max.Y*float64(h)-1e-9)),
	)
	return px.Intersect(image.Rect(0, 0, w, h))
}

// regionOfPixels returns the region the pixel rectangle px covers in a
// w×h image.
func regionOfPixels(px image.Rectangle, w, h int) Region {
	fw, fh := float64(w), float64(h)
	return Region{
		Min: catalog.Point{X: float64(px.Min.X) / fw, Y: float64(px.Min.Y) / fh},
		Max: catalog.Point{X: float64(px.Max.X) / fw, Y: float64(px.Max.Y) / fh},
	}
}

// CropRegion returns the part of img (an upright image, the original or
// a reduced copy of it) that covers r, aligned on img's pixels, and the
// region it covers exactly: what ZoomView.SetDetail and
// CompareView.SetDetail take. The crop shares img's pixels when img
// supports SubImage. It returns nil for an empty intersection.
func CropRegion(img image.Image, r Region) (image.Image, Region) {
	if img == nil {
		return nil, Region{}
	}
	b := img.Bounds()
	px := r.Intersect(FullRegion).Pixels(b.Dx(), b.Dy())
	if px.Empty() {
		return nil, Region{}
	}
	exact := regionOfPixels(px, b.Dx(), b.Dy())
	px = px.Add(b.Min)
	if s, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return s.SubImage(px), exact
	}
	out := image.NewRGBA(image.Rect(0, 0, px.Dx(), px.Dy()))
	for y := 0; y < px.Dy(); y++ {
		for x := 0; x < px.Dx(); x++ {
			out.Set(x, y, img.At(px.Min.X+x, px.Min.Y+y))
		}
	}
	return out, exact
}

func pointOf(x, y float64) catalog.Point { return catalog.Point{X: x, Y: y} }
