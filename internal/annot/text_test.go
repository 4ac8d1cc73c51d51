package annot

import (
	"math"
	"testing"
)

func TestFontsLoadAndMeasure(t *testing.T) {
	if err := loadFonts(); err != nil {
		t.Fatalf("embedded fonts: %v", err)
	}
	for _, bold := range []bool{false, true} {
		tf := face(bold)
		// Measurements scale linearly with the size.
		if a, b := tf.measure("Crater 14", 10), tf.measure("Crater 14", 100); math.Abs(b-10*a) > 1e-9 || a <= 0 {
			t.Errorf("bold=%v: measure 10 px %.4f, 100 px %.4f", bold, a, b)
		}
		// Kerning is applied: "To" is narrower than "T" and "o" apart.
		if to, sep := tf.measure("To", 100), tf.measure("T", 100)+tf.measure("o", 100); to >= sep-5 {
			t.Errorf("bold=%v: \"To\" is %.1f px, T + o %.1f px: no kerning", bold, to, sep)
		}
		if asc, desc := tf.metrics(100); asc < 80 || asc > 100 || desc < 15 || desc > 30 {
			t.Errorf("bold=%v: metrics at 100 px: ascent %.1f descent %.1f", bold, asc, desc)
		}
	}
}

func TestShapeArabic(t *testing.T) {
	tf := face(false)
	// "الرقة" (Raqqa): right to left, letters joined. The first letter in
	// logical order (alef) must be drawn rightmost, and joining makes the
	// word narrower than its isolated letters side by side.
	word := "الرقة"
	line := tf.shape(word)
	if len(line.glyphs) == 0 {
		t.Fatal("no glyphs")
	}
	isolated := 0.0
	for _, r := range word {
		isolated += tf.shape(string(r)).width
	}
	alef := tf.shape("ا").glyphs[0].gid
	last := line.glyphs[len(line.glyphs)-1]
	if last.gid != alef {
		t.Errorf("rightmost glyph is %d, want alef %d (right-to-left order)", last.gid, alef)
	}
	// Joined forms differ from isolated ones: at least one glyph of the
	// word is not the isolated form of its letter.
	iso := map[uint32]bool{}
	for _, r := range word {
		iso[uint32(tf.shape(string(r)).glyphs[0].gid)] = true
	}
	joined := 0
	for _, g := range line.glyphs {
		if !iso[uint32(g.gid)] {
			joined++
		}
	}
	if joined == 0 {
		t.Errorf("all glyphs are isolated forms: Arabic is not shaped (width %.3f em, isolated %.3f em)", line.width, isolated)
	}
	// Mixed line: Latin first, then Arabic; the Latin stays on the left.
	mixed := tf.shape("Raqqa الرقة")
	r := tf.shape("R").glyphs[0].gid
	if mixed.glyphs[0].gid != r {
		t.Errorf("first glyph of a Latin-first mixed line is %d, want R %d", mixed.glyphs[0].gid, r)
	}
	if mixed.glyphs[len(mixed.glyphs)-1].gid != alef {
		t.Error("in the mixed line the Arabic word is not right to left")
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
