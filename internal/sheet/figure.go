package sheet

import (
	"codeberg.org/go-pdf/fpdf"
)

// placedFigure is a figure registered in the document, ready to draw.
type placedFigure struct {
	name  string
	print printImage
}

// defaultFigureHeight is the tallest a figure is printed unless it says.
const defaultFigureHeight = 90.0

// figureSize returns the printed size of a figure, in millimetres: as wide
// as asked (the content width at most), no taller than its limit, in
// proportion.
func (p page) figureSize(fg *Figure) (w, h float64) {
	w = p.cw
	if fg.WidthMM > 0 && fg.WidthMM < w {
		w = fg.WidthMM
	}
	maxH := fg.MaxHeightMM
	if maxH <= 0 {
		maxH = defaultFigureHeight
	}
	b := fg.Image.Bounds()
	h = w * float64(b.Dy()) / float64(b.Dx())
	if h > maxH {
		h, w = maxH, maxH*float64(b.Dx())/float64(b.Dy())
	}
	return w, h
}

// figureLines returns the lines of the sheet's figures placed at the top
// (top) or after the date window: each its heading, the picture and its
// caption, kept together.
func (wr *writer) figureLines(s *Sheet, top bool) []line {
	var ls []line
	cw := wr.pg.cw
	for j := range s.Figures {
		fg := &s.Figures[j]
		if fg.Top != top || j >= len(wr.figures) {
			continue
		}
		pf := wr.figures[j]
		w, h := wr.pg.figureSize(fg)
		if fg.Heading != "" {
			ls = append(ls, wr.heading(fg.Heading, cw)...)
		}
		ls = append(ls, line{h: h + 1.5, keep: fg.Caption != "", draw: func(x, y, _ float64) {
			wr.pdf.ImageOptions(pf.name, x, y, w, h, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
			wr.setDrawColor(ruleColor)
			wr.pdf.SetLineWidth(0.2)
			wr.pdf.Rect(x, y, w, h, "D")
		}})
		if fg.Caption != "" {
			ls = append(ls, wr.para(fg.Caption, style{size: sizeCaption, color: muted}, cw, 0, nil)...)
		}
	}
	return ls
}

// topFigures sets the figures that go between the title and the images.
func (wr *writer) topFigures(s *Sheet) {
	if ls := wr.figureLines(s, true); len(ls) > 0 {
		wr.lines(append(ls, spacer(3)))
	}
}

// cmpOr returns a unless it is empty, b otherwise.
func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
