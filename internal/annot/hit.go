package annot

import (
	"math"

	"github.com/exhibit-app/exhibit/catalog"
)

// Hit reports whether a click at p (fractions) touches the annotation,
// with a tolerance tol in fractions. It measures in the unit square, so on
// a very elongated image the tolerance is wider across the short side:
// the GUI, which knows the size it shows the image at, should call HitAt.
func Hit(a catalog.Annotation, p catalog.Point, tol float64) bool {
	return frame{1, 1}.hit(a, p, tol) != hitNone
}

// HitAt reports whether a click at p (fractions) touches the annotation
// drawn on the upright image shown at w×h pixels, within tolPx pixels
// (4 to 6 suits a mouse). What counts, as a user expects:
//
//   - rect, ellipse: the outline, and the inside (see HitTest for how an
//     outline wins over the inside of a larger shape);
//   - arrow: the shaft and the head; polyline: its strokes;
//   - callout: the disc; text: its tag;
//   - for every kind, the label's tag.
func HitAt(a catalog.Annotation, p catalog.Point, tolPx, w, h float64) bool {
	return frame{w, h}.hit(a, p, tolPx) != hitNone
}

// HitTest returns the index of the annotation a click at p selects among
// anns (drawn in order, the last on top), or -1: the topmost whose stroke,
// disc or label is within tolPx pixels; else, among the rects and ellipses
// the click is inside, the smallest (so that a mark inside a larger one
// can still be picked).
func HitTest(anns []catalog.Annotation, p catalog.Point, tolPx, w, h float64) int {
	f := frame{w, h}
	best, bestArea := -1, math.Inf(1)
	for i := len(anns) - 1; i >= 0; i-- {
		switch f.hit(anns[i], p, tolPx) {
		case hitDirect:
			return i
		case hitInside:
			lo, hi := BBox(anns[i])
			if area := (hi.X - lo.X) * w * (hi.Y - lo.Y) * h; area < bestArea {
				best, bestArea = i, area
			}
		}
	}
	return best
}

type hitLevel int

const (
	hitNone   hitLevel = iota
	hitInside          // inside a closed shape, off its outline
	hitDirect          // on a stroke, a disc, a head or a label
)

func (f frame) hit(a catalog.Annotation, pf catalog.Point, tol float64) hitLevel {
	if !drawable(a) || !finite(pf.X) || !finite(pf.Y) {
		return hitNone
	}
	if !finite(tol) || tol < 0 {
		tol = 0
	}
	p := f.px(pf)
	if l, ok := f.label(a); ok && l.box.contains(p, tol) {
		return hitDirect
	}
	ps := f.pts(a)
	reach := f.stroke(a)/2 + tol
	switch a.Kind {
	case catalog.KindRect:
		r := box(ps[0], ps[1])
		d := math.Min(math.Min(math.Abs(p.x-r.x0), math.Abs(p.x-r.x1)), math.Min(math.Abs(p.y-r.y0), math.Abs(p.y-r.y1)))
		inside := r.contains(p, 0)
		near := r.contains(p, reach)
		if near && (!inside || d <= reach) {
			return hitDirect
		}
		if inside {
			return hitInside
		}
	case catalog.KindEllipse:
		r := box(ps[0], ps[1])
		if distToPolygon(p, ellipsePoints(r, 0), true) <= reach {
			return hitDirect
		}
		c := vec{(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2}
		rx, ry := (r.x1-r.x0)/2, (r.y1-r.y0)/2
		if rx > 0 && ry > 0 && sq((p.x-c.x)/rx)+sq((p.y-c.y)/ry) <= 1 {
			return hitInside
		}
	case catalog.KindArrow:
		ar := f.arrow(a)
		head := []vec{ar.Tip.in(), ar.Left.in(), ar.Right.in()}
		if distToSegment(p, ar.Tail.in(), ar.Tip.in()) <= reach || inTriangle(p, head) || distToPolygon(p, head, true) <= tol {
			return hitDirect
		}
	case catalog.KindPolyline:
		if distToPolygon(p, ps, false) <= reach {
			return hitDirect
		}
	case catalog.KindCallout:
		if p.dist(ps[0]) <= CalloutRadius(StrokeWidth(a))*f.unit()+tol {
			return hitDirect
		}
	}
	return hitNone
}

func sq(v float64) float64 { return v * v }

// distToSegment returns the distance from p to the segment ab.
func distToSegment(p, a, b vec) float64 {
	d := b.sub(a)
	l2 := d.dot(d)
	if l2 == 0 {
		return p.dist(a)
	}
	t := math.Max(0, math.Min(1, p.sub(a).dot(d)/l2))
	return p.dist(a.add(d.mul(t)))
}

// distToPolygon returns the distance from p to the polyline through ps,
// closed when closed is true.
func distToPolygon(p vec, ps []vec, closed bool) float64 {
	best := math.Inf(1)
	for i := 1; i < len(ps); i++ {
		best = math.Min(best, distToSegment(p, ps[i-1], ps[i]))
	}
	if closed && len(ps) > 2 {
		best = math.Min(best, distToSegment(p, ps[len(ps)-1], ps[0]))
	}
	if len(ps) == 1 {
		best = p.dist(ps[0])
	}
	return best
}

// inTriangle reports whether p is inside the triangle t (either winding).
func inTriangle(p vec, t []vec) bool {
	d1 := t[1].sub(t[0]).cross(p.sub(t[0]))
	d2 := t[2].sub(t[1]).cross(p.sub(t[1]))
	d3 := t[0].sub(t[2]).cross(p.sub(t[2]))
	neg := d1 < 0 || d2 < 0 || d3 < 0
	pos := d1 > 0 || d2 > 0 || d3 > 0
	return !(neg && pos)
}
