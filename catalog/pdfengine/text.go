package pdfengine

import (
	"fmt"

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
// (FPDFText_GetUnicode and FPDFText_GetLooseCharBox).
func (d *Doc) Text(page int) (*PageText, error) {
	out := &PageText{Page: page}
	err := d.do(page, func() error {
		p := requests.Page{ByIndex: &requests.PageByIndex{Document: d.doc, Index: page - 1}}
		tp, err := d.inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: p})
		if err != nil {
			return err
		}
		defer d.inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
		n, err := d.inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
		if err != nil {
			return err
		}
		if n.Count > maxChars {
			return fmt.Errorf("%w: %d characters on one page, over %d", ErrTooLarge, n.Count, maxChars)
		}
		out.Chars = make([]Char, 0, n.Count)
		for i := range n.Count {
			u, err := d.inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: i})
			if err != nil {
				return err
			}
			c := Char{Rune: rune(u.Unicode)}
			b, err := d.inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp.TextPage, Index: i})
			if err == nil {
				c.Box = Rect{Left: float64(b.Rect.Left), Bottom: float64(b.Rect.Bottom), Right: float64(b.Rect.Right), Top: float64(b.Rect.Top)}
			}
			out.Chars = append(out.Chars, c)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("text of page %d: %w", page, err)
	}
	return out, nil
}
