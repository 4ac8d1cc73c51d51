package pdfengine

import (
	"fmt"
	"math"
	"unicode"

	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// Rect is a box on a page, in points, in PDF user space (y up).
type Rect struct{ Left, Bottom, Right, Top float64 }

// Empty is a box without area (a space PDFium made up between words,
// a line break).
func (r Rect) Empty() bool { return r.Right <= r.Left || r.Top <= r.Bottom }

// Union is the smallest box holding r and s.
func (r Rect) Union(s Rect) Rect {
	if r.Empty() {
		return s
	}
	if s.Empty() {
		return r
	}
	return Rect{min(r.Left, s.Left), min(r.Bottom, s.Bottom), max(r.Right, s.Right), max(r.Top, s.Top)}
}

// Char is one character of a page's text, in reading order.
type Char struct {
	Rune rune
	// Box is the character's loose box: from its origin to its advance
	// across, from the font's descent to its ascent up (what a text
	// selection covers).
	Box Rect
	// Size is the font size in points as printed (FPDFText_GetFontSize
	// times the vertical scale of the character's matrix); 0 for a
	// space or a line break. Size and Weight are read at the start of
	// each word (a font seldom changes inside one: reading them for each
	// character would double the time Text takes).
	Size float64
	// Weight is the font's weight, 100 to 900 (400 regular, 700 bold), from
	// its descriptor (FPDFText_GetFontWeight); 0 when unknown.
	Weight int
	// Generated is a character PDFium made up (FPDFText_IsGenerated): a
	// space between words drawn apart, a line break between lines. Its box
	// is empty.
	Generated bool
}

// PageText is the text of a page as PDFium reads it.
type PageText struct {
	Page  int
	Chars []Char
}

// String is the page's text.
func (t *PageText) String() string {
	rs := make([]rune, 0, len(t.Chars))
	for _, c := range t.Chars {
		rs = append(rs, c.Rune)
	}
	return string(rs)
}

// maxChars bounds the characters read from one page.
const maxChars = 1 << 20

// Text reads the text of page (from 1) with each character's box
// (FPDFText_GetUnicode and FPDFText_GetLooseCharBox), font size and
// weight, and whether PDFium made it up.
func (d *Doc) Text(page int) (*PageText, error) {
	return d.text(page, true)
}

// TextQuick is Text, faster (for reading a whole document): the page's
// characters are read in one call, and in a word of left-to-right letters
// and digits only the first and the last character's boxes are read, the
// others' spread evenly between them. Words with right-to-left letters,
// combining marks or other characters have every box read.
func (d *Doc) TextQuick(page int) (*PageText, error) {
	return d.text(page, false)
}

// withTextPage runs fn, on the engine's goroutine, with the text of page
// (from 1) loaded (FPDFText_LoadPage), and closes it after.
func (d *Doc) withTextPage(page int, fn func(tp references.FPDF_TEXTPAGE) error) error {
	return d.do(page, func() error {
		p := requests.Page{ByIndex: &requests.PageByIndex{Document: d.doc, Index: page - 1}}
		tp, err := d.inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: p})
		if err != nil {
			return err
		}
		defer d.inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
		return fn(tp.TextPage)
	})
}

// text reads page's text, every box read when exact.
func (d *Doc) text(page int, exact bool) (*PageText, error) {
	out := &PageText{Page: page}
	err := d.withTextPage(page, func(tp references.FPDF_TEXTPAGE) error {
		n, err := d.inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp})
		if err != nil {
			return err
		}
		if n.Count > maxChars {
			return fmt.Errorf("%w: %d characters on one page, over %d", ErrTooLarge, n.Count, maxChars)
		}
		r := textReader{d: d, tp: tp}
		var runes []rune
		if !exact {
			runes = r.all(n.Count)
		}
		out.Chars = make([]Char, n.Count)
		for i := range n.Count {
			c := &out.Chars[i]
			if runes != nil {
				c.Rune = runes[i]
			} else if c.Rune, err = r.rune(i); err != nil {
				return err
			}
			// PDFium makes up spaces and line breaks only.
			if c.Rune == ' ' || c.Rune == '\r' || c.Rune == '\n' {
				c.Generated = r.generated(i)
			}
		}
		for s := 0; s < n.Count; {
			e := s
			for e < n.Count && !isBreak(out.Chars[e]) {
				e++
			}
			if e == s {
				if !out.Chars[s].Generated {
					out.Chars[s].Box = r.box(s)
				}
				s++
				continue
			}
			r.word(out.Chars, s, e, exact)
			s = e
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("text of page %d: %w", page, err)
	}
	return out, nil
}

// isBreak is a character between words.
func isBreak(c Char) bool { return c.Generated || unicode.IsSpace(c.Rune) }

// textReader reads a loaded text page.
type textReader struct {
	d  *Doc
	tp references.FPDF_TEXTPAGE
}

// all is the page's n characters read in one call, nil when PDFium's text
// does not have one rune for each character.
func (r textReader) all(n int) []rune {
	t, err := r.d.inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: r.tp, StartIndex: 0, Count: n})
	if err != nil {
		return nil
	}
	rs := []rune(t.Text)
	if len(rs) != n {
		return nil
	}
	for i, c := range rs {
		if c == 0xFFFE {
			rs[i] = 0x02 // PDFium's mark of a hyphen at a line end, as GetUnicode gives it
		}
	}
	return rs
}

func (r textReader) rune(i int) (rune, error) {
	u, err := r.d.inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: r.tp, Index: i})
	if err != nil {
		return 0, err
	}
	return rune(u.Unicode), nil
}

func (r textReader) generated(i int) bool {
	g, err := r.d.inst.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: r.tp, Index: i})
	return err == nil && g.IsGenerated
}

func (r textReader) box(i int) Rect {
	b, err := r.d.inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: r.tp, Index: i})
	if err != nil {
		return Rect{}
	}
	return Rect{Left: float64(b.Rect.Left), Bottom: float64(b.Rect.Bottom), Right: float64(b.Rect.Right), Top: float64(b.Rect.Top)}
}

// word reads the boxes and the font of the word cs[s:e]: the font once
// (a font seldom changes inside a word), the boxes of its ends only when
// not exact and the word is simple, spread evenly over the others.
func (r textReader) word(cs []Char, s, e int, exact bool) {
	var size float64
	var weight int
	if sz, err := r.d.inst.FPDFText_GetFontSize(&requests.FPDFText_GetFontSize{TextPage: r.tp, Index: s}); err == nil {
		size = sz.FontSize * r.scale(s)
	}
	if w, err := r.d.inst.FPDFText_GetFontWeight(&requests.FPDFText_GetFontWeight{TextPage: r.tp, Index: s}); err == nil && w.FontWeight > 0 {
		weight = w.FontWeight
	}
	for i := s; i < e; i++ {
		cs[i].Size, cs[i].Weight = size, weight
	}
	if !exact && e-s >= 3 && simpleWord(cs[s:e]) {
		first, last := r.box(s), r.box(e-1)
		step := (last.Left - first.Right) / float64(e-s-2)
		overlap := min(first.Top, last.Top) - max(first.Bottom, last.Bottom)
		if !first.Empty() && !last.Empty() && step > 0 && overlap > 0.5*(first.Top-first.Bottom) {
			cs[s].Box, cs[e-1].Box = first, last
			for i := s + 1; i < e-1; i++ {
				x := first.Right + step*float64(i-s-1)
				cs[i].Box = Rect{Left: x, Bottom: first.Bottom, Right: x + step, Top: first.Top}
			}
			return
		}
	}
	for i := s; i < e; i++ {
		cs[i].Box = r.box(i)
	}
}

// scale is how much the text and page matrices enlarge character i's
// font (its vertical scale): a document that sets its text in a font of
// size 1 and scales it with the text matrix (Tf 1, Tm 10.5 0 0 10.5) is
// read at 10.5 points, the size it prints at. 1 when unknown.
func (r textReader) scale(i int) float64 {
	m, err := r.d.inst.FPDFText_GetMatrix(&requests.FPDFText_GetMatrix{TextPage: r.tp, Index: i})
	if err != nil {
		return 1
	}
	k := math.Hypot(float64(m.Matrix.C), float64(m.Matrix.D))
	if k <= 0 || math.IsNaN(k) || math.IsInf(k, 0) {
		return 1
	}
	return k
}

// simpleWord is a word whose characters PDFium gives left to right, one
// glyph each: letters of left-to-right scripts, digits, ASCII punctuation.
func simpleWord(cs []Char) bool {
	for _, c := range cs {
		r := c.Rune
		switch {
		case r < 0x80 && r > ' ':
		case r >= 0x0590 && r <= 0x08FF, r >= 0xFB00:
			return false // right-to-left scripts, ligatures, presentation forms
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return true
}
