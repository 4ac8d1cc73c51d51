package sheet

import (
	"image"
	"image/color"
	"math"
	"testing"
)

func TestReduce(t *testing.T) {
	// A 6×4 image whose left half is black and right half white, reduced
	// to 3×2 and to 2×1.
	src := image.NewRGBA(image.Rect(0, 0, 6, 4))
	for y := range 4 {
		for x := range 6 {
			v := uint8(0)
			if x >= 3 {
				v = 255
			}
			src.Set(x, y, color.RGBA{v, v, v, 255})
		}
	}
	tests := []struct {
		w, h int
		want []uint8 // red channel of each output pixel
	}{
		{6, 4, []uint8{0, 0, 0, 255, 255, 255, 0, 0, 0, 255, 255, 255, 0, 0, 0, 255, 255, 255, 0, 0, 0, 255, 255, 255}},
		{3, 2, []uint8{0, 128, 255, 0, 128, 255}},
		{2, 1, []uint8{0, 255}},
		{5, 1, []uint8{0, 0, 128, 255, 255}},
		{1, 1, []uint8{128}},
	}
	for _, tt := range tests {
		got := reduce(src, tt.w, tt.h)
		if got.Bounds().Dx() != tt.w || got.Bounds().Dy() != tt.h {
			t.Fatalf("reduce to %d×%d gave %v", tt.w, tt.h, got.Bounds())
		}
		for i, want := range tt.want {
			x, y := i%tt.w, i/tt.w
			if r := got.RGBAAt(x, y).R; int(r)-int(want) > 1 || int(want)-int(r) > 1 {
				t.Errorf("reduce to %d×%d: pixel (%d,%d) = %d, want %d", tt.w, tt.h, x, y, r, want)
			}
		}
	}
}

func TestReduceKeepsTheMeanOfEveryType(t *testing.T) {
	scene := streetScene(640, 480, true)
	sub := scene.SubImage(image.Rect(17, 9, 617, 459)) // origin not at (0,0)
	nrgba := image.NewNRGBA(scene.Bounds())
	gray := image.NewGray(scene.Bounds())
	for y := range 480 {
		for x := range 640 {
			nrgba.Set(x, y, scene.At(x, y))
			gray.Set(x, y, scene.At(x, y))
		}
	}
	for name, img := range map[string]image.Image{
		"rgba": scene, "sub-image": sub, "ycbcr": toYCbCr(scene), "nrgba": nrgba, "gray": gray,
		"paletted (generic path)": toPaletted(scene),
	} {
		t.Run(name, func(t *testing.T) {
			b := img.Bounds()
			want := meanGray(img)
			got := reduce(img, b.Dx()/7, b.Dy()/7)
			if m := meanGray(got); math.Abs(m-want) > 1.0 {
				t.Errorf("mean gray %v after reduction, %v before", m, want)
			}
		})
	}
}

func TestReduceCompositesTransparencyOnWhite(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 4, 4)) // fully transparent black
	got := reduce(src, 2, 2)
	if c := got.RGBAAt(1, 1); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("transparent pixel printed as %v, want white", c)
	}
	half := image.NewNRGBA(image.Rect(0, 0, 2, 2))
	for i := range 4 {
		half.Set(i%2, i/2, color.NRGBA{0, 0, 0, 128})
	}
	if c := reduce(half, 1, 1).RGBAAt(0, 0); c.R < 125 || c.R > 129 {
		t.Errorf("half-transparent black printed as %v, want mid gray", c)
	}
}

func TestSpansCoverEverything(t *testing.T) {
	for _, c := range [][2]int{{10, 3}, {4000, 817}, {7, 7}, {1000, 999}} {
		total := 0.0
		for _, sp := range spans(c[0], c[1]) {
			s := 0.0
			for _, w := range sp.weights {
				s += float64(w)
			}
			if math.Abs(s-1) > 1e-4 {
				t.Errorf("spans(%d,%d): weights add up to %v", c[0], c[1], s)
			}
			total += s
		}
		if math.Abs(total-float64(c[1])) > 1e-3 {
			t.Errorf("spans(%d,%d): total %v", c[0], c[1], total)
		}
	}
}

// meanGray is the mean of the red, green and blue channels of img.
func meanGray(img image.Image) float64 {
	b := img.Bounds()
	var sum float64
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			sum += float64(r+g+bl) / 3 / 257
		}
	}
	return sum / float64(b.Dx()*b.Dy())
}

// toPaletted converts img to a gray palette, a type without a fast path.
func toPaletted(img *image.RGBA) *image.Paletted {
	var pal color.Palette
	for i := range 256 {
		pal = append(pal, color.Gray{uint8(i)})
	}
	out := image.NewPaletted(img.Bounds(), pal)
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			out.Set(x, y, img.At(x, y))
		}
	}
	return out
}
