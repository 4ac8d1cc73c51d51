package glyphs

import "golang.org/x/text/unicode/bidi"

// This file puts a paragraph in display order by the Unicode bidirectional
// algorithm (UAX #9), for the lines this package draws and for the PDF
// sheets' text (package sheet): golang.org/x/text/unicode/bidi resolves
// its levels; here, what that package leaves undone (its Ordering gives
// runs of one direction in logical order, neither their levels nor their
// display order): numbers after right-to-left text raised to level 2, a
// line's trailing whitespace back to the paragraph's level and the
// reordering of runs (rules I1, L1–L2), brackets mirrored at odd levels,
// combining marks kept after their base character when a run is reversed.

// Bidi is a paragraph in logical order with its resolved levels.
type Bidi struct {
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

// IsRTL reports whether the first paragraph of s is right to left:
// whether its first character of a strong direction is (bidi classes R and
// AL: Hebrew, Arabic, Syriac, Thaana, N'Ko…), rules P2–P3.
func IsRTL(s string) bool {
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

// ResolveBidi resolves the levels of the paragraph rs: golang.org/x/text's
// bidi resolves the paragraph (rules P2–P3, X1–X10, W1–W7, N0–N2, I1–I2)
// into runs of one direction, in logical order; a run's level follows from
// its direction and the paragraph's, a run of numbers without a
// left-to-right letter between two right-to-left runs of a left-to-right
// paragraph being at level 2 (I1).
func ResolveBidi(rs []rune) *Bidi {
	n := len(rs)
	t := &Bidi{runes: rs, classes: make([]bidi.Class, n), levels: make([]uint8, n)}
	for i, r := range rs {
		t.classes[i] = classOf(r)
	}
	if IsRTL(string(rs)) {
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

// RTL reports whether the paragraph is right to left.
func (t *Bidi) RTL() bool { return t.base == 1 }

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

// lineLevels returns the levels of the characters from start to end
// (exclusive) as one line: trailing whitespace and separators back at the
// paragraph's level (rule L1).
func (t *Bidi) lineLevels(start, end int) []uint8 {
	levels := append([]uint8(nil), t.levels[start:end]...)
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
	return levels
}

// Visual returns the characters from start to end (exclusive) as one line
// in display order, left to right, applying rules L1 and L2 and mirroring
// brackets at odd levels.
func (t *Bidi) Visual(start, end int) []rune {
	rs := t.runes[start:end]
	if !hasRTL(rs) {
		return rs
	}
	levels := t.lineLevels(start, end)
	// Clusters: a base character and the marks after it move together.
	type cluster struct{ from, to int }
	var cl []cluster
	var lv []int
	for i := range rs {
		if i > 0 && t.classes[start+i] == bidi.NSM {
			cl[len(cl)-1].to = i + 1
			continue
		}
		cl = append(cl, cluster{i, i + 1})
		lv = append(lv, int(levels[i]))
	}
	out := make([]rune, 0, len(rs))
	for _, k := range visualOrder(lv) {
		c := cl[k]
		odd := lv[k]%2 == 1
		for i := c.from; i < c.to; i++ {
			r := rs[i]
			if odd {
				r = mirror(r)
			}
			out = append(out, r)
		}
	}
	return out
}

// visualOrder returns the indices of runs (or characters) of these levels
// in display order: from the highest level down to the lowest odd level,
// every maximal sequence at that level or higher is reversed (rule L2).
func visualOrder(levels []int) []int {
	order := make([]int, len(levels))
	if len(levels) == 0 {
		return order
	}
	hi, lo := levels[0], levels[0]
	for i, l := range levels {
		order[i] = i
		hi, lo = max(hi, l), min(lo, l)
	}
	for lvl := hi; lvl >= lo|1; lvl-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < lvl {
				i++
				continue
			}
			j := i
			for j < len(order) && levels[order[j]] >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
			i = j
		}
	}
	return order
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
