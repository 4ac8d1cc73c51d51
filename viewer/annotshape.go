package viewer

import (
	"image/color"
	"math"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer/annot"
)

// The annotation layer draws the shapes of annotations itself, at the
// screen's resolution and only over the visible part of the image, so that
// they stay crisp at any zoom; labels and callout numbers are Fyne text.
// The sizes below are those of viewer/annot's layout.go (which keeps them
// unexported), so that a mark looks on screen as it does burnt into an
// export, and is hit where it is drawn.
const (
	labelPadX   = 0.35 // per unit of font size
	labelPadY   = 0.18
	labelGap    = 0.3
	lineSpacing = 1.2
	headSpread  = 0.45 // arrow head half-width per unit of its length
)

func calloutRadius(width float64) float64 { return 10 + 1.5*width }

func arrowHead(width float64) float64 { return 10 + 3.5*width }

// strokeUnits returns the annotation's stroke width in 1000-px units.
func strokeUnits(a catalog.Annotation) float64 {
	w := a.Width
	if math.IsNaN(w) || math.IsInf(w, 0) || w <= 0 {
		return annot.DefaultWidth
	}
	return math.Min(w, annot.MaxWidth)
}

// vec is a point or a vector in the units of a shapeFrame.
type vec struct{ x, y float64 }

func (a vec) add(b vec) vec       { return vec{a.x + b.x, a.y + b.y} }
func (a vec) sub(b vec) vec       { return vec{a.x - b.x, a.y - b.y} }
func (a vec) mul(k float64) vec   { return vec{a.x * k, a.y * k} }
func (a vec) norm() float64       { return math.Hypot(a.x, a.y) }
func (a vec) perp() vec           { return vec{-a.y, a.x} }
func (a vec) cross(b vec) float64 { return a.x*b.y - a.y*b.x }

func (a vec) unit() vec {
	n := a.norm()
	if n == 0 {
		return vec{}
	}
	return a.mul(1 / n)
}

// shapeFrame is the upright image shown at (ox, oy) with size w×h, in some
// unit (device pixels for the raster, Fyne units for the labels).
type shapeFrame struct{ ox, oy, w, h float64 }

// unit returns the size of one 1000-px unit.
func (f shapeFrame) unit() float64 { return math.Max(f.w, f.h) / 1000 }

func (f shapeFrame) px(p catalog.Point) vec {
	return vec{f.ox + clamp01(p.X)*f.w, f.oy + clamp01(p.Y)*f.h}
}

func (f shapeFrame) pts(a catalog.Annotation) []vec {
	out := make([]vec, len(a.Points))
	for i, p := range a.Points {
		out[i] = f.px(p)
	}
	return out
}

func clamp01(v float64) float64 {
	if v > 1 {
		return 1
	}
	if v >= 0 {
		return v
	}
	return 0
}

// drawable reports whether the annotation has a known kind and its number
// of points.
func drawable(a catalog.Annotation) bool {
	lo, hi, ok := catalog.PointCount(a.Kind)
	return ok && len(a.Points) >= lo && len(a.Points) <= hi
}

// colorOf returns the annotation's colour, or annot.FallbackColor.
func colorOf(a catalog.Annotation) color.NRGBA {
	c, err := annot.ParseColor(a.Color)
	if err != nil {
		return annot.FallbackColor
	}
	return c
}

// contrast returns black or white, whichever reads on c (as annot does).
func contrast(c color.NRGBA) color.NRGBA {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	if 0.2126*lin(c.R)+0.7152*lin(c.G)+0.0722*lin(c.B) > 0.3 {
		return color.NRGBA{0, 0, 0, 0xff}
	}
	return color.NRGBA{0xff, 0xff, 0xff, 0xff}
}

// fill is a set of polygons filled in one colour with the nonzero rule:
// outlines turn clockwise on screen, holes counter-clockwise.
type fill struct {
	polys [][]vec
	c     color.Color
}

func (f *fill) addPoly(ps []vec) {
	if signedArea(ps) > 0 {
		ps = reversed(ps)
	}
	f.polys = append(f.polys, ps)
}

func (f *fill) addHole(ps []vec) {
	if signedArea(ps) < 0 {
		ps = reversed(ps)
	}
	f.polys = append(f.polys, ps)
}

func (f *fill) addSegment(a, b vec, w float64) {
	n := b.sub(a).unit().perp().mul(w / 2)
	if n == (vec{}) {
		return
	}
	f.addPoly([]vec{a.add(n), b.add(n), b.sub(n), a.sub(n)})
}

// signedArea returns twice the signed area (negative when the polygon
// turns clockwise on screen, y pointing down... with this package's sign).
func signedArea(ps []vec) float64 {
	s := 0.0
	for i := range ps {
		s += ps[i].cross(ps[(i+1)%len(ps)])
	}
	return s
}

func reversed(ps []vec) []vec {
	out := make([]vec, len(ps))
	for i, p := range ps {
		out[len(ps)-1-i] = p
	}
	return out
}

// disc returns a polygon approximating a circle.
func disc(c vec, r float64) []vec {
	n := max(12, min(256, int(math.Ceil(2*math.Pi*r/2))))
	out := make([]vec, n)
	for i := range out {
		t := 2 * math.Pi * float64(i) / float64(n)
		out[i] = vec{c.x + r*math.Cos(t), c.y + r*math.Sin(t)}
	}
	return out
}

// ellipse returns a polygon following the ellipse inscribed in the box
// (x0, y0)-(x1, y1) grown by grow.
func ellipse(x0, y0, x1, y1, grow float64) []vec {
	cx, cy := (x0+x1)/2, (y0+y1)/2
	rx, ry := math.Max(0, (x1-x0)/2+grow), math.Max(0, (y1-y0)/2+grow)
	n := max(32, min(1024, int(math.Ceil(math.Pi*(rx+ry)/3))))
	out := make([]vec, n)
	for i := range out {
		t := 2 * math.Pi * float64(i) / float64(n)
		out[i] = vec{cx + rx*math.Cos(t), cy + ry*math.Sin(t)}
	}
	return out
}

func rectPoly(x0, y0, x1, y1 float64) []vec {
	return []vec{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
}

// arrowParts returns an arrow's tail, the end of its shaft (inside the
// head) and its head triangle.
func arrowParts(f shapeFrame, a catalog.Annotation) (tail, neck vec, head []vec) {
	ps := f.pts(a)
	tail, tip := ps[0], ps[1]
	d := tip.sub(tail)
	n := d.norm()
	u := d.unit()
	l := arrowHead(strokeUnits(a)) * f.unit()
	if l > 0.6*n {
		l = 0.6 * n
	}
	base := tip.sub(u.mul(l))
	side := u.perp().mul(headSpread * l)
	return tail, tip.sub(u.mul(0.5 * l)), []vec{tip, base.add(side), base.sub(side)}
}

// shapeFills returns the fills that draw a's shape (not its label) in f,
// in drawing order.
func shapeFills(f shapeFrame, a catalog.Annotation) []fill {
	if !drawable(a) {
		return nil
	}
	c := colorOf(a)
	sw := strokeUnits(a) * f.unit()
	ps := f.pts(a)
	s := fill{c: c}
	switch a.Kind {
	case catalog.KindRect:
		x0, y0 := math.Min(ps[0].x, ps[1].x), math.Min(ps[0].y, ps[1].y)
		x1, y1 := math.Max(ps[0].x, ps[1].x), math.Max(ps[0].y, ps[1].y)
		s.addPoly(rectPoly(x0-sw/2, y0-sw/2, x1+sw/2, y1+sw/2))
		if x1-x0 > sw && y1-y0 > sw {
			s.addHole(rectPoly(x0+sw/2, y0+sw/2, x1-sw/2, y1-sw/2))
		}
	case catalog.KindEllipse:
		x0, y0 := math.Min(ps[0].x, ps[1].x), math.Min(ps[0].y, ps[1].y)
		x1, y1 := math.Max(ps[0].x, ps[1].x), math.Max(ps[0].y, ps[1].y)
		s.addPoly(ellipse(x0, y0, x1, y1, sw/2))
		if (x1-x0)/2 > sw/2 && (y1-y0)/2 > sw/2 {
			s.addHole(ellipse(x0, y0, x1, y1, -sw/2))
		}
	case catalog.KindArrow:
		tail, neck, head := arrowParts(f, a)
		s.addSegment(tail, neck, sw)
		s.addPoly(disc(tail, sw/2))
		s.addPoly(head)
	case catalog.KindPolyline:
		for i := 1; i < len(ps); i++ {
			s.addSegment(ps[i-1], ps[i], sw)
		}
		for _, p := range ps {
			s.addPoly(disc(p, sw/2))
		}
	case catalog.KindCallout:
		r := calloutRadius(strokeUnits(a)) * f.unit()
		rim := math.Max(1, 0.08*r)
		hc := contrast(c)
		hc.A = 0xc0
		halo := fill{c: hc}
		halo.addPoly(disc(ps[0], r+rim))
		s.addPoly(disc(ps[0], r))
		return []fill{halo, s}
	case catalog.KindText:
		return nil
	}
	return []fill{s}
}
