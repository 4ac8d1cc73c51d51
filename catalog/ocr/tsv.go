package ocr

import (
	"bufio"
	"fmt"
	"image"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Word is a word Tesseract read.
type Word struct {
	Text string
	// Box is the word's box in the image's pixels (y down).
	Box image.Rectangle
	// Conf is Tesseract's confidence in the word, 0 to 100.
	Conf float64
	// Block, Par and Line are Tesseract's numbers of the word's block,
	// paragraph in the block and line in the paragraph (from 1).
	Block, Par, Line int
}

// Line is a line of words.
type Line struct {
	Words []Word
	Box   image.Rectangle
}

// Paragraph is a paragraph as Tesseract's layout analysis found it.
type Paragraph struct {
	Lines []Line
	// Text is the words joined by spaces, a word hyphenated at a line's
	// end joined to its end on the next line ("investi-" "gation").
	Text string
	// Conf is the mean confidence of its words, 0 to 100.
	Conf float64
	Box  image.Rectangle
}

// Words is every word of the paragraph, in order.
func (p *Paragraph) Words() []Word {
	var ws []Word
	for _, l := range p.Lines {
		ws = append(ws, l.Words...)
	}
	return ws
}

// Page is what Tesseract read on one image.
type Page struct {
	// Width and Height are the image's size in pixels.
	Width, Height int
	Paragraphs    []Paragraph
	// Conf is the mean confidence of the page's words, 0 to 100 (0 when
	// it has none).
	Conf float64
}

// Words is every word of the page, in reading order.
func (p *Page) Words() []Word {
	var ws []Word
	for i := range p.Paragraphs {
		ws = append(ws, p.Paragraphs[i].Words()...)
	}
	return ws
}

// tsvColumns are the columns of Tesseract's TSV output, in order.
var tsvColumns = []string{"level", "page_num", "block_num", "par_num", "line_num", "word_num",
	"left", "top", "width", "height", "conf", "text"}

// maxTSVLine bounds a line of Tesseract's output.
const maxTSVLine = 1 << 20

// ParseTSV reads Tesseract's TSV output (`tesseract IMG - tsv`): its
// words (level 5; empty ones left out) grouped into lines and paragraphs
// by their block, paragraph and line numbers, in Tesseract's reading
// order. A paragraph without a letter or a digit is left out.
func ParseTSV(r io.Reader) (*Page, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxTSVLine)
	g := &grouper{p: &Page{}}
	for lineNo := 1; sc.Scan(); lineNo++ {
		f := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		switch {
		case lineNo == 1 && f[0] == "level":
			if len(f) < len(tsvColumns) {
				return nil, fmt.Errorf("line 1: %d columns, want %d", len(f), len(tsvColumns))
			}
			continue
		case len(f) == 1 && strings.TrimSpace(f[0]) == "":
			continue
		}
		row, err := parseRow(f)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", lineNo, err)
		}
		g.add(row)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	g.p.finish()
	return g.p, nil
}

// tsvRow is one line of Tesseract's TSV.
type tsvRow struct {
	level, page int
	box         image.Rectangle
	word        Word
}

// parseRow reads the columns of one line of TSV.
func parseRow(f []string) (tsvRow, error) {
	if len(f) < len(tsvColumns)-1 {
		return tsvRow{}, fmt.Errorf("%d columns, want %d", len(f), len(tsvColumns))
	}
	n := make([]int, 10)
	for i := range n {
		v, err := strconv.Atoi(strings.TrimSpace(f[i]))
		if err != nil {
			return tsvRow{}, fmt.Errorf("column %s: %q is not a number", tsvColumns[i], f[i])
		}
		n[i] = v
	}
	row := tsvRow{level: n[0], page: n[1], box: image.Rect(n[6], n[7], n[6]+n[8], n[7]+n[9])}
	if row.level != 5 {
		return row, nil
	}
	if len(f) > 11 {
		row.word.Text = strings.TrimSpace(stripBidi(strings.Join(f[11:], "\t")))
	}
	conf, err := strconv.ParseFloat(strings.TrimSpace(f[10]), 64)
	if err != nil || math.IsNaN(conf) {
		return tsvRow{}, fmt.Errorf("column conf: %q is not a number", f[10])
	}
	row.word.Box, row.word.Conf = row.box, max(0, min(100, conf))
	row.word.Block, row.word.Par, row.word.Line = n[2], n[3], n[4]
	return row, nil
}

// grouper puts words into the lines and paragraphs of a page.
type grouper struct {
	p   *Page
	cur *Paragraph
	key [3]int // page, block and paragraph of cur
}

// add adds one row: the page's size (level 1), or a word (level 5).
func (g *grouper) add(row tsvRow) {
	switch {
	case row.level == 1:
		g.p.Width, g.p.Height = max(g.p.Width, row.box.Dx()), max(g.p.Height, row.box.Dy())
		return
	case row.level != 5 || row.word.Text == "":
		return
	}
	w := row.word
	k := [3]int{row.page, w.Block, w.Par}
	if g.cur == nil || k != g.key {
		g.p.Paragraphs = append(g.p.Paragraphs, Paragraph{})
		g.cur, g.key = &g.p.Paragraphs[len(g.p.Paragraphs)-1], k
	}
	if len(g.cur.Lines) == 0 || g.cur.Lines[len(g.cur.Lines)-1].Words[0].Line != w.Line {
		g.cur.Lines = append(g.cur.Lines, Line{})
	}
	l := &g.cur.Lines[len(g.cur.Lines)-1]
	l.Words = append(l.Words, w)
	l.Box = union(l.Box, w.Box)
}

// finish sets the paragraphs' text, confidence and box, leaves out those
// without a letter or a digit, and sets the page's confidence.
func (p *Page) finish() {
	kept := p.Paragraphs[:0]
	var sum float64
	var words int
	for _, para := range p.Paragraphs {
		para.finish()
		if !hasWordChar(para.Text) {
			continue
		}
		kept = append(kept, para)
		for _, w := range para.Words() {
			sum += w.Conf
			words++
		}
	}
	p.Paragraphs = kept
	if words > 0 {
		p.Conf = sum / float64(words)
	}
}

// finish sets the paragraph's text, confidence and box from its lines.
func (para *Paragraph) finish() {
	var b strings.Builder
	var sum float64
	n := 0
	for li, l := range para.Lines {
		para.Box = union(para.Box, l.Box)
		for wi, w := range l.Words {
			sum += w.Conf
			n++
			switch {
			case wi == 0 && li > 0 && joinsHyphen(b.String(), w.Text):
				s := strings.TrimSuffix(b.String(), "-")
				b.Reset()
				b.WriteString(s)
			case b.Len() > 0:
				b.WriteByte(' ')
			}
			b.WriteString(w.Text)
		}
	}
	para.Text = b.String()
	if n > 0 {
		para.Conf = sum / float64(n)
	}
}

// joinsHyphen says whether a line ending in text (a letter then "-")
// and a next line starting with next (a lowercase letter) are one
// hyphenated word.
func joinsHyphen(text, next string) bool {
	rs := []rune(text)
	if len(rs) < 2 || rs[len(rs)-1] != '-' || !unicode.IsLetter(rs[len(rs)-2]) {
		return false
	}
	for _, r := range next {
		return unicode.IsLower(r)
	}
	return false
}

// union is the smallest rectangle holding a and b, an empty one being
// nothing.
func union(a, b image.Rectangle) image.Rectangle {
	if a.Empty() {
		return b
	}
	if b.Empty() {
		return a
	}
	return a.Union(b)
}

// hasWordChar reports whether s has a letter or a digit.
func hasWordChar(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// stripBidi removes the direction marks Tesseract puts around words of
// right-to-left lines (U+200E, U+200F and the embeddings and isolates):
// they are no text, and would stay in excerpts and their searches.
func stripBidi(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == 0x200E, r == 0x200F, r == 0x061C, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return -1
		}
		return r
	}, s)
}
