package viewer

import (
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer/annot"
)

// labelBox is where a label's tag goes, in Fyne units, and how its lines
// sit in it.
type labelBox struct {
	x0, y0, x1, y1 float64
	lines          []string
	size           float64 // font size
	padX, padY     float64
	lineH          float64
}

// labelLines splits a label into its lines, dropping trailing blanks.
func labelLines(s string) []string {
	s = strings.TrimRight(strings.ReplaceAll(s, "\r", ""), " \n\t")
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// measureText returns the width of s at size in Fyne units.
func measureText(s string, size float64, bold bool) float64 {
	return float64(fyne.MeasureText(s, float32(size), fyne.TextStyle{Bold: bold}).Width)
}

// layoutLabel places a's label in f (Fyne units), as annot places it
// when burning it in: above a rect (or an ellipse, centred), beyond an
// arrow's tail or a polyline's first vertex, right of a callout, at a text
// mark's anchor; always on the image. ok is false without a label.
func layoutLabel(f shapeFrame, a catalog.Annotation) (l labelBox, ok bool) {
	l.lines = labelLines(a.Label)
	if len(l.lines) == 0 || !drawable(a) {
		return l, false
	}
	u := f.unit()
	l.size = annot.LabelSize * u
	if a.Kind == catalog.KindText {
		l.size = math.Max(6, annot.LabelSize*strokeUnits(a)/annot.DefaultWidth) * u
	}
	l.lineH = lineSpacing * l.size
	l.padX = labelPadX * l.size
	l.padY = labelPadY * l.size
	tw := 0.0
	for _, s := range l.lines {
		tw = math.Max(tw, measureText(s, l.size, false))
	}
	bw := tw + 2*l.padX
	bh := float64(len(l.lines))*l.lineH + 2*l.padY
	gap := labelGap * l.size
	sw := strokeUnits(a) * u
	ps := f.pts(a)
	var x, y float64
	switch a.Kind {
	case catalog.KindRect, catalog.KindEllipse:
		x0, y0 := math.Min(ps[0].x, ps[1].x), math.Min(ps[0].y, ps[1].y)
		x1, y1 := math.Max(ps[0].x, ps[1].x), math.Max(ps[0].y, ps[1].y)
		x = x0 - sw/2
		if a.Kind == catalog.KindEllipse {
			x = (x0+x1)/2 - bw/2
		}
		y = y0 - sw/2 - bh
		if y < f.oy {
			y = y1 + sw/2
			if y+bh > f.oy+f.h {
				y = y0 + sw/2
			}
		}
	case catalog.KindArrow, catalog.KindPolyline:
		anchor, toward := ps[0], ps[1]
		if a.Kind == catalog.KindPolyline {
			for _, p := range ps[1:] {
				if p != anchor {
					toward = p
					break
				}
			}
		}
		d := anchor.sub(toward).unit()
		if d == (vec{}) {
			d = vec{0, -1}
		}
		reach := gap + sw/2 + math.Abs(d.x)*bw/2 + math.Abs(d.y)*bh/2
		c := anchor.add(d.mul(reach))
		x, y = c.x-bw/2, c.y-bh/2
	case catalog.KindCallout:
		c := ps[0]
		r := calloutRadius(strokeUnits(a)) * u
		x = c.x + r + gap
		if x+bw > f.ox+f.w && c.x-r-gap-bw >= f.ox {
			x = c.x - r - gap - bw
		}
		y = c.y - bh/2
	case catalog.KindText:
		x, y = ps[0].x, ps[0].y
	}
	x = math.Max(f.ox, math.Min(x, f.ox+f.w-bw))
	y = math.Max(f.oy, math.Min(y, f.oy+f.h-bh))
	l.x0, l.y0, l.x1, l.y1 = x, y, x+bw, y+bh
	return l, true
}

// calloutText returns a callout's number, its font size and the circle's
// centre and radius, in f's units.
func calloutText(f shapeFrame, a catalog.Annotation) (s string, size float64, c vec, r float64) {
	s = strconv.Itoa(a.Number)
	c = f.px(a.Points[0])
	r = calloutRadius(strokeUnits(a)) * f.unit()
	size = 1.15 * r
	if w := measureText(s, size, true); w > 1.5*r {
		size *= 1.5 * r / w
	}
	return s, size, c, r
}
