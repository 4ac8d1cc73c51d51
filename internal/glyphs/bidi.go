package glyphs

import (
	"math"

	"golang.org/x/text/unicode/bidi"
)

// A line's bidirectional layout (UAX #9). golang.org/x/text/unicode/bidi
// resolves it: the paragraph's direction here (rules P2–P3), its runs of
// one direction inside go-text's segmenter. What x/text leaves undone is
// done here: its Ordering gives the runs in logical order with their
// direction only, neither their embedding levels nor their display order,
// so a run's level follows from its direction and the paragraph's
// (runLevel), and runs are put in display order by rule L2 (visualOrder).

// baseRTL reports whether the paragraph rs is right to left: whether its
// first character of a strong direction is right to left (bidi classes R
// and AL: Hebrew, Arabic, Syriac, Thaana, N'Ko…), rules P2–P3.
func baseRTL(rs []rune) bool {
	for _, r := range rs {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}

// runLevel returns a run's embedding level: even for left-to-right runs,
// odd for right-to-left ones, above the paragraph's base level.
func runLevel(baseRTL, rtl bool) int {
	switch {
	case baseRTL && rtl:
		return 1
	case baseRTL:
		return 2
	case rtl:
		return 1
	}
	return 0
}

// visualOrder returns the indices of runs in visual order: from the
// highest level down to the lowest odd level, every maximal sequence of
// runs at that level or higher is reversed (rule L2).
func visualOrder(levels []int) []int {
	order := make([]int, len(levels))
	hi, loOdd := 0, math.MaxInt
	for i, l := range levels {
		order[i] = i
		hi = max(hi, l)
		if l%2 == 1 {
			loOdd = min(loOdd, l)
		}
	}
	for lvl := hi; lvl >= loOdd && lvl > 0; lvl-- {
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
