package viewer

import (
	"math"
	"strconv"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
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

// measureText returns the width of s at size in Fyne units.
func measureText(s string, size float64, bold bool) float64 {
	return float64(fyne.MeasureText(s, float32(size), fyne.TextStyle{Bold: bold}).Width)
}

// layoutLabel places a's label in f (Fyne units) as annot places it when
// burning it in (annot.PlaceLabel), measured in Fyne's font. ok is false
// without a label.
func layoutLabel(f shapeFrame, a catalog.Annotation) (l labelBox, ok bool) {
	l.lines = annot.LabelLines(a.Label)
	if len(l.lines) == 0 || !drawable(a) {
		return l, false
	}
	g := f.geom()
	sz := g.Sizes(a)
	l.size = sz.Font
	l.lineH = annot.LineSpacing * l.size
	l.padX = annot.LabelPadX * l.size
	l.padY = annot.LabelPadY * l.size
	tw := 0.0
	for _, s := range l.lines {
		tw = math.Max(tw, measureText(s, l.size, false))
	}
	bw, bh := annot.TagSize(tw, len(l.lines), l.size)
	at, ok := annot.PlaceLabel(a.Kind, g.Points(a), g, sz, bw, bh)
	if !ok {
		return l, false
	}
	l.x0, l.y0, l.x1, l.y1 = at.X, at.Y, at.X+bw, at.Y+bh
	return l, true
}

// calloutText returns a callout's number, its font size and the circle's
// centre and radius, in f's units.
func calloutText(f shapeFrame, a catalog.Annotation) (s string, size float64, c vec, r float64) {
	s = strconv.Itoa(a.Number)
	g := f.geom()
	c = g.At(a.Points[0])
	r = g.Sizes(a).Radius
	size = 1.15 * r
	if w := measureText(s, size, true); w > 1.5*r {
		size *= 1.5 * r / w
	}
	return s, size, c, r
}
