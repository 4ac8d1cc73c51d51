package reportparse

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// tatweel is the Arabic elongation character, a typographic filler.
const tatweel = '\u0640'

var folder = cases.Fold()

// Normalize folds text for hashing and matching: NFKC (so Arabic
// presentation forms and ligatures read as their letters, full-width
// digits as digits), case folded, diacritics removed, white space
// collapsed to single spaces and trimmed.
//
// Removing diacritics drops every combining mark after canonical
// decomposition: Latin accents (é → e), Arabic harakat and tashkeel
// (fatha, damma, kasra, sukun, shadda, tanwin, superscript alef) and the
// hamza and madda written on alef, waw and yeh (أ إ آ → ا, ؤ → و, ئ → ي),
// as Arabic search usually does. Tatweel (ـ) is removed, as are format
// characters (zero-width joiners, direction marks).
func Normalize(s string) string {
	s = norm.NFKC.String(s)
	s = folder.String(s)
	s = norm.NFD.String(s)
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || r == tatweel || unicode.Is(unicode.Cf, r):
			continue
		case unicode.IsSpace(r):
			space = sb.Len() > 0
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(r)
	}
	return norm.NFC.String(sb.String())
}

// TextHash is the hex SHA-256 of Normalize(s): a stable identity for an
// excerpt across re-imports of a corrected report, as long as the
// excerpt's own words did not change.
func TextHash(s string) string {
	sum := sha256.Sum256([]byte(Normalize(s)))
	return hex.EncodeToString(sum[:])
}
