package demo

import (
	"math"
	"testing"
)

// TestOrientation6Storage checks that the stored picture of an orientation
// 6 file, turned 90° clockwise as a viewer does, is the upright picture.
func TestOrientation6Storage(t *testing.T) {
	const w, h = 6, 4
	pix := make([]uint8, 3*w*h)
	for i := 0; i < w*h; i++ {
		v := uint8(10 * i)
		pix[3*i], pix[3*i+1], pix[3*i+2] = v, v, v
	}
	for _, o := range []int{1, 6} {
		im := toYCbCr(pix, w, h, o)
		sw, sh := im.Rect.Dx(), im.Rect.Dy()
		if o == 6 && (sw != h || sh != w) || o == 1 && (sw != w || sh != h) {
			t.Fatalf("orientation %d: stored %dx%d", o, sw, sh)
		}
		for uy := 0; uy < h; uy++ {
			for ux := 0; ux < w; ux++ {
				sx, sy := ux, uy
				if o == 6 {
					// Turning the stored picture clockwise puts stored
					// (sx, sy) at upright (sh-1-sy, sx).
					sx, sy = uy, w-1-ux
				}
				got := im.Y[sy*im.YStride+sx]
				if want := uint8(10 * (uy*w + ux)); got != want {
					t.Errorf("orientation %d: upright (%d,%d) shows %d, want %d", o, ux, uy, got, want)
				}
			}
		}
	}
}

func TestClipRect(t *testing.T) {
	tests := []struct {
		name string
		poly [][2]float64
		n    int // vertices after clipping, 0 for none
	}{
		{"inside", [][2]float64{{1, 1}, {5, 1}, {5, 5}}, 3},
		{"outside", [][2]float64{{-10, -10}, {-5, -10}, {-5, -5}}, 0},
		{"huge", [][2]float64{{-1e9, -1e9}, {1e9, -1e9}, {1e9, 1e9}, {-1e9, 1e9}}, 4},
		{"corner", [][2]float64{{-5, 5}, {5, -5}, {5, 5}}, 5},
	}
	for _, tc := range tests {
		got := clipRect(tc.poly, 0, 0, 10, 10)
		if len(got) != tc.n {
			t.Errorf("%s: %d vertices %v, want %d", tc.name, len(got), got, tc.n)
		}
		for _, p := range got {
			if p[0] < -1e-9 || p[0] > 10+1e-9 || p[1] < -1e-9 || p[1] > 10+1e-9 {
				t.Errorf("%s: vertex %v outside", tc.name, p)
			}
		}
	}
}

func TestFogAmount(t *testing.T) {
	for x := 0.0; x < 10; x += 0.05 {
		want := 1 - math.Exp(-x)
		if got := fogAmount(x); got < want-0.005 || got > want+0.005 {
			t.Errorf("fogAmount(%v) = %v, want %v", x, got, want)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		if _, _, err := Generate(b.TempDir()); err != nil {
			b.Fatal(err)
		}
	}
}
