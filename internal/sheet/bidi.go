package sheet

import "golang.org/x/text/unicode/bidi"

// This file puts a paragraph in display order by the Unicode bidirectional
// algorithm (UAX #9): golang.org/x/text/unicode/bidi resolves its levels;
// here, what that package leaves undone: a line's trailing whitespace back
// to the paragraph's level and the reordering of runs (rules L1–L2),
// brackets mirrored at odd levels, combining marks kept after their base
// character when a run is reversed.

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

// resolveBidi resolves the levels of the paragraph rs: golang.org/x/text's
// bidi resolves the paragraph (rules P2–P3, X1–X10, W1–W7, N0–N2, I1–I2)
// into runs of one direction, in logical order; a run's level follows from
// its direction and the paragraph's, a run of numbers without a
// left-to-right letter between two right-to-left runs of a left-to-right
// paragraph being at level 2 (I1).
func resolveBidi(rs []rune) bidiText {
	n := len(rs)
	t := bidiText{runes: rs, classes: make([]bidi.Class, n), levels: make([]uint8, n)}
	for i, r := range rs {
		t.classes[i] = classOf(r)
	}
	if isRTLText(string(rs)) {
		t.base = 1
	}
	for i := range t.levels {
		t.levels[i] = t.base
	}
	if !hasRTL(rs) {
		return t
	}
	runs, ok := bidiRuns(rs)
	if !ok {
		return t // x/text could not order it: shown in logical order
	}
	for k, r := range runs {
		lv := t.base
		switch {
		case r.rtl:
			lv = 1
		case t.base == 1:
			lv = 2
		case k > 0:
			// Numbers after right-to-left text are at level 2, the
			// neutrals after them at 0: one run of x/text's.
			if from, to, ok := numberSpan(t.classes[r.start:r.end]); ok {
				for i := r.start + from; i < r.start+to; i++ {
					t.levels[i] = 2
				}
				continue
			}
		}
		for i := r.start; i < r.end; i++ {
			t.levels[i] = lv
		}
	}
	return t
}

// bidiRun is a run of characters of one direction, [start, end) in rs.
type bidiRun struct {
	start, end int
	rtl        bool
}

// bidiRuns returns the runs of one direction of the paragraph rs, in
// logical order, as golang.org/x/text's bidi resolves them; false when it
// fails (it may panic on odd input: recovered).
func bidiRuns(rs []rune) (runs []bidiRun, ok bool) {
	defer func() {
		if recover() != nil {
			runs, ok = nil, false
		}
	}()
	var p bidi.Paragraph
	if _, err := p.SetString(string(rs)); err != nil {
		return nil, false
	}
	o, err := p.Order()
	if err != nil {
		return nil, false
	}
	pos := 0
	for i := 0; i < o.NumRuns(); i++ {
		r := o.Run(i)
		m := len([]rune(r.String()))
		runs = append(runs, bidiRun{start: pos, end: pos + m, rtl: r.Direction() == bidi.RightToLeft})
		pos += m
	}
	return runs, pos == len(rs)
}

// numberSpan returns the span [from, to) of a left-to-right run of these
// classes from its first number to its last, when the run has numbers and
// no left-to-right letter.
func numberSpan(cs []bidi.Class) (from, to int, ok bool) {
	from = -1
	for i, c := range cs {
		switch c {
		case bidi.L:
			return 0, 0, false
		case bidi.EN, bidi.AN:
			if from < 0 {
				from = i
			}
			to = i + 1
		}
	}
	return from, to, from >= 0
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
