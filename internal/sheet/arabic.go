package sheet

// Arabic shaping: letters are replaced by their presentation forms
// (isolated, final, initial, medial) according to their neighbours, and lam
// followed by alef becomes one lam-alef ligature. The text stays in logical
// order; reordering for display is bidi's job.

// joining is the Unicode joining type of a character.
type joining uint8

const (
	joinNone        joining = iota // U: does not join
	joinRight                      // R: joins to the preceding letter only
	joinDual                       // D: joins on both sides
	joinCausing                    // C: tatweel, ZWJ
	joinTransparent                // T: marks, skipped when finding neighbours
)

// arabicForms lists isolated, final, initial and medial forms; 0 when the
// letter has no such form.
type arabicForms [4]rune

const (
	formIsolated = 0
	formFinal    = 1
	formInitial  = 2
	formMedial   = 3
)

// dual returns the four forms of a dual-joining letter starting at base.
func dual(base rune) arabicForms { return arabicForms{base, base + 1, base + 2, base + 3} }

// right returns the forms of a right-joining letter starting at base.
func right(base rune) arabicForms { return arabicForms{base, base + 1, 0, 0} }

var arabicLetters = map[rune]arabicForms{
	0x0621: {0xFE80, 0, 0, 0}, // hamza
	0x0622: right(0xFE81),     // alef with madda above
	0x0623: right(0xFE83),     // alef with hamza above
	0x0624: right(0xFE85),     // waw with hamza above
	0x0625: right(0xFE87),     // alef with hamza below
	0x0626: dual(0xFE89),      // yeh with hamza above
	0x0627: right(0xFE8D),     // alef
	0x0628: dual(0xFE8F),      // beh
	0x0629: right(0xFE93),     // teh marbuta
	0x062A: dual(0xFE95),      // teh
	0x062B: dual(0xFE99),      // theh
	0x062C: dual(0xFE9D),      // jeem
	0x062D: dual(0xFEA1),      // hah
	0x062E: dual(0xFEA5),      // khah
	0x062F: right(0xFEA9),     // dal
	0x0630: right(0xFEAB),     // thal
	0x0631: right(0xFEAD),     // reh
	0x0632: right(0xFEAF),     // zain
	0x0633: dual(0xFEB1),      // seen
	0x0634: dual(0xFEB5),      // sheen
	0x0635: dual(0xFEB9),      // sad
	0x0636: dual(0xFEBD),      // dad
	0x0637: dual(0xFEC1),      // tah
	0x0638: dual(0xFEC5),      // zah
	0x0639: dual(0xFEC9),      // ain
	0x063A: dual(0xFECD),      // ghain
	0x0641: dual(0xFED1),      // feh
	0x0642: dual(0xFED5),      // qaf
	0x0643: dual(0xFED9),      // kaf
	0x0644: dual(0xFEDD),      // lam
	0x0645: dual(0xFEE1),      // meem
	0x0646: dual(0xFEE5),      // noon
	0x0647: dual(0xFEE9),      // heh
	0x0648: right(0xFEED),     // waw
	0x0649: right(0xFEEF),     // alef maksura
	0x064A: dual(0xFEF1),      // yeh
	0x0671: right(0xFB50),     // alef wasla
	0x067E: dual(0xFB56),      // peh
	0x0686: dual(0xFB7A),      // tcheh
	0x0698: right(0xFB8A),     // jeh
	0x06A9: dual(0xFB8E),      // keheh
	0x06AF: dual(0xFB92),      // gaf
	0x06CC: dual(0xFBFC),      // farsi yeh
}

// lamAlef maps the alef that follows a lam to the isolated form of their
// ligature; the final form is the next code point.
var lamAlef = map[rune]rune{
	0x0622: 0xFEF5,
	0x0623: 0xFEF7,
	0x0625: 0xFEF9,
	0x0627: 0xFEFB,
}

const (
	arabicLam = 0x0644
	tatweel   = 0x0640
	zwj       = 0x200D
)

// joiningOf returns the joining type of r.
func joiningOf(r rune) joining {
	if f, ok := arabicLetters[r]; ok {
		if f[formInitial] != 0 {
			return joinDual
		}
		if f[formFinal] != 0 {
			return joinRight
		}
		return joinNone
	}
	switch {
	case r == tatweel || r == zwj:
		return joinCausing
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r >= 0x06D6 && r <= 0x06DC,
		r >= 0x06DF && r <= 0x06E4, r == 0x06E7, r == 0x06E8, r >= 0x06EA && r <= 0x06ED:
		return joinTransparent
	}
	return joinNone
}

// joinsLeft reports whether a character of type j connects to the letter
// after it (on its left, in Arabic).
func joinsLeft(j joining) bool { return j == joinDual || j == joinCausing }

// joinsRight reports whether a character of type j connects to the letter
// before it (on its right).
func joinsRight(j joining) bool { return j == joinDual || j == joinRight || j == joinCausing }

// hasArabic reports whether rs holds a letter that shaping changes.
func hasArabic(rs []rune) bool {
	for _, r := range rs {
		if _, ok := arabicLetters[r]; ok {
			return true
		}
	}
	return false
}

// shapeArabic returns rs with Arabic letters replaced by their contextual
// presentation forms and lam-alef pairs by their ligatures. Other text is
// returned unchanged.
func shapeArabic(rs []rune) []rune {
	if !hasArabic(rs) {
		return rs
	}
	types := make([]joining, len(rs))
	for i, r := range rs {
		types[i] = joiningOf(r)
	}
	// neighbour finds the nearest non-transparent character from i in
	// direction step, or -1.
	neighbour := func(i, step int) int {
		for j := i + step; j >= 0 && j < len(rs); j += step {
			if types[j] != joinTransparent {
				return j
			}
		}
		return -1
	}
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		forms, ok := arabicLetters[r]
		if !ok {
			out = append(out, r)
			continue
		}
		prev := neighbour(i, -1)
		next := neighbour(i, +1)
		toPrev := prev >= 0 && joinsLeft(types[prev]) && joinsRight(types[i])
		if r == arabicLam && next >= 0 {
			if lig, ok := lamAlef[rs[next]]; ok {
				if toPrev {
					lig++
				}
				out = append(out, lig)
				// Keep marks between lam and alef, drop the alef.
				out = append(out, rs[i+1:next]...)
				i = next
				continue
			}
		}
		toNext := next >= 0 && joinsLeft(types[i]) && joinsRight(types[next])
		form := formIsolated
		switch {
		case toPrev && toNext:
			form = formMedial
		case toPrev:
			form = formFinal
		case toNext:
			form = formInitial
		}
		if forms[form] == 0 {
			form = formIsolated
		}
		out = append(out, forms[form])
	}
	return out
}
