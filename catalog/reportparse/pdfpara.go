package reportparse

import (
	"bytes"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file turns the flows of lines of PDF pages (pdflayout.go) into
// headings and paragraphs.
//
// Running headers and footers (page furniture). A row among the first
// three or the last three of a page, within 12% of the height of the
// page's text from its top or bottom, is furniture when it is a bare page
// number ("7", "- 7 -", "Page 7", "7 / 12", "vii", "صفحة ٧"), or when the
// row at the same place (within 8 pt of the same edge) on the previous or
// the next page reads the same once digits are masked ("Raqqa report —
// page 7" and "… page 8"). Furniture is not read into the body; each
// running header or footer that is not a bare page number is kept as a
// block of its own, once for the document, after the body (Page and
// PageEnd the first and last pages it is on), so that it can be searched.
// On a page whose only text is furniture, it is the page's body. The
// number of a page-number row is the page's printed label when the PDF
// has no /PageLabels.
//
// Headings. The body font size is the size of most characters read so
// far in lines of 20 characters or more (not figure labels, not table
// rows). A line at least 15% larger than the body size (and at most 150
// characters) is a heading; so is a line entirely in a bold font of about
// the body size, at most 120 characters, that does not end like a
// sentence, when the body text is not itself bold. Consecutive heading
// lines of the same size make one heading, unless they are more than three
// lines or 200 characters: that is text set large, read as a paragraph.
// Heading levels follow size: larger is outer.
//
// Paragraphs. A table's row is a paragraph by itself. A new paragraph
// starts after a heading, and between two lines when: the space between
// their baselines is more than 1.3 times the page's usual line spacing
// (the median); the font size changes; the line is indented more than the
// previous one (from the right edge for right-to-left text), unless the
// previous line ends no sentence and either fills the width or is followed
// by a lowercase letter (a sentence going on); the previous line ends a sentence (. ! ?
// ؟ : …) well short of the right margin (by 12% of the text width, at
// least five font sizes); or the line starts with a bullet or a number
// ("•", "-", "1."). Lines are joined with a space, except that a line
// ending with a letter and "-" followed by a line starting with a
// lowercase letter is joined without the hyphen (a word split at the line
// end; a real hyphen that falls at a line end is lost the same way), and a
// soft hyphen at a line end is always dropped.
//
// Across columns and pages. The last paragraph of a flow (a column, the
// page) continues in the next flow (one block; across pages, Page and
// PageEnd differ) when the next flow's first line is not a heading or a
// table row, has the same font size, is not indented (from the margin,
// and from where the paragraph's last line began) and starts no list
// item, and the paragraph did not end a sentence (or ends with a hyphen,
// or the next line starts with a lowercase letter). A sentence that ends
// exactly at the bottom of a page therefore ends the paragraph.

func maskDigits(s string) string {
	var sb strings.Builder
	lastHash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsDigit(r) {
			if !lastHash {
				sb.WriteByte('#')
			}
			lastHash = true
			continue
		}
		lastHash = false
		sb.WriteRune(r)
	}
	return collapse(sb.String())
}

var (
	bareNumberRE = regexp.MustCompile(`(?i)^(?:(?:page|p\.|pg\.?|seite|صفحة|الصفحة)\s*)?[-–—(\[]?\s*(\d{1,4}|[ivxlcdm]{1,7}|[٠-٩]{1,4}|[۰-۹]{1,4})\s*[-–—)\]]?(?:\s*(?:of|/|من|sur)\s*(?:\d{1,4}|[٠-٩]{1,4}))?$`)
	pageWordRE   = regexp.MustCompile(`(?i)(?:\bpage|\bp\.|صفحة|الصفحة)\s*(\d{1,4}|[٠-٩]{1,4})`)
)

// pageNumber returns the number when s is a bare page number.
func pageNumber(s string) (string, bool) {
	m := bareNumberRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", false
	}
	return m[1], true
}

// repeats reports whether m is a running header or footer also found on
// page o, at the same place.
func repeats(m marginLine, o *pdfPage) bool {
	if o == nil {
		return false
	}
	for _, om := range o.margins {
		if om.top == m.top && om.masked == m.masked && math.Abs(om.edge-m.edge) < 8 {
			return true
		}
	}
	return false
}

// para is a paragraph being assembled.
type para struct {
	text          bytes.Buffer
	first, last   line
	page, pageEnd int
	label         string
}

func (p *para) add(l line) {
	if p.text.Len() == 0 {
		p.first = l
		p.text.WriteString(l.text)
	} else {
		joinLine(&p.text, l.text)
	}
	p.last = l
}

// joinLine appends a line to a paragraph's text, joining a word hyphenated
// at the line end.
func joinLine(buf *bytes.Buffer, next string) {
	cur := buf.Bytes()
	if bytes.HasSuffix(cur, []byte("\u00AD")) {
		buf.Truncate(len(cur) - len("\u00AD"))
		buf.WriteString(next)
		return
	}
	// The last two runes are in the last 8 bytes.
	if endsWithHyphen(string(cur[max(0, len(cur)-8):])) && startsLower(next) {
		_, size := utf8.DecodeLastRune(cur)
		buf.Truncate(len(cur) - size)
		buf.WriteString(next)
		return
	}
	buf.WriteByte(' ')
	buf.WriteString(next)
}

func endsWithHyphen(s string) bool {
	r, size := utf8.DecodeLastRuneInString(s)
	if r != '-' && r != '\u2010' {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:len(s)-size])
	return unicode.IsLetter(prev)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func endsSentence(s string) bool {
	s = strings.TrimSpace(s)
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?؟:;\"”»’)…۔", r)
}

// bulletGlyphRE is a bullet character that opens a list item; it is
// dropped from the item's text, as list markers are in Markdown and HTML.
var bulletGlyphRE = regexp.MustCompile(`^[•▪◦●‣·]\s+`)

var bulletRE = regexp.MustCompile(`^(?:[•▪◦●‣·*–-]\s|\d{1,3}[.)]\s|\([a-z0-9]{1,3}\)\s)`)

func startsBullet(s string) bool { return bulletRE.MatchString(s) }

// item is a heading or a paragraph of one page.
type item struct {
	heading bool
	row     bool // a table's row
	size    float64
	bold    bool
	lines   []line
}

// pageStats are a page's margins and line spacing.
type pageStats struct {
	left, right, gap float64
}

// assembler turns pages of lines into blocks, keeping the last paragraph
// open until the next page shows whether it continues.
type assembler struct {
	b       *builder
	pending *para
	sizes   map[float64]int // characters of body lines by font size
	// body is the size of most characters so far (the smaller on a
	// tie), kept as sizes grow.
	body     float64
	headKeys []float64
	// running are the running headers and footers, by masked text, in
	// runningOrder.
	running      map[string]*para
	runningOrder []string
}

func newAssembler(b *builder) *assembler {
	return &assembler{b: b, sizes: make(map[float64]int), running: make(map[string]*para)}
}

func (a *assembler) flush() error {
	if a.pending == nil {
		return nil
	}
	p := a.pending
	a.pending = nil
	return a.b.block(bulletGlyphRE.ReplaceAllString(p.text.String(), ""), p.page, p.pageEnd, p.label)
}

// finish emits the last paragraph, then the running headers and footers,
// each once, under no heading.
func (a *assembler) finish() error {
	if err := a.flush(); err != nil {
		return err
	}
	a.b.headings = nil
	a.b.stale = true
	for _, k := range a.runningOrder {
		f := a.running[k]
		if err := a.b.block(f.text.String(), f.page, f.pageEnd, ""); err != nil {
			return err
		}
	}
	return nil
}

// page assembles page p; prev and next are its neighbours (nil at the
// ends), used to recognise running headers and footers.
func (a *assembler) page(p, prev, next *pdfPage) error {
	drop, printed := a.furniture(p, prev, next)
	var kept []*row
	for i, r := range p.rows {
		if !drop[i] {
			kept = append(kept, r)
		}
	}
	label := p.label
	if label == "" {
		label = printed
	}
	fl := flows(kept, p.rtl)
	var body []line
	for _, f := range fl {
		body = append(body, f...)
	}
	if len(body) == 0 {
		return nil
	}

	// Body size: counted on prose-like lines (20 characters or more), not
	// on figure labels and table numbers.
	for _, l := range body {
		if n := utf8.RuneCountInString(l.text); n >= 20 && !l.row {
			a.count(l.size, n)
		}
	}
	if len(a.sizes) == 0 {
		for _, l := range body {
			a.count(l.size, utf8.RuneCountInString(l.text))
		}
	}
	bodySize, boldBody := a.body, a.boldBody(body)
	gap := lineGap(body, bodySize)

	for _, flow := range fl {
		st := stats(flow, gap)
		items := a.items(flow, bodySize, boldBody, st)
		for i, it := range items {
			if it.heading {
				if err := a.flush(); err != nil {
					return err
				}
				var sb strings.Builder
				for _, l := range it.lines {
					if sb.Len() > 0 {
						sb.WriteByte(' ')
					}
					sb.WriteString(l.text)
				}
				a.b.heading(a.level(it), sb.String())
				continue
			}
			if i == 0 && a.pending != nil && continues(a.pending, it, st) {
				for _, l := range it.lines {
					a.pending.add(l)
				}
				a.pending.pageEnd = p.num
				continue
			}
			if err := a.flush(); err != nil {
				return err
			}
			np := &para{page: p.num, pageEnd: p.num, label: label}
			for _, l := range it.lines {
				np.add(l)
			}
			a.pending = np
		}
	}
	return nil
}

// items groups a flow's lines into headings and paragraphs.
func (a *assembler) items(flow []line, bodySize float64, boldBody bool, st pageStats) []*item {
	var items []*item
	for i, l := range flow {
		h := !l.row && isHeadingLine(l, bodySize, boldBody)
		var cur *item
		if len(items) > 0 {
			cur = items[len(items)-1]
		}
		switch {
		case l.row:
			items = append(items, &item{size: l.size, lines: []line{l}, row: true})
		case h && cur != nil && cur.heading && math.Abs(cur.size-l.size) < 0.6 && cur.bold == l.bold && flow[i-1].y-l.y <= 1.8*l.size:
			cur.lines = append(cur.lines, l)
		case h:
			items = append(items, &item{heading: true, size: l.size, bold: l.bold, lines: []line{l}})
		case cur != nil && !cur.heading && !cur.row && !breakBetween(flow[i-1], l, st):
			cur.lines = append(cur.lines, l)
		default:
			items = append(items, &item{size: l.size, lines: []line{l}})
		}
	}
	for _, it := range items {
		// More than three lines or 200 characters is no heading: text
		// set in a larger size (a preface, a pull quote).
		if it.heading && (len(it.lines) > 3 || headingLen(it) > 200) {
			it.heading = false
		}
	}
	return items
}

// furniture finds page p's running headers and footers: the rows to
// drop from its body, and the page number they print. A running header
// that is not a bare page number is kept as a block of its own, once for
// the document (finish emits them). When they are all the page has, they
// are its body.
func (a *assembler) furniture(p, prev, next *pdfPage) (map[int]bool, string) {
	drop := make(map[int]bool)
	printed := ""
	var running []marginLine
	for _, m := range p.margins {
		if num, ok := pageNumber(m.text); ok {
			drop[m.idx] = true
			if printed == "" {
				printed = num
			}
			continue
		}
		if repeats(m, prev) || repeats(m, next) {
			drop[m.idx] = true
			running = append(running, m)
			if sm := pageWordRE.FindStringSubmatch(m.text); sm != nil && printed == "" {
				printed = sm[1]
			}
		}
	}
	if len(drop) == len(p.rows) {
		return nil, printed
	}
	for _, m := range running {
		if f, ok := a.running[m.masked]; ok {
			f.pageEnd = p.num
			continue
		}
		if len(a.runningOrder) < maxRunning {
			f := &para{page: p.num, pageEnd: p.num}
			f.text.WriteString(m.text)
			a.running[m.masked] = f
			a.runningOrder = append(a.runningOrder, m.masked)
		}
	}
	return drop, printed
}

// maxRunning bounds the running headers and footers kept.
const maxRunning = 100

func headingLen(it *item) int {
	n := 0
	for _, l := range it.lines {
		n += utf8.RuneCountInString(l.text)
	}
	return n
}

// count adds n characters of body text in the given size, and updates
// the body size: the size of most characters read so far.
func (a *assembler) count(size float64, n int) {
	k := sizeKey(size)
	a.sizes[k] += n
	if best := a.sizes[a.body]; k != a.body && (a.sizes[k] > best || a.sizes[k] == best && k < a.body) || len(a.sizes) == 1 {
		a.body = k
	}
}

// boldBody reports whether most of the page's text is bold.
func (a *assembler) boldBody(body []line) bool {
	var b, n int
	for _, l := range body {
		c := utf8.RuneCountInString(l.text)
		n += c
		if l.bold {
			b += c
		}
	}
	return b*2 > n
}

// level ranks a heading by size among the headings seen so far.
func (a *assembler) level(it *item) int {
	key := sizeKey(it.size)
	if it.bold {
		key += 0.25
	}
	i := sort.SearchFloat64s(a.headKeys, key)
	if i == len(a.headKeys) || a.headKeys[i] != key {
		a.headKeys = append(a.headKeys, 0)
		copy(a.headKeys[i+1:], a.headKeys[i:])
		a.headKeys[i] = key
	}
	// headKeys ascend; count the larger ones.
	return len(a.headKeys) - i
}

func isHeadingLine(l line, bodySize float64, boldBody bool) bool {
	n := utf8.RuneCountInString(l.text)
	if l.size >= bodySize*1.15+0.01 && n <= 150 {
		return true
	}
	return l.bold && !boldBody && math.Abs(l.size-bodySize) <= 1 && n <= 120 && !endsSentence(l.text) && !startsBullet(l.text)
}

// lineGap is the page's usual space between the baselines of its body
// text: the median (the lower of the two middle gaps, so that a page of
// three lines, two of a paragraph and one after a paragraph's space,
// keeps the line spacing), over lines of the body size that are not table
// rows (a page of a table in small type, and a few double-spaced
// paragraphs, keeps the paragraphs' spacing).
func lineGap(body []line, bodySize float64) float64 {
	var gaps []float64
	for i := 1; i < len(body); i++ {
		p, l := body[i-1], body[i]
		g := p.y - l.y
		if p.row || l.row || math.Abs(l.size-bodySize) > 0.75 {
			continue
		}
		if math.Abs(p.size-l.size) < 0.6 && g > 0.5*l.size && g < 3*l.size {
			gaps = append(gaps, g)
		}
	}
	if len(gaps) == 0 {
		return 1.2 * bodySize
	}
	sort.Float64s(gaps)
	return gaps[(len(gaps)-1)/2]
}

// stats are a flow's margins, with the page's line spacing.
func stats(flow []line, gap float64) pageStats {
	st := pageStats{left: math.Inf(1), right: math.Inf(-1), gap: gap}
	for _, l := range flow {
		st.left = math.Min(st.left, l.x0)
		st.right = math.Max(st.right, l.x1)
	}
	return st
}

// breakBetween reports whether line b starts a new paragraph after line a.
func breakBetween(a, b line, st pageStats) bool {
	size := math.Max(a.size, b.size)
	if math.Abs(a.size-b.size) > 0.75 {
		return true
	}
	if a.y-b.y > st.gap*1.3+0.1*size {
		return true
	}
	full := a.rtl && a.x0-st.left < 2*size || !a.rtl && st.right-a.x1 < 2*size
	if !endsSentence(a.text) && (startsLower(b.text) || full && !startsBullet(b.text)) {
		// A sentence going on, after a line that does not end one and
		// fills the width, or before a lowercase letter: whatever the
		// indent (a list item's second line, under its text rather than
		// its bullet or term).
		return false
	}
	if b.rtl {
		if b.x1 < a.x1-0.8*size {
			return true
		}
	} else if b.x0 > a.x0+0.8*size {
		return true
	}
	width := st.right - st.left
	short := math.Max(0.12*width, 5*size)
	if endsSentence(a.text) {
		if a.rtl && a.x0-st.left > short || !a.rtl && st.right-a.x1 > short {
			return true
		}
	}
	return startsBullet(b.text)
}

// continues reports whether the first item of a page continues the last
// paragraph of the previous page.
func continues(p *para, it *item, st pageStats) bool {
	f := it.lines[0]
	if it.heading || it.row || p.last.row || math.Abs(f.size-p.last.size) > 0.75 || startsBullet(f.text) {
		return false
	}
	// Indented: from the page's margin and from where the paragraph's
	// last line began (a quotation or a licence set in from the margin
	// goes on at its own indent on the next page).
	if f.rtl && f.x1 < st.right-f.size && f.x1 < p.last.x1-f.size ||
		!f.rtl && f.x0 > st.left+f.size && f.x0 > p.last.x0+f.size {
		return false
	}
	return !endsSentence(p.last.text) || endsWithHyphen(p.last.text) || startsLower(f.text)
}
