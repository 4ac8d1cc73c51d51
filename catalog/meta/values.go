package meta

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/rwcarlsen/goexif/tiff"
)

// The accessors below check the value's format and index before asking
// goexif, whose accessors panic on an index out of range.

// intVal returns the i-th integer value of t.
func intVal(t *tiff.Tag, i int) (int64, bool) {
	if t == nil || t.Format() != tiff.IntVal || i < 0 || i >= int(t.Count) {
		return 0, false
	}
	v, err := t.Int64(i)
	return v, err == nil
}

// ratVal returns the i-th rational (or integer or float) value of t as a
// float; a zero denominator is reported as not ok.
func ratVal(t *tiff.Tag, i int) (float64, bool) {
	if t == nil || i < 0 || i >= int(t.Count) {
		return 0, false
	}
	switch t.Format() {
	case tiff.RatVal:
		n, d, err := t.Rat2(i)
		if err != nil || d == 0 {
			return 0, false
		}
		return float64(n) / float64(d), true
	case tiff.IntVal:
		v, err := t.Int64(i)
		return float64(v), err == nil
	case tiff.FloatVal:
		v, err := t.Float(i)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, false
		}
		return v, true
	}
	return 0, false
}

// strVal returns the text of an ASCII tag, or of a BYTE or UNDEFINED tag
// holding text, cut at the first NUL, trimmed of spaces and NULs and made
// valid UTF-8. ok is false when the tag is absent or holds no text.
func strVal(t *tiff.Tag) (string, bool) {
	if t == nil {
		return "", false
	}
	var s string
	switch {
	case t.Format() == tiff.StringVal:
		s, _ = t.StringVal()
	case t.Type == tiff.DTUndefined || t.Type == tiff.DTByte:
		s = string(t.Val)
		if i := strings.IndexByte(s, 0); i >= 0 {
			s = s[:i]
		}
	default:
		return "", false
	}
	return cleanText(s), true
}

// cleanText trims spaces and NULs and replaces invalid UTF-8.
func cleanText(s string) string {
	s = strings.Trim(s, " \x00\t\r\n")
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}
