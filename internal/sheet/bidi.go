package sheet

import "golang.org/x/text/unicode/bidi"

// This file resolves embedding levels and visual order by a simplified
// Unicode bidirectional algorithm (UAX #9): rules P2–P3, W1–W7, N1–N2,
// I1–I2 and L1–L2, with mirrored brackets at odd levels. Explicit
// embeddings, overrides and isolates are ignored (treated as boundary
// neutrals), and brackets are not paired (N0). Combining marks stay after
// their base character when a run is reversed.

// bidiText is a paragraph in logical order with its resolved levels.
type bidiText struct {
	runes   []rune
	classes []bidi.Class // original classes, for rule L1
	levels  []uint8
	base    uint8 // paragraph level: 0 left to right, 1 right to left
}

// classOf returns the bidi class of r, explicit formatting characters
// folded into BN.
func classOf(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	c := p.Class()
	if c >= bidi.Control {
		return bidi.BN
	}
	return c
}

// isStrongRTL reports whether c is a strong right-to-left class.
func isStrongRTL(c bidi.Class) bool { return c == bidi.R || c == bidi.AL }

// isRTLText reports whether the first paragraph of s is right to left:
// whether its first strong character is.
func isRTLText(s string) bool {
	for _, r := range s {
		switch classOf(r) {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}

// hasRTL reports whether rs holds a right-to-left or Arabic-number
// character, that is whether it needs the bidi algorithm at all.
func hasRTL(rs []rune) bool {
	for _, r := range rs {
		switch classOf(r) {
		case bidi.R, bidi.AL, bidi.AN:
			return true
		}
	}
	return false
}

// resolveBidi resolves the levels of the paragraph rs.
func resolveBidi(rs []rune) bidiText {
	n := len(rs)
	t := bidiText{runes: rs, classes: make([]bidi.Class, n), levels: make([]uint8, n)}
	for i, r := range rs {
		t.classes[i] = classOf(r)
	}
	// P2, P3: the first strong character sets the paragraph level.
	for _, c := range t.classes {
		if c == bidi.L {
			break
		}
		if isStrongRTL(c) {
			t.base = 1
			break
		}
	}
	if !hasRTL(rs) {
		return t // all levels 0 or, for a neutral RTL paragraph, irrelevant
	}
	sos := bidi.L
	if t.base == 1 {
		sos = bidi.R
	}
	ty := append([]bidi.Class(nil), t.classes...)

	// W1: marks (and boundary neutrals) take the type of what precedes.
	for i := range ty {
		if ty[i] == bidi.NSM || ty[i] == bidi.BN {
			if i == 0 {
				ty[i] = sos
			} else {
				ty[i] = ty[i-1]
			}
		}
	}
	// W2: European numbers after an Arabic letter are Arabic numbers.
	last := sos
	for i, c := range ty {
		switch c {
		case bidi.L, bidi.R, bidi.AL:
			last = c
		case bidi.EN:
			if last == bidi.AL {
				ty[i] = bidi.AN
			}
		}
	}
	// W3: Arabic letters are right to left.
	for i, c := range ty {
		if c == bidi.AL {
			ty[i] = bidi.R
		}
	}
	// W4: one separator between two numbers of the same kind joins them.
	for i := 1; i+1 < n; i++ {
		prev, next := ty[i-1], ty[i+1]
		switch {
		case ty[i] == bidi.ES && prev == bidi.EN && next == bidi.EN:
			ty[i] = bidi.EN
		case ty[i] == bidi.CS && prev == bidi.EN && next == bidi.EN:
			ty[i] = bidi.EN
		case ty[i] == bidi.CS && prev == bidi.AN && next == bidi.AN:
			ty[i] = bidi.AN
		}
	}
	// W5: terminators next to European numbers become European numbers.
	for i := 0; i < n; i++ {
		if ty[i] != bidi.ET {
			continue
		}
		j := i
		for j < n && ty[j] == bidi.ET {
			j++
		}
		if (i > 0 && ty[i-1] == bidi.EN) || (j < n && ty[j] == bidi.EN) {
			for k := i; k < j; k++ {
				ty[k] = bidi.EN
			}
		}
		i = j - 1
	}
	// W6: remaining separators and terminators are neutral.
	for i, c := range ty {
		if c == bidi.ES || c == bidi.ET || c == bidi.CS {
			ty[i] = bidi.ON
		}
	}
	// W7: European numbers in left-to-right context are left to right.
	last = sos
	for i, c := range ty {
		switch c {
		case bidi.L, bidi.R:
			last = c
		case bidi.EN:
			if last == bidi.L {
				ty[i] = bidi.L
			}
		}
	}
	// N1, N2: neutrals take the direction of their surroundings when both
	// sides agree, else the paragraph direction.
	strong := func(c bidi.Class) bidi.Class {
		if c == bidi.EN || c == bidi.AN {
			return bidi.R
		}
		return c
	}
	isNeutral := func(c bidi.Class) bool {
		return c == bidi.B || c == bidi.S || c == bidi.WS || c == bidi.ON
	}
	for i := 0; i < n; i++ {
		if !isNeutral(ty[i]) {
			continue
		}
		j := i
		for j < n && isNeutral(ty[j]) {
			j++
		}
		before, after := sos, sos
		if i > 0 {
			before = strong(ty[i-1])
		}
		if j < n {
			after = strong(ty[j])
		}
		dir := sos
		if before == after {
			dir = before
		}
		for k := i; k < j; k++ {
			ty[k] = dir
		}
		i = j - 1
	}
	// I1, I2: implicit levels.
	for i, c := range ty {
		lv := t.base
		if lv%2 == 0 {
			switch c {
			case bidi.R:
				lv++
			case bidi.AN, bidi.EN:
				lv += 2
			}
		} else if c == bidi.L || c == bidi.EN || c == bidi.AN {
			lv++
		}
		t.levels[i] = lv
	}
	return t
}

// visual returns the characters from start to end (exclusive) as one line
// in display order, left to right, applying rules L1 and L2 and mirroring
// brackets at odd levels.
func (t *bidiText) visual(start, end int) []rune {
	rs := t.runes[start:end]
	if !hasRTL(rs) {
		return rs
	}
	levels := append([]uint8(nil), t.levels[start:end]...)
	// L1: trailing whitespace and separators go back to the paragraph
	// level.
	for i := len(levels) - 1; i >= 0; i-- {
		c := t.classes[start+i]
		if c != bidi.WS && c != bidi.S && c != bidi.B && c != bidi.BN {
			break
		}
		levels[i] = t.base
	}
	for i := range levels {
		c := t.classes[start+i]
		if c == bidi.S || c == bidi.B {
			levels[i] = t.base
			for j := i - 1; j >= 0 && (t.classes[start+j] == bidi.WS || t.classes[start+j] == bidi.BN); j-- {
				levels[j] = t.base
			}
		}
	}
	// Clusters: a base character and the marks after it move together.
	type cluster struct{ from, to int }
	var cl []cluster
	for i := range rs {
		if i > 0 && t.classes[start+i] == bidi.NSM {
			cl[len(cl)-1].to = i + 1
			continue
		}
		cl = append(cl, cluster{i, i + 1})
	}
	lv := func(c cluster) uint8 { return levels[c.from] }
	var highest, lowest uint8 = 0, 255
	for _, c := range cl {
		l := lv(c)
		highest = max(highest, l)
		lowest = min(lowest, l)
	}
	lowestOdd := lowest | 1
	// L2: from the highest level down to the lowest odd level, reverse
	// every run at that level or higher.
	for level := highest; level >= lowestOdd; level-- {
		for i := 0; i < len(cl); i++ {
			if lv(cl[i]) < level {
				continue
			}
			j := i
			for j < len(cl) && lv(cl[j]) >= level {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				cl[a], cl[b] = cl[b], cl[a]
			}
			i = j
		}
	}
	out := make([]rune, 0, len(rs))
	for _, c := range cl {
		odd := lv(c)%2 == 1
		for k := c.from; k < c.to; k++ {
			r := rs[k]
			if odd {
				r = mirror(r)
			}
			out = append(out, r)
		}
	}
	return out
}

// mirrored pairs characters with their mirror images for right-to-left
// display.
var mirrored = map[rune]rune{
	'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{',
	'<': '>', '>': '<', '«': '»', '»': '«', '‹': '›', '›': '‹',
}

// mirror returns the mirror image of r, or r.
func mirror(r rune) rune {
	if m, ok := mirrored[r]; ok {
		return m
	}
	return r
}
