package meta

import "testing"

// TestHEIFOrientation: irot and imir, alone and in both orders, give the
// EXIF orientation that turns the stored pixels upright the same way.
func TestHEIFOrientation(t *testing.T) {
	irot := func(a byte) box { return box{typ: "irot", body: []byte{a}} }
	imir := func(axis byte) box { return box{typ: "imir", body: []byte{axis}} }
	ispe := box{typ: "ispe", body: make([]byte, 12)}
	tests := []struct {
		name  string
		props []box
		want  int
	}{
		{"none", []box{ispe}, 1},
		{"irot 90° counter-clockwise", []box{ispe, irot(1)}, 8},
		{"irot 180°", []box{irot(2)}, 3},
		{"irot 270° counter-clockwise", []box{ispe, irot(3)}, 6},
		{"imir left-right", []box{imir(0)}, 2},
		{"imir top-bottom", []box{imir(1)}, 4},
		{"irot 90° then imir left-right", []box{irot(1), imir(0)}, 7},
		{"imir left-right then irot 90°", []box{imir(0), irot(1)}, 5},
		{"irot 180° then imir top-bottom", []box{irot(2), imir(1)}, 2},
	}
	for _, tc := range tests {
		idx := make([]int, len(tc.props))
		for i := range idx {
			idx[i] = i + 1
		}
		idx = append(idx, 0, 99) // out of range: ignored
		if got := heifOrientation(idx, tc.props); got != tc.want {
			t.Errorf("%s: orientation %d, want %d", tc.name, got, tc.want)
		}
	}
}
