package annot

import (
	"github.com/exhibit-app/exhibit/internal/testkit"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// noise returns an opaque w×h image of random colours.
func noise(w, h int, seed uint64) *image.RGBA {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		if i%4 == 3 {
			m.Pix[i] = 255
		} else {
			m.Pix[i] = uint8(rng.IntN(256))
		}
	}
	return m
}

func uniform(w, h int, c color.RGBA) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// corpusDir finds shared/corpus by walking up from the working directory.
func corpusDir(t testing.TB) string {
	t.Helper()
	return testkit.CorpusDir(t)
}

// corpusJPEG decodes the first baseline JPEG of the corpus it can.
func corpusJPEG(t testing.TB) image.Image {
	root := corpusDir(t)
	var img image.Image
	_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || img != nil || d.IsDir() {
			return nil
		}
		if ext := filepath.Ext(path); ext != ".jpg" && ext != ".JPG" && ext != ".jpeg" {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return nil
		}
		defer f.Close()
		if m, err := jpeg.Decode(f); err == nil && m.Bounds().Dx() >= 64 {
			img = m
		}
		return nil
	})
	if img == nil {
		t.Skip("no decodable JPEG in the corpus")
	}
	return img
}

func assertAllBlack(t *testing.T, name string, m *image.RGBA) {
	t.Helper()
	for i := 0; i < len(m.Pix); i += 4 {
		if m.Pix[i] != 0 || m.Pix[i+1] != 0 || m.Pix[i+2] != 0 || m.Pix[i+3] != 255 {
			t.Fatalf("%s: pixel %d is %v, want opaque black", name, i/4, m.Pix[i:i+4])
		}
	}
}

func TestDifferenceOfItselfIsBlack(t *testing.T) {
	a := noise(257, 131, 1)
	assertAllBlack(t, "RGBA", Difference(a, a, 8))
	// A YCbCr image, as JPEGs decode, against a copy of itself.
	y := image.NewYCbCr(image.Rect(0, 0, 120, 80), image.YCbCrSubsampleRatio420)
	rng := rand.New(rand.NewPCG(9, 9))
	for _, p := range [][]uint8{y.Y, y.Cb, y.Cr} {
		for i := range p {
			p[i] = uint8(rng.IntN(256))
		}
	}
	y2 := *y
	y2.Y = append([]uint8(nil), y.Y...)
	assertAllBlack(t, "YCbCr", Difference(y, &y2, 4))
}

func TestDifferenceOfItselfIsBlackPhoto(t *testing.T) {
	img := corpusJPEG(t)
	d := Difference(img, img, 16)
	if d.Bounds().Size() != img.Bounds().Size() {
		t.Fatalf("size %v, want %v", d.Bounds().Size(), img.Bounds().Size())
	}
	assertAllBlack(t, "photo", d)
}

func TestDifferenceValues(t *testing.T) {
	a := uniform(4, 3, color.RGBA{100, 150, 200, 255})
	b := uniform(4, 3, color.RGBA{110, 140, 30, 255})
	d := Difference(a, b, 4)
	if got, want := d.RGBAAt(2, 1), (color.RGBA{40, 40, 255, 255}); got != want {
		t.Errorf("Difference×4 = %v, want %v (|10|·4, |10|·4, |170|·4 clamped)", got, want)
	}
	if got := Difference(a, b, 0).RGBAAt(0, 0); got != (color.RGBA{10, 10, 170, 255}) {
		t.Errorf("gain 0 is taken as 1: got %v", got)
	}
	// Where b has no pixel (it is smaller), the difference is transparent.
	small := uniform(2, 3, color.RGBA{100, 150, 200, 255})
	d = Difference(a, small, 1)
	if d.Bounds().Dx() != 4 || d.RGBAAt(1, 1) != (color.RGBA{0, 0, 0, 255}) || d.RGBAAt(3, 1).A != 0 {
		t.Errorf("Difference with a smaller b: %v %v", d.RGBAAt(1, 1), d.RGBAAt(3, 1))
	}
}

func TestBlendSwipe(t *testing.T) {
	a, b := noise(50, 20, 2), noise(50, 20, 3)
	if got := Blend(a, b, 0); !samePix(got, a) {
		t.Error("Blend(0) is not a")
	}
	if got := Blend(a, b, 1); !samePix(got, b) {
		t.Error("Blend(1) is not b")
	}
	if got := Blend(a, b, 7); !samePix(got, b) {
		t.Error("Blend(7) is not clamped to b")
	}
	half := Blend(a, b, 0.5)
	for i := range half.Pix {
		want := (int(a.Pix[i]) + int(b.Pix[i])) / 2
		if d := int(half.Pix[i]) - want; d < -1 || d > 1 {
			t.Fatalf("Blend(0.5) byte %d = %d, want about %d", i, half.Pix[i], want)
		}
	}
	for _, tt := range []struct {
		x     float64
		split int
	}{{0.5, 25}, {0, 0}, {1, 50}, {-1, 0}, {0.3, 15}, {0.32, 16}, {0.29, 14}} {
		s := Swipe(a, b, tt.x)
		for y := range 20 {
			for x := range 50 {
				src := b
				if x < tt.split {
					src = a
				}
				if s.RGBAAt(x, y) != src.RGBAAt(x, y) {
					t.Fatalf("Swipe(%g): pixel (%d,%d) not from %s", tt.x, x, y, map[bool]string{true: "a", false: "b"}[x < tt.split])
				}
			}
		}
	}
}

func samePix(a, b *image.RGBA) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for i := range a.Pix {
		if a.Pix[i] != b.Pix[i] {
			return false
		}
	}
	return true
}

func TestWarpIdentityAndShift(t *testing.T) {
	a := noise(40, 30, 4)
	got, err := Warp(a, Identity(), 40, 30)
	if err != nil {
		t.Fatal(err)
	}
	if !samePix(got, a) {
		t.Error("Warp by the identity changed the image")
	}
	// A shift by 10 px right: before = after + 0.25 in x.
	shift := Transform{Kind: KindAffine, M: [6]float64{1, 0, 0.25, 0, 1, 0}}
	got, err = Warp(a, shift, 40, 30)
	if err != nil {
		t.Fatal(err)
	}
	for y := range 30 {
		for x := range 40 {
			p := got.RGBAAt(x, y)
			if x < 10 {
				if p.A != 0 {
					t.Fatalf("(%d,%d) has no source but is %v, want transparent", x, y, p)
				}
			} else if p != a.RGBAAt(x-10, y) {
				t.Fatalf("(%d,%d) = %v, want after's (%d,%d) %v", x, y, p, x-10, y, a.RGBAAt(x-10, y))
			}
		}
	}
}

// TestWarpPutsFeatureInPlace warps an after image holding a marker through
// a rotation+scale+shear and finds the marker where the transform says.
func TestWarpPutsFeatureInPlace(t *testing.T) {
	const aw, ah, bw, bh = 400, 300, 500, 360
	after := uniform(aw, ah, color.RGBA{100, 100, 100, 255})
	mk := image.Rect(150, 100, 170, 116)
	for y := mk.Min.Y; y < mk.Max.Y; y++ {
		for x := mk.Min.X; x < mk.Max.X; x++ {
			after.SetRGBA(x, y, color.RGBA{255, 255, 255, 255})
		}
	}
	tr := knownTransform()
	got, err := Warp(after, tr, bw, bh)
	if err != nil {
		t.Fatal(err)
	}
	// Centroid of the bright pixels, weighted by brightness above grey.
	var sx, sy, sw float64
	for y := range bh {
		for x := range bw {
			if v := float64(got.RGBAAt(x, y).R) - 100; v > 0 && got.RGBAAt(x, y).A == 255 {
				sx += v * (float64(x) + 0.5)
				sy += v * (float64(y) + 0.5)
				sw += v
			}
		}
	}
	if sw == 0 {
		t.Fatal("the marker vanished")
	}
	c := tr.Apply(pt(float64(mk.Min.X+mk.Max.X)/2/aw, float64(mk.Min.Y+mk.Max.Y)/2/ah))
	if d := math.Hypot(sx/sw-c.X*bw, sy/sw-c.Y*bh); d > 0.75 {
		t.Errorf("marker centroid at (%.2f,%.2f), transform says (%.2f,%.2f): %.2f px off", sx/sw, sy/sw, c.X*bw, c.Y*bh, d)
	}
	// Corners of the before frame that the after image does not cover
	// are transparent; its centre is covered.
	inv, _ := tr.Invert()
	for _, p := range []catalog.Point{pt(0.001, 0.999), pt(0.999, 0.001), pt(0.5, 0.5)} {
		q := inv.Apply(p)
		covered := q.X >= 0 && q.X <= 1 && q.Y >= 0 && q.Y <= 1
		px := got.RGBAAt(int(p.X*bw), int(p.Y*bh))
		if covered != (px.A == 255) {
			t.Errorf("before %v (after %v): covered %v but alpha %d", p, q, covered, px.A)
		}
	}
}

func TestWarpErrors(t *testing.T) {
	a := noise(10, 10, 5)
	if _, err := Warp(a, Transform{Kind: KindAffine}, 10, 10); err == nil {
		t.Error("Warp through a singular transform: no error")
	}
	if _, err := Warp(a, Identity(), 0, 10); err == nil {
		t.Error("Warp to an empty size: no error")
	}
	if _, err := Warp(a, Identity(), 100000, 100000); err == nil {
		t.Error("Warp to 10¹⁰ pixels: no error")
	}
	if _, err := Warp(nil, Identity(), 10, 10); err == nil {
		t.Error("Warp of nil: no error")
	}
	if _, err := Warp(a, Transform{Kind: "geo", M: Identity().M}, 10, 10); err == nil {
		t.Error("Warp with an unknown kind: no error")
	}
}
