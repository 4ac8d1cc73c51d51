package reportparse

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// line is one line of text on a PDF page.
type line struct {
	y      float64 // baseline
	x0, x1 float64 // left and right ends
	size   float64 // font size of most of its characters
	bold   bool    // most of its characters are bold
	rtl    bool    // right-to-left (Arabic, Hebrew) base direction
	text   string  // in logical order
}

// spaceGap is the gap between two characters, as a fraction of the font
// size, above which a space is read between them.
const spaceGap = 0.18

// buildLines groups a page's glyphs into lines, top to bottom.
//
// Glyphs whose baselines are within half a font size of each other are on
// the same line, read in order of x (visual order, whatever order the
// content stream drew them in). A gap wider than 0.18 of the font size is
// a space. A glyph drawn again at the same place (fake bold) is read once.
// Lines with right-to-left letters are then put in logical order (see
// visualToLogical). Columns side by side are read across, line by line,
// as pdftotext -layout does.
func buildLines(gs []glyph) []line {
	if len(gs) == 0 {
		return nil
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].y > gs[j].y })
	var out []line
	start := 0
	for i := 1; i <= len(gs); i++ {
		if i < len(gs) {
			tol := 0.5 * math.Max(math.Max(gs[start].size, gs[i].size), 1)
			if gs[start].y-gs[i].y < tol {
				continue
			}
		}
		if l, ok := makeLine(gs[start:i]); ok {
			out = append(out, l)
		}
		start = i
	}
	return out
}

func makeLine(gs []glyph) (line, bool) {
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].x < gs[j].x })
	gs = attachMarks(gs)
	var sb strings.Builder
	sizes := make(map[float64]int)
	var boldN, n int
	var ySum float64
	var prev *glyph
	x0, x1 := math.Inf(1), math.Inf(-1)
	for i := range gs {
		g := &gs[i]
		if prev != nil && g.s == prev.s && math.Abs(g.x-prev.x) < 0.1*g.size && math.Abs(g.y-prev.y) < 0.1*g.size {
			continue // overprinted for a bold effect
		}
		blank := strings.TrimSpace(g.s) == ""
		if prev != nil && !blank {
			gap := g.x - (prev.x + prev.w)
			if gap > spaceGap*math.Min(g.size, prev.size) {
				sb.WriteByte(' ')
			}
		}
		if blank {
			sb.WriteByte(' ')
		} else {
			t := g.s
			if r := []rune(t); len(r) > 1 && bidiClass(r[0]) == bidiR {
				// A ligature of right-to-left letters (lam-alef): its
				// letters are in logical order, and the line is about to
				// be reversed as a whole.
				for a, b := 0, len(r)-1; a < b; a, b = a+1, b-1 {
					r[a], r[b] = r[b], r[a]
				}
				t = string(r)
			}
			sb.WriteString(t)
			sizes[sizeKey(g.size)] += len(g.s)
			n++
			ySum += g.y
			if g.bold {
				boldN++
			}
			x0 = math.Min(x0, g.x)
			x1 = math.Max(x1, g.x+g.w)
		}
		prev = g
	}
	if n == 0 {
		return line{}, false
	}
	var size float64
	best := -1
	for k, c := range sizes {
		if c > best || c == best && k > size {
			size, best = k, c
		}
	}
	runes := []rune(collapse(sb.String()))
	rtl := isRTLLine(runes)
	text := string(visualToLogical(runes, rtl))
	return line{y: ySum / float64(n), x0: x0, x1: x1, size: size, bold: boldN*2 > n, rtl: rtl, text: text}, true
}

// maxSizeKey bounds font sizes as they are counted (no text is 4096 pt
// high), so that a crafted file cannot make the counts grow without end.
const maxSizeKey = 4096

// sizeKey is a font size as it is counted: to the half point, at most
// maxSizeKey.
func sizeKey(size float64) float64 { return math.Round(min(size, maxSizeKey)*2) / 2 }

// attachMarks moves each combining mark drawn as a glyph of its own (an
// Arabic shadda or fatha, a combining accent) onto the letter it is drawn
// over: the glyph whose advance contains the mark's centre, else the
// nearest. Sorting by position alone would put a mark on either side of
// its letter.
func attachMarks(gs []glyph) []glyph {
	isMarks := func(s string) bool {
		for _, r := range s {
			if !unicode.Is(unicode.Mn, r) {
				return false
			}
		}
		return s != ""
	}
	if !slices.ContainsFunc(gs, func(g glyph) bool { return isMarks(g.s) }) {
		return gs
	}
	var marks []glyph
	out := gs[:0:0]
	for _, g := range gs {
		if isMarks(g.s) {
			marks = append(marks, g)
		} else {
			out = append(out, g)
		}
	}
	if len(marks) == 0 || len(out) == 0 {
		return gs
	}
	// The glyphs a mark may go on, in order of x (as gs is), with, for
	// each prefix of them, the furthest right end of those with an
	// advance, and the glyph whose reach (its right end, less 0.01
	// without an advance) is furthest, the first of them: a mark needs
	// two binary searches, not a scan.
	reach := func(g glyph) float64 {
		if g.w == 0 {
			return g.x - 0.01
		}
		return g.x + g.w
	}
	var cand []int // indexes in out
	for i, g := range out {
		if strings.TrimSpace(g.s) != "" {
			cand = append(cand, i)
		}
	}
	maxEnd := make([]float64, len(cand))
	far := make([]int, len(cand)) // index in cand
	for j, i := range cand {
		maxEnd[j], far[j] = math.Inf(-1), j
		if out[i].w != 0 {
			maxEnd[j] = out[i].x + out[i].w
		}
		if j > 0 && maxEnd[j-1] > maxEnd[j] {
			maxEnd[j] = maxEnd[j-1]
		}
		if j > 0 && reach(out[cand[far[j-1]]]) >= reach(out[i]) {
			far[j] = far[j-1]
		}
	}
	for _, m := range marks {
		// The ink of a mark with no advance lies before its origin, over
		// the glyph drawn just before it.
		c := m.x + m.w/2
		if m.w <= 0.01*m.size {
			c = m.x - 0.05*m.size
		}
		// Glyphs from k on start after c; the first of those before it
		// whose advance reaches c is the one, else the nearest (the one
		// before it on a tie).
		k := sort.Search(len(cand), func(j int) bool { return out[cand[j]].x > c })
		best := -1
		if j := sort.Search(k, func(j int) bool { return maxEnd[j] >= c }); j < k {
			best = cand[j]
		} else {
			bestD := math.Inf(1)
			if k > 0 {
				best, bestD = cand[far[k-1]], c-reach(out[cand[far[k-1]]])
			}
			if k < len(cand) && out[cand[k]].x-c < bestD {
				best = cand[k]
			}
		}
		if best >= 0 {
			out[best].s += m.s
		}
	}
	return out
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
// Brackets in reversed text are mirrored: "(" drawn in right-to-left text
// is the glyph ")".
func visualToLogical(runes []rune, rtl bool) []rune {
	n := len(runes)
	cls := make([]int, n)
	hasR := false
	for i, r := range runes {
		cls[i] = bidiClass(r)
		hasR = hasR || cls[i] == bidiR
	}
	if !hasR {
		return runes
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
	if rtl {
		// Reverse the line, then restore the order inside left-to-right runs.
		rev(out, res)
		keep := make([]int, n)
		for i, c := range res {
			keep[i] = strong(c)
		}
		reverseRuns(out, keep, bidiL)
		mirrorRuns(out, keep, bidiR)
		return out
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
		seg, segCls := out[i:j], append([]int(nil), res[i:j]...)
		rev(seg, segCls)
		reverseRuns(seg, segCls, bidiAN)
		mirrorRuns(seg, segCls, bidiR)
		i = j
	}
	return out
}

// rev reverses rs and cls together.
func rev(rs []rune, cls []int) {
	for a, b := 0, len(rs)-1; a < b; a, b = a+1, b-1 {
		rs[a], rs[b] = rs[b], rs[a]
		cls[a], cls[b] = cls[b], cls[a]
	}
}

// reverseRuns reverses in place every maximal run of class c.
func reverseRuns(rs []rune, cls []int, c int) {
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
		}
		i = j
	}
}

var mirror = map[rune]rune{'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«'}

// mirrorRuns swaps mirrored brackets in runs of class c.
func mirrorRuns(rs []rune, cls []int, c int) {
	for i, r := range rs {
		if cls[i] == c {
			if m, ok := mirror[r]; ok {
				rs[i] = m
			}
		}
	}
}
