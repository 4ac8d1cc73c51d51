package sheet

import (
	"bytes"
	"fmt"
	"image"

	"codeberg.org/go-pdf/fpdf"
)

// Printed size of a quote's page region: no wider than the quote's
// column, no taller than quoteRegionMaxH millimetres, and never enlarged
// past quoteRegionDPI.
const (
	quoteRegionMaxH = 60.0
	quoteRegionDPI  = 150.0
)

// regionSize is the printed size of a quote's page region, in
// millimetres, for a column w wide.
func regionSize(img image.Image, w float64) (float64, float64) {
	b := img.Bounds()
	w = min(w, float64(b.Dx())/quoteRegionDPI*25.4)
	h := w * float64(b.Dy()) / float64(b.Dx())
	if h > quoteRegionMaxH {
		h, w = quoteRegionMaxH, quoteRegionMaxH*float64(b.Dx())/float64(b.Dy())
	}
	return w, h
}

// prepareRegions makes, prepares and registers the page regions of the
// quotes of sheet i, s, as its page is written: wr.regions[j] is quote
// j's (its name "" when it has none; its print's unprinted saying why
// when it could not be made).
func (wr *writer) prepareRegions(i int, s *Sheet) {
	wr.regions = wr.regions[:0]
	for j := range s.Excerpts {
		q := &s.Excerpts[j]
		var pf placedFigure
		if q.Region != nil {
			pf = wr.prepareRegion(fmt.Sprintf("sheet%d-quote%d", i+1, j+1), q.Region)
		}
		wr.regions = append(wr.regions, pf)
	}
}

// prepareRegion makes one quote's page region and registers it as name.
func (wr *writer) prepareRegion(name string, src func() (image.Image, error)) placedFigure {
	img, err := src()
	if err == nil && (img == nil || img.Bounds().Empty()) {
		err = fmt.Errorf("nothing to print")
	}
	if err != nil {
		return placedFigure{print: printImage{unprinted: err.Error()}}
	}
	w, h := regionSize(img, wr.pg.cw-quoteInset)
	pi, err := prepare(img, w, h)
	if err != nil {
		return placedFigure{print: printImage{unprinted: err.Error()}}
	}
	wr.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(pi.jpeg))
	pi.jpeg = nil
	return placedFigure{name: name, print: pi}
}

// regionLines are the lines of quote j's page region, under the quote,
// indented and marked by its bar: the picture, or why it is missing.
func (wr *writer) regionLines(j int, indent float64, st style, w float64, bar func(x, y, h float64, first bool)) []line {
	if j >= len(wr.regions) {
		return nil
	}
	pf := wr.regions[j]
	switch {
	case pf.name != "":
		rw, rh := pf.print.printW, pf.print.printH
		if room := w - indent; rw > room && room > 0 {
			rw, rh = room, rh*room/rw
		}
		// The space above it stays with it: the region is on the page of
		// its quote's citation, never alone at the top of the next one.
		gap := spacer(1.5)
		gap.keep = true
		return []line{gap, {h: rh + 1.5, draw: func(x, y, _ float64) {
			bar(x, y-1.5, rh+3, false)
			wr.pdf.ImageOptions(pf.name, x+indent, y, rw, rh, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
			wr.setDrawColor(ruleColor)
			wr.pdf.SetLineWidth(0.2)
			wr.pdf.Rect(x+indent, y, rw, rh, "D")
		}}}
	case pf.print.unprinted != "":
		return wr.para("(The excerpt's place on its page is not printed: "+pf.print.unprinted+")", st, w, indent, bar)
	}
	return nil
}
