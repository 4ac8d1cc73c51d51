package annot

import (
	"image"
	"math"
	"strconv"

	"github.com/exhibit-app/exhibit/catalog"
)

// LabelSize is the font size of labels, in 1000-px units. Render, Hit
// and PixelBounds lay marks out alike (markgeom.go), so that what a user
// clicks is what is drawn.
const LabelSize = 14.0

// vec is a point or vector in pixels.
type vec struct{ x, y float64 }

func (a vec) add(b vec) vec       { return vec{a.x + b.x, a.y + b.y} }
func (a vec) sub(b vec) vec       { return vec{a.x - b.x, a.y - b.y} }
func (a vec) mul(k float64) vec   { return vec{a.x * k, a.y * k} }
func (a vec) dot(b vec) float64   { return a.x*b.x + a.y*b.y }
func (a vec) cross(b vec) float64 { return a.x*b.y - a.y*b.x }
func (a vec) norm() float64       { return math.Hypot(a.x, a.y) }
func (a vec) perp() vec           { return vec{-a.y, a.x} }
func (a vec) dist(b vec) float64  { return a.sub(b).norm() }

// unit returns a/|a|, or (0,0) for a null vector.
func (a vec) unit() vec {
	n := a.norm()
	if n == 0 {
		return vec{}
	}
	return a.mul(1 / n)
}

// rectF is a box in pixels.
type rectF struct{ x0, y0, x1, y1 float64 }

func (r rectF) contains(p vec, tol float64) bool {
	return p.x >= r.x0-tol && p.x <= r.x1+tol && p.y >= r.y0-tol && p.y <= r.y1+tol
}

func (r rectF) union(s rectF) rectF {
	return rectF{math.Min(r.x0, s.x0), math.Min(r.y0, s.y0), math.Max(r.x1, s.x1), math.Max(r.y1, s.y1)}
}

func (r rectF) inset(d float64) rectF { return rectF{r.x0 + d, r.y0 + d, r.x1 - d, r.y1 - d} }

func (r rectF) empty() bool { return !(r.x1 > r.x0 && r.y1 > r.y0) }

// frame is the upright image shown or drawn at w×h pixels.
type frame struct{ w, h float64 }

// unit is the size in pixels of one 1000-px unit.
func (f frame) unit() float64 { return math.Max(f.w, f.h) / 1000 }

// px converts a fraction into pixels of the frame.
func (f frame) px(p catalog.Point) vec { return vec{p.X * f.w, p.Y * f.h} }

// pts converts an annotation's points (clamped onto the image) into pixels.
func (f frame) pts(a catalog.Annotation) []vec {
	out := make([]vec, len(a.Points))
	for i, p := range a.Points {
		out[i] = f.px(clampPoint(p))
	}
	return out
}

// stroke returns the annotation's stroke width in pixels of the frame.
func (f frame) stroke(a catalog.Annotation) float64 { return StrokeWidth(a) * f.unit() }

// exported returns the frame as a Frame, to use the shared geometry.
func (f frame) exported() Frame { return Frame{W: f.w, H: f.h} }

// box returns the box with corners p and q.
func box(p, q vec) rectF {
	return rectF{math.Min(p.x, q.x), math.Min(p.y, q.y), math.Max(p.x, q.x), math.Max(p.y, q.y)}
}

// arrow returns the annotation's arrow as drawn.
func (f frame) arrow(a catalog.Annotation) Arrow {
	e := f.exported()
	ps := e.Points(a)
	return ArrowBetween(ps[0], ps[1], e.Sizes(a).Head)
}

// ellipsePoints returns a polygon following the ellipse inscribed in r,
// with enough vertices for a smooth outline at that size.
func ellipsePoints(r rectF, grow float64) []vec {
	c := vec{(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2}
	rx, ry := (r.x1-r.x0)/2+grow, (r.y1-r.y0)/2+grow
	if rx < 0 {
		rx = 0
	}
	if ry < 0 {
		ry = 0
	}
	n := int(math.Ceil(math.Pi * (rx + ry) / 3)) // a vertex every ~3 px
	n = max(32, min(n, 1024))
	out := make([]vec, n)
	for i := range out {
		t := 2 * math.Pi * float64(i) / float64(n)
		out[i] = vec{c.x + rx*math.Cos(t), c.y + ry*math.Sin(t)}
	}
	return out
}

// labelLayout is where a label's tag goes and how its text sits in it.
type labelLayout struct {
	box    rectF
	lines  []string
	size   float64 // font size in pixels
	padX   float64
	ascent float64 // from the top of a line to its baseline
	lineH  float64
}

// label lays out the annotation's label in the frame; ok is false when it
// has none.
func (f frame) label(a catalog.Annotation) (l labelLayout, ok bool) {
	l.lines = LabelLines(a.Label)
	if len(l.lines) == 0 {
		return l, false
	}
	e := f.exported()
	sz := e.Sizes(a)
	l.size = sz.Font
	t := face(false)
	asc, desc := t.Metrics(l.size)
	l.lineH = LineSpacing * l.size
	l.padX = LabelPadX * l.size
	l.ascent = LabelPadY*l.size + (l.lineH-asc-desc)/2 + asc
	tw := 0.0
	for _, s := range l.lines {
		tw = math.Max(tw, t.Measure(s, l.size))
	}
	bw, bh := TagSize(tw, len(l.lines), l.size)
	at, ok := PlaceLabel(a.Kind, e.Points(a), e, sz, bw, bh)
	if !ok {
		return l, false
	}
	l.box = rectF{at.X, at.Y, at.X + bw, at.Y + bh}
	return l, true
}

// calloutNumber lays out a callout's number: its font size and the
// baseline start so that it is centred in the circle.
func (f frame) calloutNumber(a catalog.Annotation) (s string, size float64, at vec) {
	s = strconv.Itoa(a.Number)
	c := f.px(clampPoint(a.Points[0]))
	r := CalloutRadius(StrokeWidth(a)) * f.unit()
	size = 1.15 * r
	t := face(true)
	if w := t.Measure(s, size); w > 1.5*r {
		size *= 1.5 * r / w
	}
	w := t.Measure(s, size)
	return s, size, vec{c.x - w/2, c.y + DigitHeight*size/2}
}

// PixelBounds returns the pixels of a w×h rendering of the upright image
// that drawing the annotation may touch (stroke, arrow head, callout
// circle, label), clipped to the image. The GUI uses it to redraw only
// what changed.
func PixelBounds(a catalog.Annotation, w, h int) image.Rectangle {
	f := frame{float64(w), float64(h)}
	r, ok := f.bounds(a)
	if !ok {
		return image.Rectangle{}
	}
	out := image.Rect(int(math.Floor(r.x0)), int(math.Floor(r.y0)), int(math.Ceil(r.x1)), int(math.Ceil(r.y1)))
	return out.Intersect(image.Rect(0, 0, w, h))
}

// bounds is PixelBounds in floating point, unclipped.
func (f frame) bounds(a catalog.Annotation) (rectF, bool) {
	lo, hi, ok := pointCount(a.Kind)
	if !ok || len(a.Points) < lo || len(a.Points) > hi {
		return rectF{}, false
	}
	ps := f.pts(a)
	sw := f.stroke(a)
	r := rectF{ps[0].x, ps[0].y, ps[0].x, ps[0].y}
	for _, p := range ps[1:] {
		r = r.union(rectF{p.x, p.y, p.x, p.y})
	}
	switch a.Kind {
	case catalog.KindArrow:
		s := f.arrow(a)
		for _, p := range []Vec{s.Left, s.Right} {
			r = r.union(rectF{p.X, p.Y, p.X, p.Y})
		}
		r = r.inset(-sw/2 - 1)
	case catalog.KindCallout:
		rad := CalloutRadius(StrokeWidth(a))*f.unit() + 1
		r = r.inset(-rad)
	case catalog.KindText:
		// only the label
	default:
		r = r.inset(-sw/2 - 1)
	}
	if l, ok := f.label(a); ok {
		if a.Kind == catalog.KindText {
			r = l.box
		} else {
			r = r.union(l.box)
		}
		r = r.inset(-1)
	}
	return r, true
}
