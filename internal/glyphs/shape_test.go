package glyphs

import (
	"math"
	"testing"
)

func TestFontsLoadAndMeasure(t *testing.T) {
	if err := Load(); err != nil {
		t.Fatalf("embedded fonts: %v", err)
	}
	for _, f := range []*Face{Regular(), Bold()} {
		// Measurements scale linearly with the size.
		if a, b := f.Measure("Crater 14", 10), f.Measure("Crater 14", 100); math.Abs(b-10*a) > 1e-9 || a <= 0 {
			t.Errorf("%s: measure 10 px %.4f, 100 px %.4f", f.Name(), a, b)
		}
		// Kerning is applied: "To" is narrower than "T" and "o" apart.
		if to, sep := f.Measure("To", 100), f.Measure("T", 100)+f.Measure("o", 100); to >= sep-5 {
			t.Errorf("%s: \"To\" is %.1f px, T + o %.1f px: no kerning", f.Name(), to, sep)
		}
		if asc, desc := f.Metrics(100); asc < 80 || asc > 100 || desc < 15 || desc > 30 {
			t.Errorf("%s: metrics at 100 px: ascent %.1f descent %.1f", f.Name(), asc, desc)
		}
	}
	if Regular().Name() != "DejaVuSans" || Bold().Name() != "DejaVuSans-Bold" {
		t.Errorf("faces %q, %q", Regular().Name(), Bold().Name())
	}
}

// first returns the first glyph of s.
func first(f *Face, s string) Glyph {
	g, _ := f.Shape(s)
	return g[0]
}

func TestShapeArabic(t *testing.T) {
	f := Regular()
	// "الرقة" (Raqqa): right to left, letters joined. The first letter in
	// logical order (alef) must be drawn rightmost, and joining makes the
	// word narrower than its isolated letters side by side.
	word := "الرقة"
	glyphs, width := f.Shape(word)
	if len(glyphs) == 0 {
		t.Fatal("no glyphs")
	}
	isolated := 0.0
	for _, r := range word {
		_, w := f.Shape(string(r))
		isolated += w
	}
	alef := first(f, "ا").ID
	if last := glyphs[len(glyphs)-1]; last.ID != alef {
		t.Errorf("rightmost glyph is %d, want alef %d (right-to-left order)", last.ID, alef)
	}
	// Joined forms differ from isolated ones: at least one glyph of the
	// word is not the isolated form of its letter.
	iso := map[uint32]bool{}
	for _, r := range word {
		iso[first(f, string(r)).ID] = true
	}
	joined := 0
	for _, g := range glyphs {
		if !iso[g.ID] {
			joined++
		}
	}
	if joined == 0 {
		t.Errorf("all glyphs are isolated forms: Arabic is not shaped (width %.3f em, isolated %.3f em)", width, isolated)
	}
	// Mixed line: Latin first, then Arabic; the Latin stays on the left.
	mixed, _ := f.Shape("Raqqa الرقة")
	if r := first(f, "R").ID; mixed[0].ID != r {
		t.Errorf("first glyph of a Latin-first mixed line is %d, want R %d", mixed[0].ID, r)
	}
	if mixed[len(mixed)-1].ID != alef {
		t.Error("in the mixed line the Arabic word is not right to left")
	}
	// Arabic first: the paragraph is right to left, the Latin on the left.
	rtl, _ := f.Shape("الرقة Raqqa")
	if rtl[len(rtl)-1].ID != alef || rtl[0].ID != first(f, "R").ID {
		t.Error("an Arabic-first mixed line is not laid out right to left")
	}
	// Glyphs go left to right.
	for i := 1; i < len(mixed); i++ {
		if mixed[i].X < mixed[i-1].X-1e-9 {
			t.Errorf("glyph %d at %.3f em, left of glyph %d at %.3f em", i, mixed[i].X, i-1, mixed[i-1].X)
		}
	}
}

func TestBaseDirection(t *testing.T) {
	tests := []struct {
		s   string
		rtl bool
	}{
		{"", false},
		{"Raqqa", false},
		{"الرقة", true},
		{"שלום", true},
		{"2017 الرقة", true},       // digits are not strong
		{"١٢ Raqqa", false},        // nor are Arabic-Indic ones
		{"«الرقة»", true},          // nor punctuation
		{"東京 الرقة", false},        // ideographs are left to right
		{"\u0651الرقة", true},      // a combining mark first
		{"\U0001E900 Adlam", true}, // Adlam, right to left
	}
	for _, tt := range tests {
		if got := IsRTL(tt.s); got != tt.rtl {
			t.Errorf("IsRTL(%q) = %v, want %v", tt.s, got, tt.rtl)
		}
	}
}

func TestVisualOrder(t *testing.T) {
	tests := []struct {
		levels []int
		want   []int
	}{
		{[]int{0}, []int{0}},
		{[]int{0, 1, 0}, []int{0, 1, 2}},
		{[]int{0, 1, 1, 0}, []int{0, 2, 1, 3}},
		{[]int{1, 2, 1}, []int{2, 1, 0}},
		{[]int{1, 2, 2, 1}, []int{3, 1, 2, 0}},
	}
	for _, tt := range tests {
		got := visualOrder(tt.levels)
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("visualOrder(%v) = %v, want %v", tt.levels, got, tt.want)
				break
			}
		}
	}
}

// A shaping bug, an odd string or a nil Face never panics.
func TestOddInput(t *testing.T) {
	var none *Face
	for _, s := range []string{"", "\x00\xff", "\u202e abc", "a\u0301\u0301\u0301", string(make([]byte, 300))} {
		for _, f := range []*Face{Regular(), Bold(), none} {
			f.Measure(s, 12)
			f.Outlines(s, 0, 0, 12)
			f.Mask(s, 0, 0, 12)
		}
	}
	if w := none.Measure("abcd", 10); w != 24 {
		t.Errorf("a nil face measures %v", w)
	}
	if asc, desc := none.Metrics(10); asc <= 0 || desc <= 0 {
		t.Errorf("a nil face's metrics %v %v", asc, desc)
	}
	if Regular().Outlines("abc", 0, 0, 0) != nil || Regular().Outlines("abc", 0, 0, math.NaN()) != nil {
		t.Error("outlines at no size")
	}
}
