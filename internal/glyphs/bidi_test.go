package glyphs

import (
	"slices"
	"testing"
)

func TestBidiVisual(t *testing.T) {
	// Hebrew letters are right to left and not shaped, which keeps the
	// expected strings readable.
	tests := []struct {
		name, in, want string
		rtl            bool
	}{
		{"left to right", "abc def", "abc def", false},
		{"right to left", "אבג", "גבא", true},
		{"rtl word in ltr text", "abc אבג def", "abc גבא def", false},
		{"ltr word in rtl text", "אבג abc", "abc גבא", true},
		{"numbers keep their order in rtl", "אבג 123 דהו", "והד 123 גבא", true},
		{"rtl run with number in ltr text", "abc אבג 123 דהו.", "abc והד 123 גבא.", false},
		{"brackets are mirrored", "אב (גד)", "(דג) בא", true},
		{"trailing space stays at the end", "abc אבג ", "abc גבא ", false},
		{"arabic number after arabic letter", "ب ١٢", "١٢ ب", true},
		{"number closing an rtl run, then a full stop", "abc אבג 12.", "abc 12 גבא.", false},
		{"a full stop after rtl text in ltr text", "abc אבג.", "abc גבא.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := []rune(tt.in)
			bt := ResolveBidi(rs)
			if got := string(bt.Visual(0, len(rs))); got != tt.want {
				t.Errorf("visual(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if bt.RTL() != tt.rtl {
				t.Errorf("%q: right to left %v, want %v", tt.in, bt.RTL(), tt.rtl)
			}
		})
	}
}

func TestBidiKeepsMarksAfterTheirBase(t *testing.T) {
	rs := []rune("אְב") // alef with a sheva, then bet
	bt := ResolveBidi(rs)
	got := bt.Visual(0, len(rs))
	if want := []rune("באְ"); !slices.Equal(got, want) {
		t.Errorf("visual = %U, want %U", got, want)
	}
}

// The lines drawn follow the same order: a number after right-to-left
// text in a left-to-right line stays left of it (I1), a trailing space
// stays at the end (L1).
func TestShapeFollowsTheBidiLevels(t *testing.T) {
	f := Regular()
	for _, tt := range []struct{ logical, visual string }{
		{"abc אבג 123 דהו.", "abc והד 123 גבא."},
		{"abc אבג 12.", "abc 12 גבא."},
		{"abc אבג ", "abc גבא "},
		{"אבג abc", "abc גבא"},
		{"אבג 123 דהו", "והד 123 גבא"},
	} {
		got, _ := f.Shape(tt.logical)
		// Hebrew is not shaped: the glyphs of the line, left to right,
		// are those of the visual string's characters one by one.
		want := []rune(tt.visual)
		if len(got) != len(want) {
			t.Errorf("%q: %d glyphs, want %d", tt.logical, len(got), len(want))
			continue
		}
		for i, r := range want {
			if id := first(f, string(r)).ID; got[i].ID != id {
				t.Errorf("%q: glyph %d is %d, want %d (%q, as %q)", tt.logical, i, got[i].ID, id, r, tt.visual)
				break
			}
		}
	}
}
