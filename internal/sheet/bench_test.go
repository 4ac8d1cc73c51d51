package sheet

import (
	"io"
	"testing"
)

// BenchmarkWrite20Pairs writes 20 pair sheets, each with two 12 MP images
// (4000×3000, YCbCr as decoded from a camera JPEG), into one PDF.
func BenchmarkWrite20Pairs(b *testing.B) {
	before := toYCbCr(streetScene(4000, 3000, false))
	after := toYCbCr(streetScene(4000, 3000, true))
	var sheets []Sheet
	for range 20 {
		s := pairSheet(8, 6)
		s.Images[0].Image, s.Images[1].Image = before, after
		sheets = append(sheets, s)
	}
	opt := testOptions()
	for b.Loop() {
		if err := Write(io.Discard, sheets, opt); err != nil {
			b.Fatal(err)
		}
	}
}
