package ocr

import (
	"bufio"
	"fmt"
	"image"
	"io"
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
	p := &Page{}
	var cur *Paragraph
	type key struct{ page, block, par int }
	var curKey key
	lineNo := 0
	for sc.Scan() {
		lineNo++
		f := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if lineNo == 1 && len(f) > 0 && f[0] == "level" {
			if len(f) < len(tsvColumns) {
				return nil, fmt.Errorf("line 1: %d columns, want %d", len(f), len(tsvColumns))
			}
			continue
		}
		if len(f) == 1 && strings.TrimSpace(f[0]) == "" {
			continue
		}
		if len(f) < len(tsvColumns)-1 {
			return nil, fmt.Errorf("line %d: %d columns, want %d", lineNo, len(f), len(tsvColumns))
		}
		n := make([]int, 10)
		for i := range n {
			v, err := strconv.Atoi(strings.TrimSpace(f[i]))
			if err != nil {
				return nil, fmt.Errorf("line %d: column %s: %q is not a number", lineNo, tsvColumns[i], f[i])
			}
			n[i] = v
		}
		level, box := n[0], image.Rect(n[6], n[7], n[6]+n[8], n[7]+n[9])
		if level == 1 {
			p.Width, p.Height = max(p.Width, n[8]), max(p.Height, n[9])
			continue
		}
		if level != 5 {
			continue
		}
		text := ""
		if len(f) > 11 {
			text = strings.TrimSpace(stripBidi(strings.Join(f[11:], "\t")))
		}
		if text == "" {
			continue
		}
		conf, err := strconv.ParseFloat(strings.TrimSpace(f[10]), 64)
		if err != nil {
			return nil, fmt.Errorf("line %d: column conf: %q is not a number", lineNo, f[10])
		}
		w := Word{Text: text, Box: box, Conf: max(0, min(100, conf)), Block: n[2], Par: n[3], Line: n[4]}
		k := key{n[1], n[2], n[3]}
		if cur == nil || k != curKey {
			p.Paragraphs = append(p.Paragraphs, Paragraph{})
			cur, curKey = &p.Paragraphs[len(p.Paragraphs)-1], k
		}
		if len(cur.Lines) == 0 || cur.Lines[len(cur.Lines)-1].Words[0].Line != w.Line {
			cur.Lines = append(cur.Lines, Line{})
		}
		l := &cur.Lines[len(cur.Lines)-1]
		l.Words = append(l.Words, w)
		l.Box = union(l.Box, w.Box)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
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
	return p, nil
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
