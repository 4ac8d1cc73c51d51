package geo

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

// Overlay is a georeferenced image drawn in its footprint: Ring is its
// corners as world positions, upper left, lower left, lower right, upper
// right (as catalog footprints give them).
type Overlay struct {
	ID   int64
	Ring []Point
	Img  image.Image
}

// Swipe is two georeferenced images drawn in their footprints over the
// basemap, one over the other: Left is seen left of the handle, Right
// right of it. At is where the handle is, a fraction of the view's width.
type Swipe struct {
	Left, Right Overlay
	At          float64
}

// HandleX returns where the handle is drawn, in pixels of view v.
func (s *Swipe) HandleX(v View) float64 {
	return math.Max(0, math.Min(1, s.At)) * v.W
}

// handleColour is the swipe handle's.
var handleColour = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}

// drawSwipe draws the two images of the swipe, each on its side of the
// handle (nothing when s is nil).
func drawSwipe(dst *image.RGBA, v View, s *Swipe) {
	if s == nil {
		return
	}
	hx := int(math.Round(s.HandleX(v)))
	b := dst.Bounds()
	drawOverlay(dst, image.Rect(b.Min.X, b.Min.Y, hx, b.Max.Y), v, s.Left)
	drawOverlay(dst, image.Rect(hx, b.Min.Y, b.Max.X, b.Max.Y), v, s.Right)
}

// drawSwipeHandle draws the swipe's handle over everything: a line across
// the view with a knob in its middle (nothing when s is nil).
func drawSwipeHandle(dst *image.RGBA, v View, s *Swipe, st Style, k float64) {
	if s == nil {
		return
	}
	hx := int(math.Round(s.HandleX(v)))
	b := dst.Bounds()
	w := max(2, int(math.Round(2*k)))
	fillRect(dst, hx-w/2-1, b.Min.Y, w+2, b.Dy(), st.Outline)
	fillRect(dst, hx-w/2, b.Min.Y, w, b.Dy(), st.Selected)
	cy := float64(b.Dy()) / 2
	disc(dst, float64(hx), cy, 13*k, st.Outline)
	disc(dst, float64(hx), cy, 11*k, st.Selected)
	// Two arrows, left and right: the handle moves sideways.
	for _, d := range []float64{-1, 1} {
		polygon(dst, handleColour, [][2]float64{{float64(hx) + d*3*k, cy - 5*k}, {float64(hx) + d*8*k, cy}, {float64(hx) + d*3*k, cy + 5*k}})
	}
}

// drawOverlay draws an overlay's image in its footprint, clipped to
// clip: the affine map that takes its upper left, upper right and lower
// left corners to theirs on screen.
func drawOverlay(dst *image.RGBA, clip image.Rectangle, v View, o Overlay) {
	clip = clip.Intersect(dst.Bounds())
	if o.Img == nil || len(o.Ring) < 4 || clip.Empty() {
		return
	}
	sb := o.Img.Bounds()
	if sb.Dx() == 0 || sb.Dy() == 0 {
		return
	}
	ulx, uly := v.ToScreen(o.Ring[0])
	llx, lly := v.ToScreen(o.Ring[1])
	urx, ury := v.ToScreen(o.Ring[3])
	w, h := float64(sb.Dx()), float64(sb.Dy())
	m := f64.Aff3{
		(urx - ulx) / w, (llx - ulx) / h, ulx - (urx-ulx)/w*float64(sb.Min.X) - (llx-ulx)/h*float64(sb.Min.Y),
		(ury - uly) / w, (lly - uly) / h, uly - (ury-uly)/w*float64(sb.Min.X) - (lly-uly)/h*float64(sb.Min.Y),
	}
	if det := m[0]*m[4] - m[1]*m[3]; !(math.Abs(det) > 1e-12) || math.IsInf(det, 0) {
		return // a footprint of no size on screen
	}
	sub := dst.SubImage(clip).(*image.RGBA)
	xdraw.ApproxBiLinear.Transform(sub, m, o.Img, sb, draw.Over, nil)
}
