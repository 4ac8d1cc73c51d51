package reportparse

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/exhibit-app/exhibit/catalog/pdfengine"
	"golang.org/x/text/unicode/norm"
)

// This file lays out the characters PDFium reads on a page: into
// fragments, rows, and flows of lines in reading order.
//
// Characters come in PDFium's order, each with its box, font size and
// weight; PDFium puts right-to-left text in logical order and marks the
// spaces and line breaks it made up (Generated). A page whose text runs
// up or down (a landscape page drawn rotated) is turned first, so that its
// text runs left to right.
//
// Fragments. Consecutive characters on the same baseline, not more than
// fragGap font sizes apart, make a fragment; a line break of PDFium's ends
// one. Ligatures and presentation forms are expanded (NFKC on those
// characters only: "ﬁ" is "fi", Arabic contextual forms are letters).
//
// Rows. Fragments whose boxes overlap vertically by half the smaller
// height are on one row, read left to right (right to left when most of
// its letters are).
//
// Columns and tables. A run of rows with two fragments or more that leave
// the same x-interval free (a gutter at least gutterMin font sizes wide),
// and the single-fragment rows between them that cross no such gutter, is
// a region. It is read as columns, one after the other, when it has at
// most three columns, each of three rows or more, most of whose lines fill
// their column, of 20 characters on average (prose); else as a table: each row one line, its cells
// joined with " | ", a row with an empty first cell continuing the row
// above (a cell's text wrapped over two lines).
//
// What is left is read row by row, as one column.

// Gaps, in font sizes.
const (
	fragGap   = 1.0 // between characters of one fragment, at most
	gutterMin = 0.8 // a gutter between columns or cells, at least
)

// frag is a fragment: characters on one baseline, close together.
type frag struct {
	text     []rune
	cs       []placed // the characters, with their boxes
	box      pdfengine.Rect
	sizes    []float64
	bold, n  int // characters in a bold font, characters
	rtl, ltr int // strong letters of each direction
}

func (f *frag) size() float64 {
	if len(f.sizes) == 0 {
		return 10
	}
	s := slices.Clone(f.sizes)
	sort.Float64s(s)
	return s[len(s)/2]
}

// row is fragments on one baseline, left to right.
type row struct {
	frags []*frag
	box   pdfengine.Rect
}

// line is one line of text on a PDF page, in the page's reading frame
// (text running left to right, y up).
type line struct {
	y      float64 // bottom of its box
	x0, x1 float64 // left and right ends
	size   float64 // font size of most of its characters
	bold   bool    // most of its characters are bold
	rtl    bool    // right-to-left (Arabic, Hebrew) base direction
	row    bool    // a table's row: a paragraph by itself
	text   string  // in logical order
	// words are its words' boxes, in the page's reading frame, in
	// logical order; boxes the same on the page (pdfPage.boxes).
	words []pdfengine.Rect
	boxes []Box
}

// pdfPage is one page's text, laid out, and what is known about it.
type pdfPage struct {
	num    int
	chars  int  // characters read (not made up)
	images bool // it draws images
	label  string
	// rows are the page's rows, top to bottom; rtl is set when most of
	// its letters are right-to-left.
	rows []*row
	rtl  bool
	// unturn maps a box of the reading frame back onto the page (nil:
	// the page's text runs left to right already).
	unturn func(pdfengine.Rect) pdfengine.Rect
	// margins are the rows in the top and bottom margins, kept to find
	// running headers and footers on the neighbouring pages.
	margins []marginLine
}

// layoutPage lays out a page's characters.
func layoutPage(t *pdfengine.PageText) *pdfPage {
	p := &pdfPage{num: t.Page}
	chars, unturn := turn(t.Chars)
	p.unturn = unturn
	frags := fragments(chars)
	for _, c := range chars {
		if !c.Generated && !unicode.IsSpace(c.Rune) {
			p.chars++
		}
	}
	p.rows = groupRows(frags)
	p.margins = marginRows(p.rows)
	rtl := 0
	for _, f := range frags {
		rtl += f.rtl - f.ltr
	}
	p.rtl = rtl > 0
	return p
}

// turn rotates the characters of a page whose text runs up or down (by
// most of its letters) so that it runs left to right; unturn maps a box
// back (nil when they were not turned).
func turn(cs []pdfengine.Char) (turned []pdfengine.Char, unturn func(pdfengine.Rect) pdfengine.Rect) {
	var horiz, up, down int
	for i := 1; i < len(cs); i++ {
		a, b := cs[i-1], cs[i]
		if a.Generated || b.Generated || a.Box.Empty() || b.Box.Empty() {
			continue
		}
		dx := (b.Box.Left + b.Box.Right - a.Box.Left - a.Box.Right) / 2
		dy := (b.Box.Bottom + b.Box.Top - a.Box.Bottom - a.Box.Top) / 2
		s := max(a.Size, 1)
		switch {
		case math.Abs(dx) > 3*s || math.Abs(dy) > 3*s:
		case math.Abs(dx) >= math.Abs(dy):
			horiz++
		case dy > 0:
			up++
		default:
			down++
		}
	}
	var m, back func(x, y float64) (float64, float64)
	switch {
	case up > horiz && up >= down:
		m = func(x, y float64) (float64, float64) { return y, -x }
		back = func(x, y float64) (float64, float64) { return -y, x }
	case down > horiz:
		m = func(x, y float64) (float64, float64) { return -y, x }
		back = func(x, y float64) (float64, float64) { return y, -x }
	default:
		return cs, nil
	}
	out := make([]pdfengine.Char, len(cs))
	for i, c := range cs {
		out[i] = c
		if c.Box.Empty() {
			continue
		}
		out[i].Box = mapRect(c.Box, m)
	}
	return out, func(r pdfengine.Rect) pdfengine.Rect { return mapRect(r, back) }
}

// mapRect maps a box by a rotation of a quarter turn.
func mapRect(r pdfengine.Rect, m func(x, y float64) (float64, float64)) pdfengine.Rect {
	x0, y0 := m(r.Left, r.Bottom)
	x1, y1 := m(r.Right, r.Top)
	return pdfengine.Rect{Left: min(x0, x1), Bottom: min(y0, y1), Right: max(x0, x1), Top: max(y0, y1)}
}

// boxes are words' boxes of the page's reading frame, on the page.
func (p *pdfPage) boxes(words []pdfengine.Rect) []Box {
	out := make([]Box, 0, len(words))
	for _, w := range words {
		if p.unturn != nil {
			w = p.unturn(w)
		}
		out = append(out, Box{Page: p.num, X0: w.Left, Y0: w.Bottom, X1: w.Right, Y1: w.Top})
	}
	return out
}

// wordBoxes are the boxes of the words of fragments, a box per run of
// characters between spaces.
func wordBoxes(frags []*frag) []pdfengine.Rect {
	var out []pdfengine.Rect
	for _, f := range frags {
		var cur pdfengine.Rect
		for _, c := range f.cs {
			if unicode.IsSpace(c.r) {
				if !cur.Empty() {
					out = append(out, cur)
				}
				cur = pdfengine.Rect{}
				continue
			}
			if !c.box.Empty() {
				cur = cur.Union(c.box)
			}
		}
		if !cur.Empty() {
			out = append(out, cur)
		}
	}
	return out
}

// fragments groups characters into fragments.
func fragments(cs []pdfengine.Char) []*frag {
	var out []*frag
	var cur *frag
	space := false
	var spaceBox pdfengine.Rect // of the last space drawn
	end := func() {
		if cur != nil && cur.n > 0 {
			if cur.rtl > 0 {
				cur.text = rtlOrder(cur.cs)
			}
			cur.text = []rune(strings.TrimSpace(string(cur.text)))
			out = append(out, cur)
		}
		cur, space = nil, false
	}
	for _, c := range cs {
		r := c.Rune
		switch {
		case r == '\r' || r == '\n':
			end()
			continue
		case c.Generated || unicode.IsSpace(r) || r == 0:
			if r != 0 && !space {
				space, spaceBox = true, c.Box
			}
			continue
		case c.Box.Empty():
			// A character without extent (a combining mark, PDFium's
			// mark of a hyphen at a line end): it stays with the text.
			if cur != nil {
				cur.add(r, c)
			}
			continue
		}
		if cur != nil && !fits(cur, c) {
			end()
		}
		if cur == nil {
			cur = &frag{box: c.Box}
		} else if space && len(cur.text) > 0 {
			// A space PDFium made up has no box: it is put between its
			// neighbours, for rtlOrder.
			last := cur.cs[len(cur.cs)-1].box
			x := (last.Right + c.Box.Left) / 2
			if c.Box.Right <= last.Left {
				x = (last.Left + c.Box.Right) / 2
			}
			if !spaceBox.Empty() {
				x = (spaceBox.Left + spaceBox.Right) / 2
			}
			cur.text = append(cur.text, ' ')
			cur.cs = append(cur.cs, placed{r: ' ', box: pdfengine.Rect{Left: x, Right: x, Bottom: c.Box.Bottom, Top: c.Box.Bottom}})
		}
		space = false
		cur.add(r, c)
		cur.box = cur.box.Union(c.Box)
		if c.Size > 0 {
			cur.sizes = append(cur.sizes, c.Size)
		}
		cur.n++
		if c.Weight >= 600 {
			cur.bold++
		}
		switch bidiOf(r) {
		case 'R':
			cur.rtl++
		case 'L':
			cur.ltr++
		}
	}
	end()
	return out
}

// fits reports whether character c continues fragment f: on its
// baseline, and close.
func fits(f *frag, c pdfengine.Char) bool {
	b := c.Box
	overlap := min(f.box.Top, b.Top) - max(f.box.Bottom, b.Bottom)
	if overlap < 0.5*min(f.box.Top-f.box.Bottom, b.Top-b.Bottom) {
		return false
	}
	gap := max(b.Left-f.box.Right, f.box.Left-b.Right)
	return gap <= fragGap*max(c.Size, 1)
}

// add appends character c (whose rune, r, may be a ligature).
func (f *frag) add(r rune, c pdfengine.Char) {
	n := len(f.text)
	f.text = appendRune(f.text, r)
	for _, x := range f.text[n:] {
		f.cs = append(f.cs, placed{r: x, box: c.Box, size: c.Size, src: f.n})
	}
}

// appendRune appends r, expanded when it is a ligature or a presentation
// form.
func appendRune(rs []rune, r rune) []rune {
	switch {
	case r == 0x02:
		// PDFium's mark of a hyphen that ends a line.
		return append(rs, '-')
	case r >= 0xFB00 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF && r != 0xFEFF:
		return append(rs, []rune(norm.NFKC.String(string(r)))...)
	}
	return append(rs, r)
}

// bidiOf is 'R' for a strong right-to-left letter, 'L' for a strong
// left-to-right one, 0 otherwise.
func bidiOf(r rune) byte {
	switch {
	case r >= 0x0590 && r <= 0x08FF && unicode.IsLetter(r), r >= 0xFB1D && r <= 0xFDFF && unicode.IsLetter(r), r >= 0xFE70 && r <= 0xFEFE:
		return 'R'
	case unicode.IsLetter(r):
		return 'L'
	}
	return 0
}

// groupRows groups fragments into rows, top to bottom.
func groupRows(frags []*frag) []*row {
	sorted := slices.Clone(frags)
	sort.SliceStable(sorted, func(i, j int) bool {
		return sorted[i].box.Top+sorted[i].box.Bottom > sorted[j].box.Top+sorted[j].box.Bottom
	})
	var rows []*row
	for _, f := range sorted {
		var into *row
		for _, r := range rows[max(0, len(rows)-3):] {
			first := r.frags[0].box
			overlap := min(first.Top, f.box.Top) - max(first.Bottom, f.box.Bottom)
			if overlap >= 0.5*min(first.Top-first.Bottom, f.box.Top-f.box.Bottom) {
				into = r
				break
			}
		}
		if into == nil {
			into = &row{box: f.box}
			rows = append(rows, into)
		}
		into.frags = append(into.frags, f)
		into.box = into.box.Union(f.box)
	}
	for _, r := range rows {
		sort.SliceStable(r.frags, func(i, j int) bool { return r.frags[i].box.Left < r.frags[j].box.Left })
		r.frags = mergeTouching(r.frags)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].box.Top > rows[j].box.Top })
	return rows
}

// mergeTouching merges the fragments of a row (left to right) that touch
// or overlap: PDFium gives a number or a Latin word inside right-to-left
// text apart from the words and brackets drawn against it, and a mark
// drawn apart from its letter.
func mergeTouching(frags []*frag) []*frag {
	out := frags[:1]
	for _, f := range frags[1:] {
		last := out[len(out)-1]
		gap := f.box.Left - last.box.Right
		if gap > 0.5*max(f.size(), last.size()) {
			out = append(out, f)
			continue
		}
		if last.rtl > 0 || f.rtl > 0 {
			if gap > 0.15*max(f.size(), last.size()) {
				x := (last.box.Right + f.box.Left) / 2
				last.cs = append(last.cs, placed{r: ' ', box: pdfengine.Rect{Left: x, Right: x, Bottom: f.box.Bottom, Top: f.box.Bottom}})
			}
			last.cs = append(last.cs, f.cs...)
			last.text = []rune(strings.TrimSpace(string(rtlOrder(last.cs))))
		} else {
			if gap > 0.15*max(f.size(), last.size()) {
				last.text = append(last.text, ' ')
				last.cs = append(last.cs, placed{r: ' '})
			}
			last.text = append(last.text, f.text...)
			last.cs = append(last.cs, f.cs...)
		}
		last.box = last.box.Union(f.box)
		last.sizes = append(last.sizes, f.sizes...)
		last.bold += f.bold
		last.n += f.n
		last.rtl += f.rtl
		last.ltr += f.ltr
	}
	return out
}

// makeLine makes a line of fragments, given left to right.
func makeLine(frags []*frag, sep string) line {
	l := line{x0: math.Inf(1), x1: math.Inf(-1), y: math.Inf(1)}
	var sizes []float64
	bold, n, rtl := 0, 0, 0
	for _, f := range frags {
		l.x0, l.x1, l.y = min(l.x0, f.box.Left), max(l.x1, f.box.Right), min(l.y, f.box.Bottom)
		sizes = append(sizes, f.sizes...)
		bold += f.bold
		n += f.n
		rtl += f.rtl - f.ltr
	}
	l.rtl = rtl > 0
	order := frags
	if l.rtl {
		order = slices.Clone(frags)
		slices.Reverse(order)
	}
	parts := make([]string, len(order))
	for i, f := range order {
		parts[i] = string(f.text)
	}
	l.words = wordBoxes(order)
	l.text = strings.Join(parts, sep)
	l.bold = bold*2 > n
	if len(sizes) > 0 {
		sort.Float64s(sizes)
		l.size = sizes[len(sizes)/2]
	} else {
		l.size = 10
	}
	return l
}

// interval is a range of x.
type interval struct{ lo, hi float64 }

// gaps are the free x-intervals between the fragments of r, at least
// gutterMin font sizes wide.
func (r *row) gaps() []interval {
	var out []interval
	for i := 1; i < len(r.frags); i++ {
		a, b := r.frags[i-1], r.frags[i]
		if b.box.Left-a.box.Right >= gutterMin*max(a.size(), b.size()) {
			out = append(out, interval{a.box.Right, b.box.Left})
		}
	}
	return out
}

// keepFree narrows gutters to what row r leaves free; gutters r crosses
// are dropped.
func keepFree(gutters []interval, r *row) []interval {
	var out []interval
	for _, g := range gutters {
		ok := true
		for _, f := range r.frags {
			if f.box.Right <= g.lo || f.box.Left >= g.hi {
				continue
			}
			// Narrow the gutter when f only bites its edge.
			if f.box.Left <= g.lo+0.01 || f.box.Right >= g.hi-0.01 {
				switch {
				case f.box.Left <= g.lo && f.box.Right < g.hi:
					g.lo = f.box.Right
				case f.box.Right >= g.hi && f.box.Left > g.lo:
					g.hi = f.box.Left
				default:
					ok = false
				}
			} else {
				ok = false
			}
		}
		if ok && g.hi-g.lo >= 2 {
			out = append(out, g)
		}
	}
	return out
}

// flows splits rows into flows in reading order.
func flows(rows []*row, rtl bool) [][]line {
	var out [][]line
	var plain []line
	flush := func() {
		if len(plain) > 0 {
			out = append(out, plain)
			plain = nil
		}
	}
	for i := 0; i < len(rows); {
		r := rows[i]
		if len(r.frags) >= 2 {
			if n, region := readRegion(rows[i:], rtl); n > 0 {
				flush()
				out = append(out, region...)
				i += n
				continue
			}
		}
		plain = append(plain, makeLine(r.frags, " "))
		i++
	}
	flush()
	return out
}

// readRegion reads the region that starts at rows[0], if there is one:
// the number of rows it takes and its flows.
func readRegion(rows []*row, rtl bool) (int, [][]line) {
	gutters := rows[0].gaps()
	if len(gutters) == 0 {
		return 0, nil
	}
	n, multi := 1, 1
	for n < len(rows) {
		r := rows[n]
		ng := keepFree(gutters, r)
		if len(ng) < len(gutters) || rows[n-1].box.Bottom-r.box.Top > 3*r.frags[0].size() {
			break
		}
		gutters = ng
		if len(r.frags) >= 2 {
			multi++
		}
		n++
	}
	if multi < 2 {
		return 0, nil
	}
	cols := columnsOf(rows[:n], gutters)
	if isProse(cols) && len(gutters) <= 2 {
		var out [][]line
		for k := range cols {
			if rtl {
				k = len(cols) - 1 - k
			}
			var flow []line
			for _, frags := range cols[k] {
				if len(frags) > 0 {
					flow = append(flow, makeLine(frags, " "))
				}
			}
			if len(flow) > 0 {
				out = append(out, flow)
			}
		}
		return n, out
	}
	// A table: rows of one fragment set apart after it are not its own.
	last := n - 1
	for last > 0 && len(rows[last].frags) < 2 && rows[last-1].box.Bottom-rows[last].box.Top > 0.8*rows[last].frags[0].size() {
		last--
	}
	if last < n-1 {
		n = last + 1
		gutters = rows[0].gaps()
		for _, r := range rows[1:n] {
			gutters = keepFree(gutters, r)
		}
		cols = columnsOf(rows[:n], gutters)
	}
	return n, [][]line{tableRows(cols, n, rtl)}
}

// columnsOf splits each row's fragments into the columns the gutters
// make: cols[k][i] is row i's fragments in column k.
func columnsOf(rows []*row, gutters []interval) [][][]*frag {
	sort.Slice(gutters, func(i, j int) bool { return gutters[i].lo < gutters[j].lo })
	cols := make([][][]*frag, len(gutters)+1)
	for k := range cols {
		cols[k] = make([][]*frag, len(rows))
	}
	for i, r := range rows {
		for _, f := range r.frags {
			k := sort.Search(len(gutters), func(k int) bool { return gutters[k].lo >= (f.box.Left+f.box.Right)/2 })
			cols[k][i] = append(cols[k][i], f)
		}
	}
	return cols
}

// isProse reports whether columns hold running text: three lines or more
// each, most of which fill the column, of 20 characters or more on
// average.
func isProse(cols [][][]*frag) bool {
	for _, col := range cols {
		lo, hi := math.Inf(1), math.Inf(-1)
		var widths []float64
		for _, frags := range col {
			if len(frags) == 0 {
				continue
			}
			l, r := frags[0].box.Left, frags[len(frags)-1].box.Right
			lo, hi = min(lo, l), max(hi, r)
			widths = append(widths, r-l)
		}
		if len(widths) < 3 {
			return false
		}
		full := 0
		for _, w := range widths {
			if w >= 0.75*(hi-lo) {
				full++
			}
		}
		runes := 0
		for _, frags := range col {
			for _, f := range frags {
				runes += len(f.text)
			}
		}
		if full*2 <= len(widths) || runes < 20*len(widths) {
			return false
		}
	}
	return true
}

// tableRows makes a table's lines: one per row, cells joined with " | ",
// a row with an empty first cell added to the row above.
func tableRows(cols [][][]*frag, n int, rtl bool) []line {
	var out []line
	var cells [][]*frag
	flush := func() {
		if cells == nil {
			return
		}
		var texts []string
		var all []*frag
		order := make([]int, len(cells))
		for k := range cells {
			order[k] = k
		}
		if rtl {
			slices.Reverse(order)
		}
		for _, k := range order {
			if len(cells[k]) == 0 {
				continue
			}
			l := makeLine(cells[k], " ")
			texts = append(texts, l.text)
			all = append(all, cells[k]...)
		}
		l := makeLine(all, " ")
		l.text = strings.Join(texts, " | ")
		l.row = true
		out = append(out, l)
		cells = nil
	}
	first := 0
	if rtl {
		first = len(cols) - 1
	}
	for i := range n {
		if cells == nil || len(cols[first][i]) > 0 {
			flush()
			cells = make([][]*frag, len(cols))
		}
		for k := range cols {
			cells[k] = append(cells[k], cols[k][i]...)
		}
	}
	flush()
	return out
}

// marginLine is a row near the top or the bottom edge of a page's text.
type marginLine struct {
	idx    int     // index in the page's rows
	top    bool    // near the top edge
	edge   float64 // distance from that edge
	masked string  // text with digits masked, lowercase
	text   string
}

// marginRows are the first three and last three rows within 12% of the
// height of the page's text from its top or bottom.
func marginRows(rows []*row) []marginLine {
	if len(rows) == 0 {
		return nil
	}
	top, bottom := rows[0].box.Top, math.Inf(1)
	for _, r := range rows {
		bottom = min(bottom, r.box.Bottom)
	}
	h := top - bottom
	var out []marginLine
	for i, r := range rows {
		atTop := i < 3 && top-r.box.Top <= 0.12*h
		atBottom := i >= len(rows)-3 && r.box.Bottom-bottom <= 0.12*h && !atTop
		if !atTop && !atBottom {
			continue
		}
		text := makeLine(r.frags, " ").text
		m := marginLine{idx: i, top: atTop, text: text, masked: maskDigits(text)}
		if atTop {
			m.edge = top - r.box.Top
		} else {
			m.edge = r.box.Bottom - bottom
		}
		out = append(out, m)
	}
	return out
}

// maxSizeKey bounds font sizes as they are counted (no text is 4096 pt
// high), so that a crafted file cannot make the counts grow without end.
const maxSizeKey = 4096

// sizeKey is a font size as it is counted: to the half point, at most
// maxSizeKey.
func sizeKey(size float64) float64 { return math.Round(min(size, maxSizeKey)*2) / 2 }
