package geo

import "math"

// View is what a map shows: the world position at its centre, its scale
// (pixels per world unit) and its size in pixels.
type View struct {
	Center Point
	Scale  float64
	W, H   float64
}

// Scales a view may take: from the whole Earth in 256 pixels to about 2 cm
// a pixel.
const (
	MinScale = 256
	MaxScale = 256 << 23
)

// ToScreen returns where world position p is drawn, in pixels from the
// view's top left corner.
func (v View) ToScreen(p Point) (x, y float64) {
	return (p.X-v.Center.X)*v.Scale + v.W/2, (p.Y-v.Center.Y)*v.Scale + v.H/2
}

// FromScreen returns the world position drawn at pixel (x, y).
func (v View) FromScreen(x, y float64) Point {
	return Point{X: v.Center.X + (x-v.W/2)/v.Scale, Y: v.Center.Y + (y-v.H/2)/v.Scale}
}

// Pan moves the map by (dx, dy) pixels, as a hand dragging it would.
func (v View) Pan(dx, dy float64) View {
	v.Center.X -= dx / v.Scale
	v.Center.Y -= dy / v.Scale
	v.Center.Y = math.Max(0, math.Min(1, v.Center.Y))
	return v
}

// ZoomAt multiplies the scale by factor, keeping the world position under
// pixel (x, y) where it is.
func (v View) ZoomAt(factor, x, y float64) View {
	before := v.FromScreen(x, y)
	v.Scale = math.Max(MinScale, math.Min(MaxScale, v.Scale*factor))
	after := v.FromScreen(x, y)
	v.Center.X += before.X - after.X
	v.Center.Y += before.Y - after.Y
	return v
}

// Fit returns a view of size w×h pixels showing every point, with pad
// pixels of margin on each side. A single point (or points closer than
// minSpan metres) is shown with about minSpan metres across the view.
func Fit(points []Point, w, h, pad, minSpan float64) View {
	v := View{W: w, H: h, Scale: MinScale, Center: Point{0.5, 0.5}}
	if len(points) == 0 || w <= 2*pad || h <= 2*pad {
		return v
	}
	lo, hi := points[0], points[0]
	for _, p := range points[1:] {
		lo.X, lo.Y = math.Min(lo.X, p.X), math.Min(lo.Y, p.Y)
		hi.X, hi.Y = math.Max(hi.X, p.X), math.Max(hi.Y, p.Y)
	}
	v.Center = Point{(lo.X + hi.X) / 2, (lo.Y + hi.Y) / 2}
	lat, _ := Unproject(v.Center)
	span := math.Max(minSpan/metresPerWorldUnit(lat), 1e-12)
	sx := (w - 2*pad) / math.Max(hi.X-lo.X, span)
	sy := (h - 2*pad) / math.Max(hi.Y-lo.Y, span)
	v.Scale = math.Max(MinScale, math.Min(MaxScale, math.Min(sx, sy)))
	return v
}

// MetresPerPixel is the ground distance one pixel spans at the view's
// centre.
func (v View) MetresPerPixel() float64 {
	lat, _ := Unproject(v.Center)
	return metresPerWorldUnit(lat) / v.Scale
}

// ScaleBar returns a round length in metres (1, 2 or 5 times a power of
// ten) whose bar is at most maxPx pixels long, and that length in pixels.
func (v View) ScaleBar(maxPx float64) (metres, px float64) {
	mpp := v.MetresPerPixel()
	limit := mpp * maxPx
	metres = math.Pow(10, math.Floor(math.Log10(limit)))
	for _, k := range []float64{5, 2} {
		if metres*k <= limit {
			metres *= k
			break
		}
	}
	return metres, metres / mpp
}
