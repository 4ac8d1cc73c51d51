package annot

import (
	"image/color"
	"math"
	"strings"

	"github.com/exhibit-app/exhibit/catalog"
)

// A mark is drawn in three places: burnt into an image here (Render), on
// screen by the viewer's annotation layer, and in a PDF by package sheet.
// What follows is the geometry they share, in any unit (pixels, Fyne
// units, millimetres on a page), so that a mark looks the same, and is
// hit where it is drawn, everywhere.

// Sizes of the parts of a label, per unit of its font size.
const (
	// LabelPadX and LabelPadY are the margins inside a label's tag.
	LabelPadX = 0.35
	LabelPadY = 0.18
	// LabelGap separates a label's tag from its mark.
	LabelGap = 0.3
	// LineSpacing is the distance between the baselines of label lines.
	LineSpacing = 1.2
	// DigitHeight is the height of DejaVu Sans digits (1493/2048), used to
	// centre a callout's number vertically.
	DigitHeight = 0.729
)

// ArrowHeadSpread is an arrow head's half-width per unit of its length.
const ArrowHeadSpread = 0.45

// CalloutRadius returns a callout circle's radius for a stroke width, in
// 1000-px units.
func CalloutRadius(width float64) float64 { return 10 + 1.5*width }

// ArrowHeadLength returns an arrow head's length for a stroke width, in
// 1000-px units.
func ArrowHeadLength(width float64) float64 { return 10 + 3.5*width }

// StrokeWidth returns the annotation's stroke width in 1000-px units: its
// Width, DefaultWidth when that is 0 or not a positive number, at most
// MaxWidth.
func StrokeWidth(a catalog.Annotation) float64 {
	w := a.Width
	if !finite(w) || w <= 0 {
		return DefaultWidth
	}
	return math.Min(w, MaxWidth)
}

// LabelFontSize returns the font size of the annotation's label in 1000-px
// units: LabelSize, except for a text mark, which is its label and whose
// Width sets its size (LabelSize at DefaultWidth, at least 6).
func LabelFontSize(a catalog.Annotation) float64 {
	if a.Kind == catalog.KindText {
		return math.Max(6, LabelSize*StrokeWidth(a)/DefaultWidth)
	}
	return LabelSize
}

// LabelLines splits a label into the lines it is drawn in, dropping
// carriage returns and trailing blanks; nil for a blank label.
func LabelLines(s string) []string {
	s = strings.TrimRight(strings.ReplaceAll(s, "\r", ""), " \n\t")
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// ColorOf returns the annotation's colour, or FallbackColor when it
// cannot be parsed.
func ColorOf(a catalog.Annotation) color.NRGBA {
	c, err := ParseColor(a.Color)
	if err != nil {
		return FallbackColor
	}
	return c
}

// Contrast returns black or white, whichever reads on c: black on light
// colours (relative luminance above 0.3: yellow, orange, cyan, light
// green), white on the others. Labels and callout numbers are drawn in it.
func Contrast(c color.NRGBA) color.NRGBA {
	if light(c) {
		return color.NRGBA{0, 0, 0, 0xff}
	}
	return color.NRGBA{0xff, 0xff, 0xff, 0xff}
}

// light reports whether white text would not read on c.
func light(c color.NRGBA) bool {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R)+0.7152*lin(c.G)+0.0722*lin(c.B) > 0.3
}

// Vec is a point or a vector in the unit of a Frame.
type Vec struct{ X, Y float64 }

func (v Vec) in() vec  { return vec{v.X, v.Y} }
func (a vec) out() Vec { return Vec{a.x, a.y} }

// Frame is where the upright image is drawn: its top-left corner at
// (X, Y) and its size W×H, in any unit (device pixels, Fyne units,
// millimetres).
type Frame struct{ X, Y, W, H float64 }

// Unit returns the size in the frame's unit of one 1000-px unit.
func (f Frame) Unit() float64 { return math.Max(f.W, f.H) / 1000 }

// At returns where the fraction p, clamped onto the image, is drawn.
func (f Frame) At(p catalog.Point) Vec {
	return Vec{f.X + clamp01(p.X)*f.W, f.Y + clamp01(p.Y)*f.H}
}

// Points returns where the annotation's points, clamped onto the image,
// are drawn.
func (f Frame) Points(a catalog.Annotation) []Vec {
	out := make([]Vec, len(a.Points))
	for i, p := range a.Points {
		out[i] = f.At(p)
	}
	return out
}

// Sizes are the lengths a mark is drawn with, in a frame's unit.
type Sizes struct {
	Stroke float64 // stroke width
	Head   float64 // arrow head length (before ArrowBetween shortens it)
	Radius float64 // callout radius
	Font   float64 // label font size
}

// Sizes returns the lengths a is drawn with in f. A sheet printing small
// may raise them to a legible minimum before laying out with them.
func (f Frame) Sizes(a catalog.Annotation) Sizes {
	u, w := f.Unit(), StrokeWidth(a)
	return Sizes{Stroke: w * u, Head: ArrowHeadLength(w) * u, Radius: CalloutRadius(w) * u, Font: LabelFontSize(a) * u}
}

// Arrow is an arrow as drawn: a shaft from Tail to Neck, ending inside
// the head so that its square end is hidden without poking out of the
// tip, and a head, the triangle Tip, Left, Right.
type Arrow struct{ Tail, Neck, Tip, Left, Right Vec }

// ArrowBetween returns the arrow from tail to tip with a head of the given
// length, shortened to 0.6 of a short arrow's length so that it keeps a
// visible shaft.
func ArrowBetween(tail, tip Vec, head float64) Arrow {
	t, p := tail.in(), tip.in()
	d := p.sub(t)
	n := d.norm()
	u := d.unit()
	if head > 0.6*n {
		head = 0.6 * n
	}
	base := p.sub(u.mul(head))
	side := u.perp().mul(ArrowHeadSpread * head)
	return Arrow{Tail: tail, Neck: p.sub(u.mul(0.5 * head)).out(), Tip: tip, Left: base.add(side).out(), Right: base.sub(side).out()}
}

// TagSize returns the size of a label's tag holding lines lines of text,
// the widest textWidth wide, set at the font size font.
func TagSize(textWidth float64, lines int, font float64) (w, h float64) {
	return textWidth + 2*LabelPadX*font, float64(lines)*LineSpacing*font + 2*LabelPadY*font
}

// PlaceLabel returns the top-left corner of the w×h tag of the label of a
// mark of kind k whose points are ps (in f, as Frame.Points gives them; a
// callout's centre where it is drawn), drawn with the sizes s: above the
// top-left corner of a rect and above the top of an ellipse (centred), on
// the outer edge of the outline, or below the shape when there is no room
// above, or inside at the top when there is no room below either; beyond
// an arrow's tail or a polyline's first vertex, away from the shape; right
// of a callout's circle, or left of it when it would not fit; at a text
// mark's anchor. The tag is always kept on the image. ok is false for an
// unknown kind or too few points.
func PlaceLabel(k catalog.AnnotationKind, ps []Vec, f Frame, s Sizes, w, h float64) (at Vec, ok bool) {
	lo, _, known := catalog.PointCount(k)
	if !known || len(ps) < lo {
		return Vec{}, false
	}
	gap, sw := LabelGap*s.Font, s.Stroke
	var x, y float64
	switch k {
	case catalog.KindRect, catalog.KindEllipse:
		r := box(ps[0].in(), ps[1].in())
		x = r.x0 - sw/2
		if k == catalog.KindEllipse {
			x = (r.x0+r.x1)/2 - w/2
		}
		y = r.y0 - sw/2 - h
		if y < f.Y {
			y = r.y1 + sw/2
			if y+h > f.Y+f.H {
				y = r.y0 + sw/2
			}
		}
	case catalog.KindArrow, catalog.KindPolyline:
		anchor, toward := ps[0].in(), ps[1].in()
		if k == catalog.KindPolyline {
			for _, p := range ps[1:] { // the first vertex that differs
				if p.in() != anchor {
					toward = p.in()
					break
				}
			}
		}
		d := anchor.sub(toward).unit()
		if d == (vec{}) {
			d = vec{0, -1}
		}
		reach := gap + sw/2 + math.Abs(d.x)*w/2 + math.Abs(d.y)*h/2
		c := anchor.add(d.mul(reach))
		x, y = c.x-w/2, c.y-h/2
	case catalog.KindCallout:
		c, r := ps[0], s.Radius
		x = c.X + r + gap
		if x+w > f.X+f.W && c.X-r-gap-w >= f.X {
			x = c.X - r - gap - w
		}
		y = c.Y - h/2
	case catalog.KindText:
		x, y = ps[0].X, ps[0].Y
	}
	x = math.Max(f.X, math.Min(x, f.X+f.W-w))
	y = math.Max(f.Y, math.Min(y, f.Y+f.H-h))
	return Vec{x, y}, true
}

// Fill is a set of polygons filled in one colour with the nonzero rule:
// outlines turn clockwise on screen (y pointing down), holes the other
// way.
type Fill struct {
	Polygons [][]Vec
	Color    color.NRGBA
}

// Fills returns the fills that draw a's shape (not its label, nor a
// callout's number) in f, in drawing order; nil for a text mark, an
// unknown kind or the wrong number of points. Render fills them with its
// rasterizer, the viewer's layer with its own, at the screen's resolution.
func (f Frame) Fills(a catalog.Annotation) []Fill {
	if !drawable(a) {
		return nil
	}
	c := ColorOf(a)
	s := f.Sizes(a)
	sw := s.Stroke
	ps := f.Points(a)
	var sh polySet
	switch a.Kind {
	case catalog.KindRect:
		r := box(ps[0].in(), ps[1].in())
		sh.addPoly(rectPoly(r.inset(-sw / 2)))
		if in := r.inset(sw / 2); !in.empty() {
			sh.addHole(rectPoly(in))
		}
	case catalog.KindEllipse:
		r := box(ps[0].in(), ps[1].in())
		sh.addPoly(ellipsePoints(r, sw/2))
		if rx, ry := (r.x1-r.x0)/2, (r.y1-r.y0)/2; rx > sw/2 && ry > sw/2 {
			sh.addHole(ellipsePoints(r, -sw/2))
		}
	case catalog.KindArrow:
		ar := ArrowBetween(ps[0], ps[1], s.Head)
		sh.addSegment(ar.Tail.in(), ar.Neck.in(), sw)
		sh.addPoly(disc(ar.Tail.in(), sw/2))
		sh.addPoly([]vec{ar.Tip.in(), ar.Left.in(), ar.Right.in()})
	case catalog.KindPolyline:
		pv := make([]vec, len(ps))
		for i, p := range ps {
			pv[i] = p.in()
		}
		for i := 1; i < len(pv); i++ {
			sh.addSegment(pv[i-1], pv[i], sw)
		}
		for _, p := range pv {
			sh.addPoly(disc(p, sw/2))
		}
	case catalog.KindCallout:
		r := s.Radius
		var halo polySet
		halo.addPoly(disc(ps[0].in(), r+math.Max(1, 0.08*r)))
		hc := Contrast(c)
		hc.A = 0xc0
		sh.addPoly(disc(ps[0].in(), r))
		return []Fill{halo.fill(hc), sh.fill(c)}
	default: // text: only a label
		return nil
	}
	return []Fill{sh.fill(c)}
}

// polySet gathers the polygons of a Fill, oriented for the nonzero rule.
type polySet [][]vec

// addPoly adds an outline, turning it clockwise on screen.
func (s *polySet) addPoly(ps []vec) {
	if signedArea(ps) < 0 {
		ps = reversed(ps)
	}
	*s = append(*s, ps)
}

// addHole adds a hole, turning it counter-clockwise.
func (s *polySet) addHole(ps []vec) {
	if signedArea(ps) > 0 {
		ps = reversed(ps)
	}
	*s = append(*s, ps)
}

// addSegment adds a stroke of width w from a to b with square ends flush
// with a and b.
func (s *polySet) addSegment(a, b vec, w float64) {
	n := b.sub(a).unit().perp().mul(w / 2)
	if n == (vec{}) {
		return
	}
	s.addPoly([]vec{a.add(n), b.add(n), b.sub(n), a.sub(n)})
}

func (s polySet) fill(c color.NRGBA) Fill {
	out := Fill{Polygons: make([][]Vec, len(s)), Color: c}
	for i, p := range s {
		q := make([]Vec, len(p))
		for j, v := range p {
			q[j] = v.out()
		}
		out.Polygons[i] = q
	}
	return out
}

func reversed(ps []vec) []vec {
	out := make([]vec, len(ps))
	for i, p := range ps {
		out[len(ps)-1-i] = p
	}
	return out
}
