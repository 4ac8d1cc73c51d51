package sheet

import (
	"strings"
	"unicode"

	"github.com/exhibit-app/exhibit/internal/glyphs"
)

// textLine is one wrapped line ready to draw: its characters in display
// order and the direction of its paragraph.
type textLine struct {
	text string
	rtl  bool // the paragraph is right to left: align it to the right
}

// cleanText turns tabs into spaces, drops carriage returns and other
// control characters, and splits the text into paragraphs at line breaks.
func cleanText(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t' || r == '\r' || r == '\u2028':
			return ' '
		case r == '\u2029':
			return '\n'
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	return strings.Split(s, "\n")
}

// breakAfter lists characters after which a word too long for its line is
// preferably broken.
const breakAfter = "/\\-_.,;:"

// wrapText wraps text into lines no wider than width, measuring each
// character with runeWidth. Paragraphs (separated by line breaks) start new
// lines; an empty paragraph gives an empty line. Words are kept whole when
// they fit on a line; a longer word (a file name, a hash) is broken, after
// one of breakAfter when possible. Chinese and Japanese break between
// characters (cjkBreak). Arabic is shaped and right-to-left text
// reordered for display.
func wrapText(text string, width float64, runeWidth func(rune) float64) []textLine {
	var out []textLine
	for _, p := range cleanText(text) {
		rs := shapeArabic([]rune(strings.TrimRight(p, " ")))
		bt := glyphs.ResolveBidi(rs)
		for _, span := range wrapRunes(rs, width, runeWidth) {
			out = append(out, textLine{text: string(bt.Visual(span[0], span[1])), rtl: bt.RTL()})
		}
	}
	return out
}

// wrapRunes returns the [start, end) spans of the lines of one paragraph,
// without the spaces at which they were broken. An empty paragraph gives
// one empty span.
func wrapRunes(rs []rune, width float64, runeWidth func(rune) float64) [][2]int {
	if len(rs) == 0 {
		return [][2]int{{0, 0}}
	}
	w := make([]float64, len(rs))
	for i, r := range rs {
		w[i] = runeWidth(r)
	}
	var spans [][2]int
	start := 0
	for start < len(rs) {
		// Skip the spaces that begin a continuation line.
		if len(spans) > 0 {
			for start < len(rs) && rs[start] == ' ' {
				start++
			}
			if start == len(rs) {
				break
			}
		}
		end, lastSpace := start, -1
		var lineW float64
		for end < len(rs) && lineW+w[end] <= width+1e-9 {
			if breakBefore(rs, start, end) {
				lastSpace = end
			}
			lineW += w[end]
			end++
		}
		switch {
		case end == len(rs):
			// The rest fits.
		case breakBefore(rs, start, end):
			// Broken exactly at a space, or between Chinese or Japanese
			// characters.
		case lastSpace > start:
			end = lastSpace
		default:
			end = breakWord(rs, start, end)
		}
		spans = append(spans, [2]int{start, trimSpaces(rs, start, end)})
		start = end
	}
	return spans
}

// Chinese and Japanese are written without spaces: a line may break
// between any two of their characters, but not before closing punctuation
// or small kana, nor after opening punctuation (the basic rules of
// kinsoku shori). Korean breaks at spaces.
const (
	noLineStart = "、。，．：；！？）」』】〕〉》”’・ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ〜…,.!?:;)]}%"
	noLineEnd   = "（「『【〔〈《“‘([{"
)

// isCJK reports whether r is a Chinese or Japanese character or CJK
// punctuation or a fullwidth form.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}

// cjkBreak reports whether a line may break between a and b because one
// of them is Chinese or Japanese.
func cjkBreak(a, b rune) bool {
	return (isCJK(a) || isCJK(b)) && a != ' ' && b != ' ' &&
		!strings.ContainsRune(noLineStart, b) && !strings.ContainsRune(noLineEnd, a)
}

// breakBefore reports whether the line that begins at start may break
// before rs[i]: at a space, or between Chinese or Japanese characters.
func breakBefore(rs []rune, start, i int) bool {
	return rs[i] == ' ' || i > start && cjkBreak(rs[i-1], rs[i])
}

// breakWord chooses where to break a word that does not fit: after the last
// of breakAfter before limit, else at limit (at least one character, and
// never between a character and its combining marks).
func breakWord(rs []rune, start, limit int) int {
	if limit <= start {
		limit = start + 1
	}
	for i := limit - 1; i > start+(limit-start)/3; i-- {
		if strings.ContainsRune(breakAfter, rs[i]) {
			return i + 1
		}
	}
	for limit > start+1 && limit < len(rs) && unicode.Is(unicode.Mn, rs[limit]) {
		limit--
	}
	for limit < len(rs) && unicode.Is(unicode.Mn, rs[limit]) {
		limit++
	}
	return limit
}

// trimSpaces returns end moved back over trailing spaces, not before start.
func trimSpaces(rs []rune, start, end int) int {
	for end > start && rs[end-1] == ' ' {
		end--
	}
	return end
}
