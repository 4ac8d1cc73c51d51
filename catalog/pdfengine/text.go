package pdfengine

import (
	"fmt"
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
	// Size is the font size in points (FPDFText_GetFontSize); 0 for a
	// character PDFium made up. Size and Weight are read at the start of
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
			// PDFium makes up spaces and line breaks only.
			if c.Rune == ' ' || c.Rune == '\r' || c.Rune == '\n' {
				if g, err := d.inst.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: tp.TextPage, Index: i}); err == nil && g.IsGenerated {
					c.Generated = true
					out.Chars = append(out.Chars, c)
					continue
				}
			}
			b, err := d.inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp.TextPage, Index: i})
			if err == nil {
				c.Box = Rect{Left: float64(b.Rect.Left), Bottom: float64(b.Rect.Bottom), Right: float64(b.Rect.Right), Top: float64(b.Rect.Top)}
			}
			// The font is read at the start of each word, and taken to
			// last to its end.
			if k := len(out.Chars) - 1; k >= 0 && !out.Chars[k].Generated && !unicode.IsSpace(out.Chars[k].Rune) && out.Chars[k].Size > 0 {
				c.Size, c.Weight = out.Chars[k].Size, out.Chars[k].Weight
			} else {
				c.fontOf(d, tp.TextPage, i)
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

// fontOf fills in the size and weight of character i of tp.
func (c *Char) fontOf(d *Doc, tp references.FPDF_TEXTPAGE, i int) {
	if s, err := d.inst.FPDFText_GetFontSize(&requests.FPDFText_GetFontSize{TextPage: tp, Index: i}); err == nil {
		c.Size = s.FontSize
	}
	if w, err := d.inst.FPDFText_GetFontWeight(&requests.FPDFText_GetFontWeight{TextPage: tp, Index: i}); err == nil && w.FontWeight > 0 {
		c.Weight = w.FontWeight
	}
}
