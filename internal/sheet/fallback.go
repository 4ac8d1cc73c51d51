package sheet

import (
	"fmt"
	"sync"

	"codeberg.org/go-pdf/fpdf"
	"github.com/exhibit-app/exhibit/assets"
	"golang.org/x/image/font/sfnt"
)

// Text is set in DejaVu Sans; the characters it lacks in a fallback font
// at the same size: Chinese and Japanese in Droid Sans Fallback
// (assets.FontCJK), Korean in NanumSquare (assets.FontKorean). Every
// string a sheet prints goes through drawText, which splits it into runs
// by font, and every width through runeWidth, which measures each
// character in the font it is drawn in, so wrapping and alignment hold for
// mixed text. A fallback is registered with a document only when a
// character needs it: sheets without CJK are unchanged and carry no other
// font. The fallbacks have no bold: bold text is thickened by outlining it.

// fallbackFont is a font for the characters the sheet font lacks.
type fallbackFont struct {
	family string // the name it is registered under
	data   func() []byte
}

// fallbacks are tried in order for a character the sheet font lacks.
var fallbacks = [...]fallbackFont{
	{"droidfallback", func() []byte { return assets.FontCJK }},
	{"nanumsquare", func() []byte { return assets.FontKorean }},
}

// fallbackBoldStroke is the width of the outline, per unit of font size,
// that thickens a fallback (which has no bold) in bold text.
const fallbackBoldStroke = 0.035

// coverage tells which characters a font has a glyph for.
type coverage struct {
	f   *sfnt.Font
	mu  sync.Mutex
	buf sfnt.Buffer
	has map[rune]bool
}

// covers reports whether the font maps r to a glyph.
func (c *coverage) covers(r rune) bool {
	if c == nil || c.f == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.has[r]
	if !ok {
		gi, err := c.f.GlyphIndex(&c.buf, r)
		h = err == nil && gi != 0
		c.has[r] = h
	}
	return h
}

var fontCoverage struct {
	once          sync.Once
	regular, bold *coverage
	fallbacks     []*coverage // as fallbacks
}

// loadCoverage parses the embedded fonts' character maps once. A font
// that cannot be parsed covers nothing (a fallback then is never used).
func loadCoverage() {
	fontCoverage.once.Do(func() {
		parse := func(b []byte) *coverage {
			f, err := sfnt.Parse(b)
			if err != nil {
				return nil
			}
			return &coverage{f: f, has: map[rune]bool{}}
		}
		fontCoverage.regular = parse(assets.FontRegular)
		fontCoverage.bold = parse(assets.FontBold)
		for _, fb := range fallbacks {
			fontCoverage.fallbacks = append(fontCoverage.fallbacks, parse(fb.data()))
		}
	})
}

// noFallback turns the fallbacks off, for tests to see what they prevent.
var noFallback bool

// fontFor returns the font r is drawn in: 0 for the sheet font (bold or
// not), else 1 + the index of the first fallback that has it; the sheet
// font when none has it.
func fontFor(r rune, bold bool) int {
	if r < 0x0250 || noFallback { // Latin, always in DejaVu: the common case, fast
		return 0
	}
	loadCoverage()
	main := fontCoverage.regular
	if bold {
		main = fontCoverage.bold
	}
	if main.covers(r) {
		return 0
	}
	for i, c := range fontCoverage.fallbacks {
		if c.covers(r) {
			return i + 1
		}
	}
	return 0
}

// useFallback registers fallback font i (1-based, as fontFor) with both
// documents the first time it is needed, and returns its family.
func (wr *writer) useFallback(i int) (string, error) {
	fb := fallbacks[i-1]
	if wr.registered[i-1] {
		return fb.family, nil
	}
	wr.registered[i-1] = true
	for _, d := range []*fpdf.Fpdf{wr.pdf, wr.meter} {
		d.AddUTF8FontFromBytes(fb.family, "", fb.data())
		if err := d.Error(); err != nil {
			return "", fmt.Errorf("load the fallback font %s: %w", fb.family, err)
		}
	}
	return fb.family, nil
}

// textRun is a part of a line set in one font (as fontFor).
type textRun struct {
	text string
	font int
}

// fontRuns splits s into runs by the font each character is drawn in.
func fontRuns(s string, bold bool) []textRun {
	var runs []textRun
	start, cur := 0, 0
	for i, r := range s {
		fb := fontFor(r, bold)
		if i > 0 && fb != cur {
			runs = append(runs, textRun{s[start:i], cur})
			start = i
		}
		cur = fb
	}
	if start < len(s) {
		runs = append(runs, textRun{s[start:], cur})
	}
	return runs
}

// drawText draws s (one line, in display order) with its baseline's left
// end at (x, y), in the sheet font of the given weight and size, the
// characters that font lacks in a fallback font of the same size, in the
// current text colour.
// It leaves the sheet font selected.
func (wr *writer) drawText(x, y float64, s string, bold bool, size float64) {
	runs := fontRuns(s, bold)
	if len(runs) == 0 || len(runs) == 1 && runs[0].font == 0 {
		wr.setFont(bold, size)
		wr.pdf.Text(x, y, s)
		return
	}
	rw := wr.runeWidth(bold, size)
	for _, r := range runs {
		if r.font != 0 {
			family, err := wr.useFallback(r.font)
			if err != nil {
				wr.pdf.SetError(err)
				return
			}
			wr.pdf.SetFont(family, "", size)
			if bold {
				wr.fakeBold(x, y, r.text, size)
			} else {
				wr.pdf.Text(x, y, r.text)
			}
		} else {
			wr.setFont(bold, size)
			wr.pdf.Text(x, y, r.text)
		}
		for _, c := range r.text {
			x += rw(c)
		}
	}
	wr.setFont(bold, size)
}

// fakeBold draws s filled and outlined in the text colour, the fallback
// having no bold.
func (wr *writer) fakeBold(x, y float64, s string, size float64) {
	f := wr.pdf
	dr, dg, db := f.GetDrawColor()
	lw := f.GetLineWidth()
	tr, tg, tb := f.GetTextColor()
	f.SetDrawColor(tr, tg, tb)
	f.SetLineWidth(fallbackBoldStroke * size * ptToMM)
	f.SetTextRenderingMode(2)
	f.Text(x, y, s)
	f.SetTextRenderingMode(0)
	f.SetLineWidth(lw)
	f.SetDrawColor(dr, dg, db)
}
