package pdfengine

import (
	"errors"
	"testing"
)

func TestCountChars(t *testing.T) {
	d := open(t, makePDF(t, [][]line{{{72, 100, "Witness statement"}}, {}}, ""))
	tests := []struct {
		page, want int
	}{
		{1, len("Witness statement")},
		{2, 0}, // no text layer
	}
	for _, tt := range tests {
		n, err := d.CountChars(tt.page)
		if err != nil || n != tt.want {
			t.Errorf("page %d: %d characters, %v; want %d", tt.page, n, err, tt.want)
		}
	}
	var pe *PageRangeError
	if _, err := d.CountChars(3); !errors.As(err, &pe) {
		t.Errorf("page 3 of 2: error %v, want a PageRangeError", err)
	}
}
