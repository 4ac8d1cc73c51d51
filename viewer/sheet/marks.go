package sheet

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer/annot"
)

// The sizes of drawn marks, in 1000-px units, as in package annot (its
// layout.go) so that a printed mark looks like the mark on screen. Text is
// never printed smaller than minLabelPt, nor a callout smaller than
// minCalloutR, so that small printed images stay readable.
const (
	labelPadX       = 0.35
	labelPadY       = 0.18
	labelGap        = 0.3
	labelLineSpace  = 1.2
	digitHeight     = 0.729
	arrowHeadSpread = 0.45
	minLabelPt      = 6.0
	minCalloutR     = 1.8  // mm
	minStroke       = 0.18 // mm
)

func calloutRadius(width float64) float64 { return 10 + 1.5*width }
func arrowHead(width float64) float64     { return 10 + 3.5*width }

// strokeUnits returns an annotation's stroke width in 1000-px units.
func strokeUnits(a catalog.Annotation) float64 {
	w := a.Width
	if math.IsNaN(w) || math.IsInf(w, 0) || w <= 0 {
		return annot.DefaultWidth
	}
	return math.Min(w, annot.MaxWidth)
}

// pt is a point on the page, in millimetres.
type pt struct{ x, y float64 }

func (a pt) add(b pt) pt        { return pt{a.x + b.x, a.y + b.y} }
func (a pt) sub(b pt) pt        { return pt{a.x - b.x, a.y - b.y} }
func (a pt) mul(k float64) pt   { return pt{a.x * k, a.y * k} }
func (a pt) norm() float64      { return math.Hypot(a.x, a.y) }
func (a pt) perp() pt           { return pt{-a.y, a.x} }
func (a pt) fp() fpdf.PointType { return fpdf.PointType{X: a.x, Y: a.y} }
func (a pt) unit() pt {
	if n := a.norm(); n > 0 {
		return a.mul(1 / n)
	}
	return pt{}
}

// placed is an image as printed on the page, in millimetres.
type placed struct{ x, y, w, h float64 }

// unit is the size of one 1000-px unit on the page.
func (p placed) unit() float64 { return math.Max(p.w, p.h) / 1000 }

// at converts a fraction of the image, clamped onto it, to the page.
func (p placed) at(q catalog.Point) pt {
	c := func(v float64) float64 {
		if math.IsNaN(v) {
			return 0
		}
		return math.Max(0, math.Min(1, v))
	}
	return pt{p.x + c(q.X)*p.w, p.y + c(q.Y)*p.h}
}

// calloutCentre returns where a callout of radius r at q is drawn: at q,
// moved just enough for its circle and number to be whole on the image
// when q is nearer the edge than r.
func (p placed) calloutCentre(q pt, r float64) pt {
	r = math.Min(r, math.Min(p.w, p.h)/2)
	return pt{math.Max(p.x+r, math.Min(q.x, p.x+p.w-r)), math.Max(p.y+r, math.Min(q.y, p.y+p.h-r))}
}

// drawMarks draws the valid annotations over the image at p as vector
// shapes, clipped to the image, then their labels.
func (wr *writer) drawMarks(p placed, marks []catalog.Annotation) {
	f := wr.pdf
	f.ClipRect(p.x, p.y, p.w, p.h, false)
	defer f.ClipEnd()
	f.SetLineCapStyle("round")
	f.SetLineJoinStyle("round")
	defer func() {
		f.SetLineCapStyle("butt")
		f.SetLineJoinStyle("miter")
	}()
	var ok []catalog.Annotation
	for _, a := range marks {
		if m, drawn, _ := checkMark(a); drawn {
			ok = append(ok, m)
		}
	}
	for _, a := range ok {
		wr.drawShape(p, a)
	}
	for _, a := range ok {
		wr.drawTag(p, a)
	}
}

// checkMark returns the annotation as it is drawn, whether it can be drawn
// at all, and what the legend should say about it. Package annot's
// Validate decides, except that an unreadable colour is drawn in red and
// a width out of range at the default width (the mark is still evidence,
// and its label is printed whatever its length): only a mark whose
// geometry cannot be drawn is left out.
func checkMark(a catalog.Annotation) (m catalog.Annotation, drawn bool, remark string) {
	m = a
	var remarks []string
	if _, err := annot.ParseColor(a.Color); err != nil {
		m.Color = "#E53935"
		remarks = append(remarks, fmt.Sprintf("colour %q unreadable: drawn in red", a.Color))
	}
	if math.IsNaN(a.Width) || math.IsInf(a.Width, 0) || a.Width < 0 || a.Width > annot.MaxWidth {
		m.Width = 0
		remarks = append(remarks, fmt.Sprintf("width %g out of range: drawn at the default width", a.Width))
	}
	if m.Kind != catalog.KindCallout {
		m.Number = 0
	}
	probe := m
	if strings.TrimSpace(probe.Label) != "" {
		probe.Label = "label" // any length and any bytes print
	}
	if err := annot.Validate(probe); err != nil {
		return m, false, "not drawn: " + strings.TrimPrefix(err.Error(), annot.ErrInvalid.Error()+": ")
	}
	return m, true, strings.Join(remarks, "; ")
}

// drawShape draws the mark itself (not its label).
func (wr *writer) drawShape(p placed, a catalog.Annotation) {
	f := wr.pdf
	c := annotationColor(a.Color)
	u := p.unit()
	sw := math.Max(strokeUnits(a)*u, minStroke)
	wr.setDrawColor(c)
	wr.setFillColor(c)
	f.SetLineWidth(sw)
	ps := make([]pt, len(a.Points))
	for i, q := range a.Points {
		ps[i] = p.at(q)
	}
	switch a.Kind {
	case catalog.KindRect:
		x0, y0 := math.Min(ps[0].x, ps[1].x), math.Min(ps[0].y, ps[1].y)
		f.Rect(x0, y0, math.Abs(ps[1].x-ps[0].x), math.Abs(ps[1].y-ps[0].y), "D")
	case catalog.KindEllipse:
		cx, cy := (ps[0].x+ps[1].x)/2, (ps[0].y+ps[1].y)/2
		f.Ellipse(cx, cy, math.Abs(ps[1].x-ps[0].x)/2, math.Abs(ps[1].y-ps[0].y)/2, 0, "D")
	case catalog.KindArrow:
		tail, tip := ps[0], ps[1]
		n := tip.sub(tail).norm()
		d := tip.sub(tail).unit()
		l := math.Max(arrowHead(strokeUnits(a))*u, 3*sw)
		if l > 0.6*n {
			l = 0.6 * n
		}
		base := tip.sub(d.mul(l))
		side := d.perp().mul(arrowHeadSpread * l)
		f.Line(tail.x, tail.y, tip.x-d.x*0.5*l, tip.y-d.y*0.5*l)
		f.SetLineWidth(minStroke / 2)
		f.Polygon([]fpdf.PointType{tip.fp(), base.add(side).fp(), base.sub(side).fp()}, "FD")
	case catalog.KindPolyline:
		f.MoveTo(ps[0].x, ps[0].y)
		for _, q := range ps[1:] {
			f.LineTo(q.x, q.y)
		}
		f.DrawPath("D")
	case catalog.KindCallout:
		r := math.Max(calloutRadius(strokeUnits(a))*u, minCalloutR)
		c0 := p.calloutCentre(ps[0], r)
		wr.setDrawColor(white)
		f.SetLineWidth(0.25)
		f.Circle(c0.x, c0.y, r, "FD")
		s := strconv.Itoa(a.Number)
		size := 1.15 * r / ptToMM
		if w := wr.textWidth(s, true, size); w > 1.5*r {
			size *= 1.5 * r / w
		}
		w := wr.textWidth(s, true, size)
		wr.setFont(true, size)
		wr.setTextColor(onColor(c))
		f.Text(c0.x-w/2, c0.y+digitHeight*size*ptToMM/2, s)
	}
}

// drawTag draws the annotation's label in a tag filled with its colour,
// placed as package annot places it, kept on the image, wrapped when it
// is wider than the image.
func (wr *writer) drawTag(p placed, a catalog.Annotation) {
	label := strings.TrimRight(strings.ReplaceAll(a.Label, "\r", ""), " \n\t")
	if strings.TrimSpace(label) == "" {
		return
	}
	f := wr.pdf
	u := p.unit()
	size := annot.LabelSize * u // mm
	if a.Kind == catalog.KindText {
		size = math.Max(6, annot.LabelSize*strokeUnits(a)/annot.DefaultWidth) * u
	}
	size = math.Max(size, minLabelPt*ptToMM)
	pts := size / ptToMM
	padX, padY := labelPadX*size, labelPadY*size
	lineH := labelLineSpace * size
	lines := wrapText(label, p.w-2*padX, wr.runeWidth(false, pts))
	tw := 0.0
	for _, l := range lines {
		tw = math.Max(tw, wr.textWidth(l.text, false, pts))
	}
	bw := tw + 2*padX
	bh := float64(len(lines))*lineH + 2*padY
	gap := labelGap * size
	sw := math.Max(strokeUnits(a)*u, minStroke)
	ps := make([]pt, len(a.Points))
	for i, q := range a.Points {
		ps[i] = p.at(q)
	}
	var x, y float64
	switch a.Kind {
	case catalog.KindRect, catalog.KindEllipse:
		x0, y0 := math.Min(ps[0].x, ps[1].x), math.Min(ps[0].y, ps[1].y)
		y1 := math.Max(ps[0].y, ps[1].y)
		x = x0 - sw/2
		y = y0 - sw/2 - bh
		if y < p.y {
			y = y1 + sw/2
			if y+bh > p.y+p.h {
				y = y0 + sw/2
			}
		}
	case catalog.KindArrow, catalog.KindPolyline:
		anchor, toward := ps[0], ps[1]
		if a.Kind == catalog.KindPolyline {
			for _, q := range ps[1:] {
				if q != anchor {
					toward = q
					break
				}
			}
		}
		d := anchor.sub(toward).unit()
		if d == (pt{}) {
			d = pt{0, -1}
		}
		reach := gap + sw/2 + math.Abs(d.x)*bw/2 + math.Abs(d.y)*bh/2
		c := anchor.add(d.mul(reach))
		x, y = c.x-bw/2, c.y-bh/2
	case catalog.KindCallout:
		r := math.Max(calloutRadius(strokeUnits(a))*u, minCalloutR)
		c := p.calloutCentre(ps[0], r)
		x = c.x + r + gap
		if x+bw > p.x+p.w && c.x-r-gap-bw >= p.x {
			x = c.x - r - gap - bw
		}
		y = c.y - bh/2
	case catalog.KindText:
		x, y = ps[0].x, ps[0].y
	default:
		return
	}
	x = math.Max(p.x, math.Min(x, p.x+p.w-bw))
	y = math.Max(p.y, math.Min(y, p.y+p.h-bh))
	col := annotationColor(a.Color)
	wr.setFillColor(col)
	f.Rect(x, y, bw, bh, "F")
	wr.setFont(false, pts)
	wr.setTextColor(onColor(col))
	asc := fontAscent * size
	base := y + padY + (lineH-(fontAscent+fontDescent)*size)/2 + asc
	for i, l := range lines {
		lx := x + padX
		if l.rtl {
			lx = x + bw - padX - wr.textWidth(l.text, false, pts)
		}
		f.Text(lx, base+float64(i)*lineH, l.text)
	}
}
