package sheet

import (
	"codeberg.org/go-pdf/fpdf"
)

// fontFamily is the name the embedded DejaVu Sans is registered under.
const fontFamily = "dejavu"

// DejaVu Sans vertical metrics, in em.
const (
	fontAscent  = 0.928
	fontDescent = 0.236
)

// writer lays out sheets on an fpdf document.
type writer struct {
	pdf        *fpdf.Fpdf
	pg         page
	opt        Options
	y          float64 // where the next content goes on the current page
	sheet      *Sheet
	sheetNo    int   // 1-based number of the sheet being written
	pageSheets []int // the sheet number of each page
	widths     [2]map[rune]float64
	meter      *fpdf.Fpdf           // measures text, never output
	figures    []placedFigure       // the figures of the sheet being written
	regions    []placedFigure       // its quotes' page regions (quoteregion.go)
	registered [len(fallbacks)]bool // which fallback fonts are registered (fallback.go)
}

// alignment of a paragraph's lines.
type alignment int

const (
	alignNatural alignment = iota // left, or right for right-to-left text
	alignCenter
)

// style is how a paragraph is set.
type style struct {
	size  float64 // points
	bold  bool
	color rgb
	align alignment
	// rightIndent keeps the lines this far from the column's right edge.
	rightIndent float64
}

// lineHeight returns the height of one line of st, in millimetres.
func (st style) lineHeight() float64 { return st.size * ptToMM * 1.32 }

// baseline returns the distance from the top of a line of st to its
// baseline.
func (st style) baseline() float64 {
	em := st.size * ptToMM
	return (st.lineHeight()-(fontAscent+fontDescent)*em)/2 + fontAscent*em
}

// line is one unbreakable strip of a column: a line of text, a rule, a
// spacer. draw draws it with its top left corner at (x, y) in a column
// of width w.
type line struct {
	h      float64
	keep   bool // keep on the same page as the next line
	spacer bool // dropped at the top of a page
	draw   func(x, y, w float64)
}

// spacer returns an empty line of height h.
func spacer(h float64) line { return line{h: h, spacer: true} }

// column is a list of lines set at x, w wide.
type column struct {
	x, w  float64
	lines []line
}

// setFont selects the sheet font.
func (wr *writer) setFont(bold bool, size float64) {
	s := ""
	if bold {
		s = "B"
	}
	wr.pdf.SetFont(fontFamily, s, size)
}

func (wr *writer) setTextColor(c rgb) { wr.pdf.SetTextColor(c.r, c.g, c.b) }
func (wr *writer) setDrawColor(c rgb) { wr.pdf.SetDrawColor(c.r, c.g, c.b) }
func (wr *writer) setFillColor(c rgb) { wr.pdf.SetFillColor(c.r, c.g, c.b) }

// runeWidth returns a function giving the width in millimetres of a
// character set in the given font and size (in the fallback font when the
// sheet font lacks it).
func (wr *writer) runeWidth(bold bool, size float64) func(rune) float64 {
	i := 0
	if bold {
		i = 1
	}
	if wr.widths[i] == nil {
		wr.widths[i] = map[rune]float64{}
	}
	cache := wr.widths[i]
	style := ""
	if bold {
		style = "B"
	}
	return func(r rune) float64 {
		w, ok := cache[r]
		if !ok {
			// Measured on a document of its own, so that measuring never
			// changes the font of the page being drawn.
			wr.meter.SetFont(fontFamily, style, 1)
			if i := fontFor(r, bold); i != 0 {
				if family, err := wr.useFallback(i); err == nil {
					wr.meter.SetFont(family, "", 1)
				}
			}
			w = wr.meter.GetStringWidth(string(r))
			cache[r] = w
		}
		return w * size
	}
}

// textWidth returns the width of s set in the given font and size.
func (wr *writer) textWidth(s string, bold bool, size float64) float64 {
	rw := wr.runeWidth(bold, size)
	var w float64
	for _, r := range s {
		w += rw(r)
	}
	return w
}

// para wraps text in a column of width w, the lines indented by indent, and
// returns its lines. deco, when not nil, draws beside each line (first is
// true for the first); it is given the column's x and the line's top and
// height.
func (wr *writer) para(text string, st style, w, indent float64, deco func(x, y, h float64, first bool)) []line {
	tl := wrapText(text, w-indent-st.rightIndent, wr.runeWidth(st.bold, st.size))
	lh := st.lineHeight()
	out := make([]line, len(tl))
	for i, t := range tl {
		first := i == 0
		out[i] = line{h: lh, draw: func(x, y, cw float64) {
			if deco != nil {
				deco(x, y, lh, first)
			}
			if t.text == "" {
				return
			}
			tx := x + indent
			free := cw - indent - st.rightIndent - wr.textWidth(t.text, st.bold, st.size)
			switch {
			case st.align == alignCenter:
				tx += free / 2
			case t.rtl:
				tx += free
			}
			wr.setTextColor(st.color)
			wr.drawText(tx, y+st.baseline(), t.text, st.bold, st.size)
		}}
	}
	return out
}

// keepAll marks every line but the last of ls to stay with the next one
// and returns ls.
func keepAll(ls []line) []line {
	for i := range ls {
		ls[i].keep = true
	}
	if len(ls) > 0 {
		ls[len(ls)-1].keep = false
	}
	return ls
}

// maxKeep bounds a chain of lines kept together, so that a long chain
// breaks rather than leaving a page empty.
const maxKeep = 6

// flow sets columns side by side from the current position, continuing
// them together on new pages until all their lines are set.
func (wr *writer) flow(cols []column) {
	idx := make([]int, len(cols))
	fresh := false // the page was started by this flow
	for {
		top := wr.y
		bottom := top
		done := true
		for c := range cols {
			col := &cols[c]
			y := top
			ls := col.lines
			for idx[c] < len(ls) {
				l := ls[idx[c]]
				// Spacers never start a page: dropped at the top of a page
				// and at its foot.
				if l.spacer && ((y == top && fresh) || y+l.h > wr.pg.bottom+1e-6) {
					idx[c]++
					continue
				}
				need := l.h
				for k := idx[c]; k < len(ls)-1 && ls[k].keep && k-idx[c] < maxKeep; k++ {
					need += ls[k+1].h
				}
				// Only a line at the top of a page this flow started is set
				// whatever its height: elsewhere, what does not fit moves on.
				atTop := y == top && fresh
				if y+need > wr.pg.bottom+1e-6 && !atTop {
					break
				}
				if l.draw != nil {
					l.draw(col.x, y, col.w)
				}
				y += l.h
				idx[c]++
			}
			bottom = max(bottom, y)
			if idx[c] < len(ls) {
				done = false
			}
		}
		wr.y = bottom
		if done {
			return
		}
		wr.newPage(true)
		fresh = true
	}
}

// lines sets one full-width column of lines.
func (wr *writer) lines(ls []line) {
	wr.flow([]column{{x: wr.pg.left, w: wr.pg.cw, lines: ls}})
}
