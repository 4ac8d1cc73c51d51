package pdfengine

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Match is where a piece of text stands on a page.
type Match struct {
	// Found is set when the text, or a part of it (Partial), was found.
	Found bool
	// Partial is set when only the start or the end of the text is on
	// the page (a paragraph that runs over from the page before, or on
	// to the next).
	Partial bool
	// First and Last are the indexes in the page's Chars of the first and
	// last character matched.
	First, Last int
	// Boxes are the words matched, one box each, in reading order.
	Boxes []Rect
}

// Part says which part of a text Locate may find on a page.
type Part int

const (
	// Whole: the whole text, or nothing.
	Whole Part = iota
	// Start: the whole text, else its longest start found (a paragraph
	// that runs on to the next page).
	Start
	// End: the whole text, else its longest end found (a paragraph that
	// runs over from the page before).
	End
)

// minPartial is the fewest characters (spaces and hyphens aside) a part
// of a text must have to be taken as found.
const minPartial = 12

// Locate finds text among a page's characters. Both are compared
// normalised: spaces and line breaks ignored, hyphens and dashes ignored
// (a word hyphenated across lines matches it whole), ligatures and other
// compatibility forms expanded (NFKC: "ﬁ" is "fi"), case folded, curly
// quotes made straight. With part Start or End, when the whole text is not
// there, the longest start (or end) of it that is, of at least minPartial
// characters, is found (Partial).
func Locate(t *PageText, text string, part Part) Match {
	page, owner := pageKey(t.Chars)
	q := key(text)
	if q == "" {
		return Match{}
	}
	if i := strings.Index(page, q); i >= 0 {
		return t.match(owner[i], owner[i+len(q)-1], false)
	}
	qr := []rune(q)
	switch part {
	case Start:
		// The longest start found (a start found means every shorter one
		// is); its last occurrence, as it ends the page.
		n := longest(len(qr), func(n int) bool { return strings.Contains(page, string(qr[:n])) })
		if n < minPartial {
			return Match{}
		}
		s := string(qr[:n])
		i := strings.LastIndex(page, s)
		return t.match(owner[i], owner[i+len(s)-1], true)
	case End:
		n := longest(len(qr), func(n int) bool { return strings.Contains(page, string(qr[len(qr)-n:])) })
		if n < minPartial {
			return Match{}
		}
		s := string(qr[len(qr)-n:])
		i := strings.Index(page, s)
		return t.match(owner[i], owner[i+len(s)-1], true)
	}
	return Match{}
}

// longest is the largest n in [0, max] with ok(n), ok being true up to
// some n and false after.
func longest(most int, ok func(int) bool) int {
	lo, hi := 0, most
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if ok(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// match is the Match of Chars[first..last], with a box per word. A
// hyphen that ends the last word (ignored when comparing) is taken in.
func (t *PageText) match(first, last int, partial bool) Match {
	for last+1 < len(t.Chars) && isHyphen(t.Chars[last+1].Rune) {
		last++
	}
	m := Match{Found: true, Partial: partial, First: first, Last: last}
	var cur Rect
	flush := func() {
		if !cur.Empty() {
			m.Boxes = append(m.Boxes, cur)
		}
		cur = Rect{}
	}
	for _, c := range t.Chars[first : last+1] {
		if unicode.IsSpace(c.Rune) || (c.Rune < ' ' && !isHyphen(c.Rune)) || c.Box.Empty() {
			flush()
			continue
		}
		if !cur.Empty() && !sameLine(cur, c.Box) {
			flush()
		}
		cur = cur.Union(c.Box)
	}
	flush()
	return m
}

// sameLine says whether box b continues a word in box w: they overlap
// by at least half the height of the shorter.
func sameLine(w, b Rect) bool {
	overlap := min(w.Top, b.Top) - max(w.Bottom, b.Bottom)
	return overlap >= 0.5*min(w.Top-w.Bottom, b.Top-b.Bottom) && b.Left >= w.Left-0.5*(b.Top-b.Bottom)
}

// pageKey is the normalised text of chars, and for each of its bytes the
// index of the character it comes from.
func pageKey(chars []Char) (string, []int) {
	var b strings.Builder
	var owner []int
	for i, c := range chars {
		k := keyRune(c.Rune)
		b.WriteString(k)
		for range len(k) {
			owner = append(owner, i)
		}
	}
	return b.String(), owner
}

// key is text normalised as Locate compares it.
func key(text string) string {
	var b strings.Builder
	for _, r := range text {
		b.WriteString(keyRune(r))
	}
	return b.String()
}

// isHyphen is a hyphen or a dash, soft hyphens and PDFium's mark of a
// hyphen that ends a line (U+0002) included.
func isHyphen(r rune) bool {
	return r == '-' || r == 0xAD || r == 0x02 || unicode.Is(unicode.Pd, r)
}

// keyRune is one character normalised: "" for what is ignored.
func keyRune(r rune) string {
	switch {
	case unicode.IsSpace(r), unicode.IsControl(r), r == 0xFFFE, r == 0xFFFF:
		// PDFium marks a hyphen that ends a line as U+0002.
		return ""
	case isHyphen(r):
		return ""
	case strings.ContainsRune("‘’‚‛′`", r):
		return "'"
	case strings.ContainsRune("“”„‟″«»", r):
		return `"`
	}
	s := norm.NFKC.String(string(r))
	var b strings.Builder
	for _, x := range s {
		if unicode.IsSpace(x) || x == '-' || unicode.Is(unicode.Pd, x) {
			continue
		}
		b.WriteRune(unicode.ToLower(x))
	}
	return b.String()
}
