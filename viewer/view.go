package viewer

import (
	"math"

	"github.com/exhibit-app/exhibit/catalog"
)

// View is what a ZoomView shows, independent of the pixel size of the image
// and of the widget, so that it can be copied from one view to another
// (before/after comparison) and survive swapping a preview for the full
// resolution image.
type View struct {
	// Zoom is the magnification relative to Fit: 1 shows the whole image as
	// large as the widget allows, 2 twice as large. Zero means 1.
	Zoom float64
	// Center is the point of the image shown at the centre of the widget,
	// in fractions of the image. The zero value means the image centre
	// when Zoom is also zero.
	Center catalog.Point
}

// FitView is the view that shows the whole image, centred.
var FitView = View{Zoom: 1, Center: catalog.Point{X: 0.5, Y: 0.5}}

// normal returns v with its zero value replaced by FitView.
func (v View) normal() View {
	if v == (View{}) || v.Zoom <= 0 || math.IsNaN(v.Zoom) || math.IsInf(v.Zoom, 0) {
		if v.Center == (catalog.Point{}) {
			return FitView
		}
		v.Zoom = 1
	}
	if !finite(v.Center.X) || !finite(v.Center.Y) {
		v.Center = FitView.Center
	}
	return v
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// Zoom limits, in device pixels per pixel of the original image: the view
// never magnifies more than maxActual times (1600 %); and it never shows the
// image smaller than Fit, or than 100 % for an image smaller than the widget.
const (
	maxActual = 16.0
	maxFit    = 8.0 // at least this many times Fit, for small images
)

// geom is the geometry a View is applied to. Sizes are in Fyne units for the
// widget and in pixels of the original image (which may be larger than the
// pixels shown, see ZoomView.SetFullSize).
type geom struct {
	w, h   float64 // widget size, Fyne units
	iw, ih float64 // original image size, pixels
	scale  float64 // device pixels per Fyne unit
}

func (g geom) valid() bool { return g.w > 0 && g.h > 0 && g.iw > 0 && g.ih > 0 && g.scale > 0 }

// fit returns the Fyne units per image pixel at Zoom 1.
func (g geom) fit() float64 { return math.Min(g.w/g.iw, g.h/g.ih) }

// actualZoom returns the Zoom at which one image pixel covers one device
// pixel.
func (g geom) actualZoom() float64 { return 1 / (g.fit() * g.scale) }

// limits returns the smallest and largest Zoom allowed.
func (g geom) limits() (lo, hi float64) {
	a := g.actualZoom()
	return math.Min(1, a), math.Max(maxActual*a, maxFit)
}

// clamp returns v within the zoom limits and with the image covering the
// widget along each axis where it is larger than the widget, centred along
// an axis where it is smaller.
func (g geom) clamp(v View) View {
	v = v.normal()
	if !g.valid() {
		return v
	}
	lo, hi := g.limits()
	v.Zoom = math.Max(lo, math.Min(hi, v.Zoom))
	dw, dh := g.displayed(v.Zoom)
	v.Center.X = clampAxis(v.Center.X, g.w, dw)
	v.Center.Y = clampAxis(v.Center.Y, g.h, dh)
	return v
}

func clampAxis(c, view, shown float64) float64 {
	if shown <= view {
		return 0.5
	}
	half := view / 2 / shown
	return math.Max(half, math.Min(1-half, c))
}

// displayed returns the size of the whole image on screen at zoom z, in Fyne
// units.
func (g geom) displayed(z float64) (dw, dh float64) {
	u := g.fit() * z
	return g.iw * u, g.ih * u
}

// rect returns the rectangle the whole image covers in widget coordinates
// (Fyne units) under v, which must be clamped.
func (g geom) rect(v View) (ox, oy, dw, dh float64) {
	dw, dh = g.displayed(v.Zoom)
	return g.w/2 - v.Center.X*dw, g.h/2 - v.Center.Y*dh, dw, dh
}

// toWidget maps an image fraction to widget coordinates under v.
func (g geom) toWidget(v View, p catalog.Point) (x, y float64) {
	ox, oy, dw, dh := g.rect(v)
	return ox + p.X*dw, oy + p.Y*dh
}

// toImage maps widget coordinates to an image fraction under v.
func (g geom) toImage(v View, x, y float64) catalog.Point {
	ox, oy, dw, dh := g.rect(v)
	return catalog.Point{X: (x - ox) / dw, Y: (y - oy) / dh}
}

// zoomAt returns v changed to zoom z (before limits) keeping the image
// point under widget position (x, y) where it is, as far as the limits
// allow.
func (g geom) zoomAt(v View, z, x, y float64) View {
	v = g.clamp(v)
	p := g.toImage(v, x, y)
	lo, hi := g.limits()
	z = math.Max(lo, math.Min(hi, z))
	dw, dh := g.displayed(z)
	// choose the centre so that ox' + p.X*dw == x
	n := View{Zoom: z, Center: catalog.Point{
		X: (g.w/2 - (x - p.X*dw)) / dw,
		Y: (g.h/2 - (y - p.Y*dh)) / dh,
	}}
	return g.clamp(n)
}

// pan returns v with the image moved by (dx, dy) Fyne units on screen.
func (g geom) pan(v View, dx, dy float64) View {
	v = g.clamp(v)
	dw, dh := g.displayed(v.Zoom)
	v.Center.X -= dx / dw
	v.Center.Y -= dy / dh
	return g.clamp(v)
}
