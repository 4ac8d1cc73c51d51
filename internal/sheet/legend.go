package sheet

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

// legendIndent is the room a legend entry leaves for its symbol.
const legendIndent = 6.0

// legend returns the list of an image's marks: callouts by number with
// their label and note, then the other marks in their order, each with a
// small symbol of its kind in its colour. Marks that could not be drawn
// say why. An image without marks has no legend.
func (wr *writer) legend(pn *Panel, w float64) []line {
	if len(pn.Annotations) == 0 {
		return nil
	}
	marks := slices.Clone(pn.Annotations)
	slices.SortStableFunc(marks, func(a, b catalog.Annotation) int {
		ac, bc := a.Kind == catalog.KindCallout, b.Kind == catalog.KindCallout
		switch {
		case ac && bc:
			return cmp.Compare(a.Number, b.Number)
		case ac:
			return -1
		case bc:
			return 1
		}
		return 0
	})
	title := "Marks"
	if pn.Label != "" {
		title = "Marks on the " + strings.ToLower(pn.Label) + " image"
	}
	ls := keepAll(append(wr.para(title, style{size: sizeCaption + 0.5, bold: true, color: textColor}, w, 0, nil), line{h: 0.8}))
	ls[len(ls)-1].keep = true
	entry := style{size: sizeCaption, color: textColor}
	for _, a := range marks {
		kind := pn.legendKind(a)
		text := legendText(a, kind)
		m, _, _ := checkMark(a)
		m.Kind = kind // the symbol of the kind it was made as
		ls = append(ls, wr.para(text, entry, w, legendIndent, func(x, y, h float64, first bool) {
			if first {
				wr.symbol(m, x, y, h)
			}
		})...)
		ls = append(ls, spacer(0.6))
	}
	return ls
}

// legendKind is the kind a mark was made as (see Panel.MadeAs).
func (pn *Panel) legendKind(a catalog.Annotation) catalog.AnnotationKind {
	if k, ok := pn.MadeAs[a.ID]; ok {
		return k
	}
	return a.Kind
}

// legendText is what the legend says of a mark made as kind.
func legendText(a catalog.Annotation, kind catalog.AnnotationKind) string {
	label := strings.TrimSpace(a.Label)
	note := strings.TrimSpace(a.Note)
	var s string
	if a.Kind == catalog.KindCallout {
		s = label
		if s == "" && note == "" {
			s = "(no label)"
		}
	} else {
		s = annot.KindName(kind)
		if label != "" {
			s += ": " + label
		}
	}
	switch {
	case note != "" && s != "":
		s += " — " + note
	case note != "":
		s = note
	}
	if _, _, remark := checkMark(a); remark != "" {
		s += " (" + remark + ")"
	}
	return s
}

// symbol draws a small sign of a mark's kind in its colour, in the legend
// line whose top left corner is (x, y) and height h.
func (wr *writer) symbol(a catalog.Annotation, x, y, h float64) {
	f := wr.pdf
	c := annotationColor(a.Color)
	wr.setDrawColor(c)
	wr.setFillColor(c)
	f.SetLineWidth(0.35)
	cy := y + h/2
	const sw = 4.2
	sh := math.Min(h*0.75, 2.6)
	switch a.Kind {
	case catalog.KindRect:
		f.Rect(x+0.3, cy-sh/2, sw-0.6, sh, "D")
	case catalog.KindEllipse:
		f.Ellipse(x+sw/2, cy, sw/2-0.3, sh/2, 0, "D")
	case catalog.KindArrow:
		f.Line(x+0.3, cy+sh/2, x+sw-1.4, cy-sh/2+0.9)
		f.Polygon([]fpdf.PointType{{X: x + sw - 0.2, Y: cy - sh/2}, {X: x + sw - 2.0, Y: cy - sh/2 + 0.2}, {X: x + sw - 0.9, Y: cy - sh/2 + 1.6}}, "F")
	case catalog.KindPolyline:
		f.MoveTo(x+0.3, cy+sh/2)
		f.LineTo(x+1.5, cy-sh/2)
		f.LineTo(x+2.7, cy+sh/2)
		f.LineTo(x+sw-0.3, cy-sh/2)
		f.DrawPath("D")
	case catalog.KindCallout:
		r := math.Min(h*0.48, 1.7)
		f.Circle(x+r+0.2, cy, r, "F")
		s := strconv.Itoa(a.Number)
		size := 1.15 * r / ptToMM
		if tw := wr.textWidth(s, true, size); tw > 1.6*r {
			size *= 1.6 * r / tw
		}
		wr.setTextColor(onColor(c))
		wr.drawText(x+r+0.2-wr.textWidth(s, true, size)/2, cy+annot.DigitHeight*size*ptToMM/2, s, true, size)
	case catalog.KindText:
		f.Rect(x+0.3, cy-sh/2, sw-0.6, sh, "F")
		size := sh * 0.8 / ptToMM
		wr.setTextColor(onColor(c))
		wr.drawText(x+sw/2-wr.textWidth("T", true, size)/2, cy+annot.DigitHeight*size*ptToMM/2, "T", true, size)
	}
}
