package reportparse

import (
	"strings"
	"unicode"

	"github.com/exhibit-app/exhibit/catalog/pdfengine"
)

// placed is a character of a fragment with its box.
type placed struct {
	r    rune
	box  pdfengine.Rect
	size float64
	src  int // which of PDFium's characters it comes from
}

// ligaturesInOrder undoes what PDFium's reordering of right-to-left text
// does to a ligature of several letters (lam-alef): they share one box
// and come reversed. Each run of right-to-left letters from characters
// of their own with one box is reversed back (a ligature this package
// expands, from one character, is in order).
func ligaturesInOrder(cs []placed) []rune {
	out := make([]rune, len(cs))
	for i := 0; i < len(cs); {
		j := i + 1
		for j < len(cs) && cs[j].box == cs[i].box && cs[j].src != cs[j-1].src && !cs[i].box.Empty() && isRTLLetter(cs[j].r) && isRTLLetter(cs[i].r) {
			j++
		}
		// PDFium gives its own decomposition of a presentation form in
		// order; a ligature the font maps to several letters, reversed.
		// Which it is shows in the letters: lam comes before alef.
		reversed := j-i == 2 && strings.ContainsRune("اأإآ", cs[i].r) && cs[i+1].r == 'ل'
		for k := i; k < j; k++ {
			if reversed {
				out[k] = cs[j-1-(k-i)].r
			} else {
				out[k] = cs[k].r
			}
		}
		i = j
	}
	return out
}

// isRTLLetter is a letter of a right-to-left script.
func isRTLLetter(r rune) bool {
	return r >= 0x0590 && unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko) && unicode.IsLetter(r)
}
