package sheet

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

// Marks are laid out as package annot lays them out (annot.Frame.Sizes,
// ArrowBetween, PlaceLabel), so that a printed mark looks like the mark
// on screen. Text is never printed smaller than minLabelPt, nor a callout
// smaller than minCalloutR, nor a stroke thinner than minStroke, so that
// small printed images stay readable.
const (
	minLabelPt  = 6.0
	minCalloutR = 1.8  // mm
	minStroke   = 0.18 // mm
)

// placed is an image as printed on the page, in millimetres.
type placed struct{ x, y, w, h float64 }

// frame returns the image's frame for annot's geometry.
func (p placed) frame() annot.Frame { return annot.Frame{X: p.x, Y: p.y, W: p.w, H: p.h} }

// sizes returns the lengths a is printed with: annot's, raised to the
// legible minimums, and an arrow head at least three strokes long.
func (p placed) sizes(a catalog.Annotation) annot.Sizes {
	s := p.frame().Sizes(a)
	s.Stroke = math.Max(s.Stroke, minStroke)
	s.Head = math.Max(s.Head, 3*s.Stroke)
	s.Radius = math.Max(s.Radius, minCalloutR)
	s.Font = math.Max(s.Font, minLabelPt*ptToMM)
	return s
}

func pdfPoint(v annot.Vec) fpdf.PointType { return fpdf.PointType{X: v.X, Y: v.Y} }

// calloutCentre returns where a callout of radius r at q is drawn: at q,
// moved just enough for its circle and number to be whole on the image
// when q is nearer the edge than r.
func (p placed) calloutCentre(q annot.Vec, r float64) annot.Vec {
	r = math.Min(r, math.Min(p.w, p.h)/2)
	return annot.Vec{X: math.Max(p.x+r, math.Min(q.X, p.x+p.w-r)), Y: math.Max(p.y+r, math.Min(q.Y, p.y+p.h-r))}
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
	sz := p.sizes(a)
	wr.setDrawColor(c)
	wr.setFillColor(c)
	f.SetLineWidth(sz.Stroke)
	ps := p.frame().Points(a)
	switch a.Kind {
	case catalog.KindRect:
		x0, y0 := math.Min(ps[0].X, ps[1].X), math.Min(ps[0].Y, ps[1].Y)
		f.Rect(x0, y0, math.Abs(ps[1].X-ps[0].X), math.Abs(ps[1].Y-ps[0].Y), "D")
	case catalog.KindEllipse:
		cx, cy := (ps[0].X+ps[1].X)/2, (ps[0].Y+ps[1].Y)/2
		f.Ellipse(cx, cy, math.Abs(ps[1].X-ps[0].X)/2, math.Abs(ps[1].Y-ps[0].Y)/2, 0, "D")
	case catalog.KindArrow:
		ar := annot.ArrowBetween(ps[0], ps[1], sz.Head)
		f.Line(ar.Tail.X, ar.Tail.Y, ar.Neck.X, ar.Neck.Y)
		f.SetLineWidth(minStroke / 2)
		f.Polygon([]fpdf.PointType{pdfPoint(ar.Tip), pdfPoint(ar.Left), pdfPoint(ar.Right)}, "FD")
	case catalog.KindPolyline:
		f.MoveTo(ps[0].X, ps[0].Y)
		for _, q := range ps[1:] {
			f.LineTo(q.X, q.Y)
		}
		f.DrawPath("D")
	case catalog.KindCallout:
		r := sz.Radius
		c0 := p.calloutCentre(ps[0], r)
		wr.setDrawColor(white)
		f.SetLineWidth(0.25)
		f.Circle(c0.X, c0.Y, r, "FD")
		s := strconv.Itoa(a.Number)
		size := 1.15 * r / ptToMM
		if w := wr.textWidth(s, true, size); w > 1.5*r {
			size *= 1.5 * r / w
		}
		w := wr.textWidth(s, true, size)
		wr.setTextColor(onColor(c))
		wr.drawText(c0.X-w/2, c0.Y+annot.DigitHeight*size*ptToMM/2, s, true, size)
	}
}

// drawTag draws the annotation's label in a tag filled with its colour,
// placed as package annot places it (annot.PlaceLabel), kept on the image,
// wrapped when it is wider than the image.
func (wr *writer) drawTag(p placed, a catalog.Annotation) {
	text := annot.LabelLines(a.Label)
	if text == nil {
		return
	}
	f := wr.pdf
	sz := p.sizes(a)
	size := sz.Font // mm
	pts := size / ptToMM
	padX, padY := annot.LabelPadX*size, annot.LabelPadY*size
	lineH := annot.LineSpacing * size
	lines := wrapText(strings.Join(text, "\n"), p.w-2*padX, wr.runeWidth(false, pts))
	tw := 0.0
	for _, l := range lines {
		tw = math.Max(tw, wr.textWidth(l.text, false, pts))
	}
	bw, bh := annot.TagSize(tw, len(lines), size)
	g := p.frame()
	ps := g.Points(a)
	if a.Kind == catalog.KindCallout {
		ps[0] = p.calloutCentre(ps[0], sz.Radius)
	}
	at, ok := annot.PlaceLabel(a.Kind, ps, g, sz, bw, bh)
	if !ok {
		return
	}
	x, y := at.X, at.Y
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
		wr.drawText(lx, base+float64(i)*lineH, l.text, false, pts)
	}
}
