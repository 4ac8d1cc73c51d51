package sheet

import (
	"slices"
	"strings"
	"testing"
)

func TestShapeArabic(t *testing.T) {
	tests := []struct {
		name, in string
		want     []rune
	}{
		{"latin unchanged", "abc", []rune("abc")},
		{"initial medial final", "بيت", []rune{0xFE91, 0xFEF4, 0xFE96}},
		{"lam-alef after a joining letter", "سلام", []rune{0xFEB3, 0xFEFC, 0xFEE1}},
		{"isolated lam-alef", "لا", []rune{0xFEFB}},
		{"lam-alef with hamza", "لأ", []rune{0xFEF7}},
		{"right-joining letters break the chain", "دار", []rune{0xFEA9, 0xFE8D, 0xFEAD}},
		{"marks are transparent", "بَت", []rune{0xFE91, 0x064E, 0xFE96}},
		{"tatweel joins", "ـب", []rune{0x0640, 0xFE90}},
		{"space separates words", "ب ب", []rune{0xFE8F, ' ', 0xFE8F}},
		{"persian peh and gaf", "پگ", []rune{0xFB58, 0xFB93}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shapeArabic([]rune(tt.in))
			if !slices.Equal(got, tt.want) {
				t.Errorf("shapeArabic(%q) = %U, want %U", tt.in, got, tt.want)
			}
		})
	}
}

func TestWrapRunes(t *testing.T) {
	one := func(rune) float64 { return 1 }
	tests := []struct {
		name  string
		in    string
		width float64
		want  []string
	}{
		{"fits", "aaa bbb", 10, []string{"aaa bbb"}},
		{"breaks at a space", "aaa bbb ccc", 7, []string{"aaa bbb", "ccc"}},
		{"break exactly at the width", "aaa bbb", 3, []string{"aaa", "bbb"}},
		{"several spaces", "aaa    bbb", 5, []string{"aaa", "bbb"}},
		{"long word is broken", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"path breaks after a slash", "dir/sub/file.txt", 10, []string{"dir/sub/", "file.txt"}},
		{"empty paragraph", "", 10, []string{""}},
		{"narrower than a character", "ab", 0.5, []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := []rune(tt.in)
			var got []string
			for _, sp := range wrapRunes(rs, tt.width, one) {
				got = append(got, string(rs[sp[0]:sp[1]]))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("wrap(%q, %v) = %q, want %q", tt.in, tt.width, got, tt.want)
			}
		})
	}
}

func TestWrapTextParagraphsAndControls(t *testing.T) {
	one := func(rune) float64 { return 1 }
	got := wrapText("one\r\ntwo\tthree\x00\n\nfour", 100, one)
	var texts []string
	for _, l := range got {
		texts = append(texts, l.text)
	}
	want := []string{"one", "two three", "", "four"}
	if !slices.Equal(texts, want) {
		t.Errorf("wrapText = %q, want %q", texts, want)
	}
}

func TestWrapTextNeverLosesText(t *testing.T) {
	text := "A long line, with a-very-long-hyphenated-token and /a/deep/path/to/a/file_name_that_goes_on.jpeg; end."
	width := func(r rune) float64 { return 1 + float64(r%3)/2 }
	for _, w := range []float64{3, 7, 12, 25, 200} {
		var b strings.Builder
		for _, l := range wrapText(text, w, width) {
			var lw float64
			for _, r := range l.text {
				lw += width(r)
			}
			if lw > w+1e-9 && len([]rune(l.text)) > 1 {
				t.Errorf("width %v: line %q is %v wide", w, l.text, lw)
			}
			b.WriteString(l.text)
		}
		if strings.ReplaceAll(b.String(), " ", "") != strings.ReplaceAll(text, " ", "") {
			t.Errorf("width %v: lines %q do not hold the text", w, b.String())
		}
	}
}
