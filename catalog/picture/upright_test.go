package picture

import (
	"fmt"
	"image"
	"image/color"
	"testing"
)

// TestUprightPixels checks each orientation against the EXIF definition,
// written as where displayed pixel (x, y) comes from in the stored w×h image.
func TestUprightPixels(t *testing.T) {
	const w, h = 3, 2
	src := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			src.Set(x, y, color.NRGBA{uint8(x), uint8(y), 0, 255})
		}
	}
	tests := []struct {
		orientation int
		wide        bool                      // the result is w×h rather than h×w
		from        func(x, y int) (int, int) // stored pixel shown at (x, y)
	}{
		{0, true, func(x, y int) (int, int) { return x, y }},
		{1, true, func(x, y int) (int, int) { return x, y }},
		{2, true, func(x, y int) (int, int) { return w - 1 - x, y }},
		{3, true, func(x, y int) (int, int) { return w - 1 - x, h - 1 - y }},
		{4, true, func(x, y int) (int, int) { return x, h - 1 - y }},
		{5, false, func(x, y int) (int, int) { return y, x }},
		{6, false, func(x, y int) (int, int) { return y, h - 1 - x }},
		{7, false, func(x, y int) (int, int) { return w - 1 - y, h - 1 - x }},
		{8, false, func(x, y int) (int, int) { return w - 1 - y, x }},
		{9, true, func(x, y int) (int, int) { return x, y }},
		{-1, true, func(x, y int) (int, int) { return x, y }},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.orientation), func(t *testing.T) {
			got := Upright(src, tt.orientation)
			gw, gh := w, h
			if !tt.wide {
				gw, gh = h, w
			}
			if s := got.Bounds().Size(); s != image.Pt(gw, gh) {
				t.Fatalf("size %v, want %dx%d", s, gw, gh)
			}
			if uw, uh := UprightSize(w, h, tt.orientation); uw != gw || uh != gh {
				t.Errorf("UprightSize = %dx%d, want %dx%d", uw, uh, gw, gh)
			}
			b := got.Bounds()
			for y := range gh {
				for x := range gw {
					sx, sy := tt.from(x, y)
					r, g, _, _ := got.At(b.Min.X+x, b.Min.Y+y).RGBA()
					if int(r>>8) != sx || int(g>>8) != sy {
						t.Errorf("pixel (%d,%d) comes from (%d,%d), want (%d,%d)", x, y, r>>8, g>>8, sx, sy)
					}
				}
			}
		})
	}
}

// TestUprightCorpus turns the real landscape_N and portrait_N photos (one
// scene stored in the 8 EXIF orientations, with a digit and some tone
// differences) upright with every orientation: the file's own orientation
// must give by far the best match with _1, within tolerance.
func TestUprightCorpus(t *testing.T) {
	const long, tolerance, margin = 64, 20.0, 10.0
	for _, kind := range []string{"landscape", "portrait"} {
		ref, err := Thumbnail(readCorpus(t, "exif-samples/jpg/orientation/"+kind+"_1.jpg"), "jpeg", 1, long)
		if err != nil {
			t.Fatal(err)
		}
		if s := ref.Bounds().Size(); (s.X > s.Y) != (kind == "landscape") {
			t.Fatalf("%s_1 thumbnail is %v", kind, s)
		}
		for n := 1; n <= 8; n++ {
			name := fmt.Sprintf("%s_%d", kind, n)
			t.Run(name, func(t *testing.T) {
				data := readCorpus(t, "exif-samples/jpg/orientation/"+name+".jpg")
				var diffs [9]float64
				for o := 1; o <= 8; o++ {
					img, err := Thumbnail(data, "jpeg", o, long)
					if err != nil {
						t.Fatal(err)
					}
					diffs[o] = meanDiff(img, ref) // -1: not even the same size
				}
				if diffs[n] < 0 || diffs[n] > tolerance {
					t.Fatalf("turned by orientation %d, %s differs from %s_1 by %.1f (all: %.1f)", n, name, kind, diffs[n], diffs[1:])
				}
				for o := 1; o <= 8; o++ {
					if o != n && diffs[o] >= 0 && diffs[o] < diffs[n]+margin {
						t.Errorf("orientation %d matches %s_1 about as well as %d: %.1f vs %.1f", o, kind, n, diffs[o], diffs[n])
					}
				}
			})
		}
	}
}
