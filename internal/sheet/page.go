package sheet

import (
	"fmt"
	"strings"
)

// Page geometry, in millimetres.
const (
	marginX      = 15.0
	marginTop    = 13.0
	marginBottom = 20.0 // the content ends this far above the bottom edge
	footerBase   = 10.0 // the footer's baseline, above the bottom edge
	columnGap    = 7.0  // between the before and the after image
	ptToMM       = 25.4 / 72
)

// page is the geometry of one paper size and orientation.
type page struct {
	name       string  // fpdf size name
	orient     string  // "P" or "L"
	w, h       float64 // the page
	left, top  float64 // the content area's corner
	cw         float64 // content width
	bottom     float64 // y where the content area ends
	pairHeight float64 // the tallest an image of a pair may be printed
	soloHeight float64 // the tallest a single image may be printed
}

// newPage returns the geometry of the paper named in opt.
func newPage(opt Options) (page, error) {
	var p page
	switch strings.ToLower(strings.TrimSpace(opt.Paper)) {
	case "", "a4":
		p.name, p.w, p.h = "A4", 210, 297
	case "letter":
		p.name, p.w, p.h = "Letter", 215.9, 279.4
	default:
		return p, fmt.Errorf("paper %q: want A4 or Letter", opt.Paper)
	}
	p.orient = "P"
	if opt.Landscape {
		p.orient = "L"
		p.w, p.h = p.h, p.w
	}
	p.left, p.top = marginX, marginTop
	p.cw = p.w - 2*marginX
	p.bottom = p.h - marginBottom
	content := p.bottom - p.top
	if opt.Landscape {
		p.pairHeight = 0.54 * content
		p.soloHeight = 0.62 * content
	} else {
		p.pairHeight = 0.44 * content
		p.soloHeight = 0.55 * content
	}
	return p, nil
}

// slot is where an image is printed, in millimetres.
type slot struct{ x, w, h float64 }

// imageSlots returns the printed size of each image of s (x and y relative
// to the image row), and the height of the tallest. Images are fitted in
// columns of equal width, no taller than the page allows (or than limit,
// when it is not 0), never distorted.
func (p page) imageSlots(s *Sheet, limit float64) (slots []slot, rowHeight float64) {
	n := len(s.Images)
	colW := p.cw
	maxH := p.soloHeight
	if n == 2 {
		colW = (p.cw - columnGap) / 2
		maxH = p.pairHeight
	}
	if limit > 0 {
		maxH = min(maxH, limit)
	}
	for i := range s.Images {
		pw, ph := s.Images[i].size()
		iw, ih := float64(pw), float64(ph)
		w, h := colW, colW*ih/iw
		if h > maxH {
			h, w = maxH, maxH*iw/ih
		}
		x := float64(i)*(colW+columnGap) + (colW-w)/2
		slots = append(slots, slot{x: x, w: w, h: h})
		rowHeight = max(rowHeight, h)
	}
	return slots, rowHeight
}

// size returns the pixel size a panel is laid out by: its image's, else
// the size given with its source, else 4:3.
func (pn *Panel) size() (w, h int) {
	if pn.Image != nil {
		b := pn.Image.Bounds()
		return b.Dx(), b.Dy()
	}
	if pn.Width > 0 && pn.Height > 0 {
		return pn.Width, pn.Height
	}
	return 4, 3
}

// columnWidth returns the width of the caption columns of a sheet with n
// images.
func (p page) columnWidth(n int) float64 {
	if n == 2 {
		return (p.cw - columnGap) / 2
	}
	return p.cw
}
