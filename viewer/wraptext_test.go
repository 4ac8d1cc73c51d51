package viewer

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestWrapText(t *testing.T) {
	test.NewTempApp(t)
	const size = 12
	w := func(s string) float32 { return fyne.MeasureText(s, size, fyne.TextStyle{}).Width }
	tests := []struct {
		name     string
		s        string
		width    float32
		maxLines int
		want     []string
	}{
		{"fits", "unexpected EOF", w("unexpected EOF"), 3, []string{"unexpected EOF"}},
		{"two lines", "decode thumbnail: unexpected EOF", w("decode thumbnail:"), 3, []string{"decode thumbnail:", "unexpected EOF"}},
		{"cut with an ellipsis", "one two three four", w("one two…"), 1, []string{"one two…"}},
		{"long word split", "abcdefghij", w("abcde"), 3, []string{"abcde", "fghij"}},
		{"empty", "", 100, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrapText(tt.s, tt.width, size, tt.maxLines)
			if !slices.Equal(got, tt.want) {
				t.Errorf("wrapText(%q) = %q, want %q", tt.s, got, tt.want)
			}
			for _, l := range got {
				if w(l) > tt.width {
					t.Errorf("line %q wider than %v", l, tt.width)
				}
			}
		})
	}
}
