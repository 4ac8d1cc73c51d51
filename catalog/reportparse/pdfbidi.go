package reportparse

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/exhibit-app/exhibit/catalog/pdfengine"
)

// This file puts a fragment with right-to-left letters in logical order.
// PDFium's own order puts the letters of Arabic words right, but
// misplaces neutrals next to numbers ("،٢٠١٧" for "٢٠١٧،"), brackets
// around a Latin word, and combining marks drawn as glyphs of their own.
// So such a fragment is read again from its characters' places: left to
// right (visual order), each mark on the letter it is drawn over, then
// turned into logical order by a simplified inverse of the Unicode
// bidirectional algorithm (visualToLogical).

// placed is a character of a fragment with its box.
type placed struct {
	r    rune
	box  pdfengine.Rect
	size float64
	src  int // which of PDFium's characters it comes from
}

// rtlOrder reads a fragment's characters, given in PDFium's order, in
// logical order.
func rtlOrder(cs []placed) []rune {
	var marks []placed
	var base []int // indexes in cs
	for i, c := range cs {
		if unicode.Is(unicode.Mn, c.r) {
			marks = append(marks, c)
		} else {
			base = append(base, i)
		}
	}
	// Visual order: by the middle of the boxes; the letters of one box
	// (a ligature) reversed, as they will be reversed back.
	pos := func(i int) float64 { return (cs[i].box.Left + cs[i].box.Right) / 2 }
	sort.SliceStable(base, func(a, b int) bool {
		pa, pb := pos(base[a]), pos(base[b])
		if pa == pb && cs[base[a]].box == cs[base[b]].box {
			return base[a] > base[b]
		}
		return pa < pb
	})
	attached := make(map[int][]rune)
	for _, m := range marks {
		// A mark's ink lies before its origin (the left of its box),
		// over the glyph drawn just before it.
		x := m.box.Left - 0.05*max(m.size, 1)
		best, bestD := -1, math.Inf(1)
		for _, i := range base {
			b := cs[i].box
			if cs[i].r == ' ' || b.Empty() {
				continue
			}
			d := max(b.Left-x, x-b.Right, 0)
			if d < bestD {
				best, bestD = i, d
			}
		}
		if best >= 0 {
			attached[best] = append(attached[best], m.r)
		}
	}
	// A letter and its marks are put in visual order (marks first for a
	// right-to-left letter), so that reversing the line puts them back.
	var runes []rune
	var idx []int
	for _, i := range base {
		r := cs[i].r
		ms := attached[i]
		if bidiClass(r) == bidiR {
			for k := len(ms) - 1; k >= 0; k-- {
				runes, idx = append(runes, ms[k]), append(idx, -1)
			}
			runes, idx = append(runes, r), append(idx, i)
			continue
		}
		runes, idx = append(runes, r), append(idx, i)
		for _, m := range ms {
			runes, idx = append(runes, m), append(idx, -1)
		}
	}
	out, ix := visualToLogical(runes, idx, isRTLLine(runes))
	// A lam-alef ligature the font maps to both letters comes from PDFium
	// reversed: its letters share a box; lam comes first.
	for k := 1; k < len(out); k++ {
		a, b := ix[k-1], ix[k]
		if a >= 0 && b >= 0 && cs[a].box == cs[b].box && out[k] == 'ل' && strings.ContainsRune("اأإآ", out[k-1]) {
			out[k-1], out[k] = out[k], out[k-1]
		}
	}
	return balance(out)
}

// balance mends brackets PDFium left unmirrored in right-to-left text: an
// opening bracket that follows an unclosed one of its kind with no closing
// one after it closes it ("(Samsung(" is "(Samsung)").
func balance(rs []rune) []rune {
	for _, p := range [][2]rune{{'(', ')'}, {'[', ']'}, {'{', '}'}, {'«', '»'}} {
		open, close := 0, 0
		for _, r := range rs {
			switch r {
			case p[0]:
				open++
			case p[1]:
				close++
			}
		}
		if open == close {
			continue
		}
		depth := 0
		for i, r := range rs {
			switch {
			case r == p[0] && depth > 0 && open > close:
				rs[i] = p[1]
				open, close = open-1, close+1
				depth--
			case r == p[0]:
				depth++
			case r == p[1]:
				depth--
			}
		}
	}
	return rs
}

// bidi classes, simplified.
const (
	bidiN  = iota // neutral: spaces, punctuation, symbols
	bidiL         // left-to-right letters
	bidiR         // right-to-left letters
	bidiEN        // digits, and separators between digits ("17/10/2017")
	bidiAN        // a number inside right-to-left text
)

func bidiClass(r rune) int {
	switch {
	case r >= 0x0590 && unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko) && (unicode.IsLetter(r) || unicode.IsMark(r)):
		return bidiR
	case unicode.IsDigit(r):
		return bidiEN
	case unicode.IsLetter(r):
		return bidiL
	}
	return bidiN
}

// isRTLLine reports whether right-to-left letters outnumber the others.
func isRTLLine(runes []rune) bool {
	var l, r int
	for _, c := range runes {
		switch bidiClass(c) {
		case bidiL:
			l++
		case bidiR:
			r++
		}
	}
	return r > l
}

// visualToLogical turns a line read left to right (visual order) into the
// order it is read in (logical order): a simplified inverse of the Unicode
// bidirectional algorithm, enough for Arabic text with Latin words and
// numbers in it. Numbers (digits, with the separators between them, as in
// "17/10/2017") always read left to right.
//   - In a right-to-left line the whole line is reversed, except the runs
//     of Latin letters and numbers (with the spaces and punctuation between
//     them, as in "New York"), which keep their order.
//   - In a left-to-right line each run of right-to-left letters (with the
//     numbers and neutrals between them) is reversed, the numbers in it
//     keeping their order.
//
// Brackets are left as PDFium gives them: it mirrors those it reads in
// right-to-left text.
func visualToLogical(runes []rune, idx []int, rtl bool) ([]rune, []int) {
	n := len(runes)
	cls := make([]int, n)
	hasR := false
	for i, r := range runes {
		cls[i] = bidiClass(r)
		hasR = hasR || cls[i] == bidiR
	}
	if !hasR {
		return runes, idx
	}
	for i := 1; i+1 < n; i++ {
		if cls[i] == bidiN && cls[i-1] == bidiEN && cls[i+1] == bidiEN && strings.ContainsRune("/.,:-٫٬", runes[i]) {
			cls[i] = bidiEN
		}
	}
	res := make([]int, n)
	copy(res, cls)
	if !rtl {
		// A number between right-to-left letters belongs to them. next[i]
		// is the first class from i on that is neither neutral nor a
		// number (bidiN at the line's end); prev the last before i.
		next := make([]int, n+1)
		for i := n - 1; i >= 0; i-- {
			next[i] = next[i+1]
			if cls[i] != bidiN && cls[i] != bidiEN {
				next[i] = cls[i]
			}
		}
		prev := bidiN
		for i := 0; i < n; {
			if cls[i] != bidiEN {
				if cls[i] != bidiN {
					prev = cls[i]
				}
				i++
				continue
			}
			j := i
			for j < n && cls[j] == bidiEN {
				j++
			}
			left, right := prev, next[j]
			if (left == bidiR || right == bidiR) && left != bidiL && right != bidiL {
				for k := i; k < j; k++ {
					res[k] = bidiAN
				}
			}
			i = j
		}
	}
	// strong maps a resolved class to the side it pulls neutrals to.
	strong := func(c int) int {
		switch c {
		case bidiR, bidiAN:
			return bidiR
		case bidiL, bidiEN:
			return bidiL
		}
		return c
	}
	base := bidiL
	if rtl {
		base = bidiR
	}
	for i := 0; i < n; {
		if res[i] != bidiN {
			i++
			continue
		}
		j := i
		for j < n && res[j] == bidiN {
			j++
		}
		before, after := base, base
		if i > 0 {
			before = strong(res[i-1])
		}
		if j < n {
			after = strong(res[j])
		}
		c := base
		if before == after {
			c = before
		}
		for k := i; k < j; k++ {
			res[k] = c
		}
		i = j
	}
	out := append([]rune(nil), runes...)
	ix := append([]int(nil), idx...)
	if rtl {
		// Reverse the line, then restore the order inside left-to-right runs.
		rev(out, ix, res)
		keep := make([]int, n)
		for i, c := range res {
			keep[i] = strong(c)
		}
		reverseRuns(out, ix, keep, bidiL)
		return out, ix
	}
	for i := 0; i < n; {
		if strong(res[i]) != bidiR {
			i++
			continue
		}
		j := i
		for j < n && strong(res[j]) == bidiR {
			j++
		}
		seg, segIx, segCls := out[i:j], ix[i:j], append([]int(nil), res[i:j]...)
		rev(seg, segIx, segCls)
		reverseRuns(seg, segIx, segCls, bidiAN)
		i = j
	}
	return out, ix
}

// rev reverses rs, ix and cls together.
func rev(rs []rune, ix, cls []int) {
	for a, b := 0, len(rs)-1; a < b; a, b = a+1, b-1 {
		rs[a], rs[b] = rs[b], rs[a]
		ix[a], ix[b] = ix[b], ix[a]
		cls[a], cls[b] = cls[b], cls[a]
	}
}

// reverseRuns reverses in place (rs with ix) every maximal run of class c.
func reverseRuns(rs []rune, ix, cls []int, c int) {
	for i := 0; i < len(rs); {
		if cls[i] != c {
			i++
			continue
		}
		j := i
		for j < len(rs) && cls[j] == c {
			j++
		}
		for a, b := i, j-1; a < b; a, b = a+1, b-1 {
			rs[a], rs[b] = rs[b], rs[a]
			ix[a], ix[b] = ix[b], ix[a]
		}
		i = j
	}
}

// mirror are the brackets a right-to-left run draws mirrored (the tests
// draw right-to-left text with them).
var mirror = map[rune]rune{'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«'}
