package glyphs

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"testing"
)

// TestCJKIsDrawn checks that Chinese, Japanese and Korean are drawn with
// the fallback fonts' glyphs, not DejaVu's missing-glyph box: every
// character gets a glyph, and no two are drawn alike.
func TestCJKIsDrawn(t *testing.T) {
	for _, f := range []*Face{Regular(), Bold()} {
		var drawn [][]byte
		for _, r := range "東京の橋カ桥损피해" {
			gs, _ := f.Shape(string(r))
			if len(gs) != 1 || gs[0].ID == 0 || gs[0].Font == f.Name() {
				t.Errorf("%s: %c shaped as %+v, want one glyph of a fallback font", f.Name(), r, gs)
				continue
			}
			if w := f.Measure(string(r), 100); w < 80 || w > 120 {
				t.Errorf("%s: %c is %.1f px wide at 100 px, want about an em", f.Name(), r, w)
			}
			img := image.NewRGBA(image.Rect(0, 0, 60, 60))
			f.Draw(img, string(r), 4, 48, 48, color.Black)
			for i, d := range drawn {
				if bytes.Equal(d, img.Pix) {
					t.Errorf("%s: %c is drawn like character %d", f.Name(), r, i+1)
				}
			}
			drawn = append(drawn, img.Pix)
		}
		// Mixed with Latin on one line: the Latin stays DejaVu's.
		gs, _ := f.Shape("Bridge 東京")
		if gs[0].Font != f.Name() || gs[len(gs)-1].Font != "DroidSansFallbackFull" {
			t.Errorf("%s: mixed line drawn in the wrong fonts: %+v", f.Name(), gs)
		}
		gs, _ = f.Shape("피해")
		if gs[0].Font != "NanumSquareR" {
			t.Errorf("%s: Korean drawn in %s", f.Name(), gs[0].Font)
		}
	}
}

// Draw fills the glyphs where they are: ink between the baseline and the
// ascent, from x to x plus the line's width, nothing elsewhere; the mask
// is what Draw composites.
func TestDraw(t *testing.T) {
	f := Regular()
	const size = 20
	img := image.NewRGBA(image.Rect(0, 0, 200, 40))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	f.Draw(img, "Hello, map", 10, 30, size, color.Black)
	w := f.Measure("Hello, map", size)
	asc, desc := f.Metrics(size)
	ink := image.Rectangle{}
	for y := range 40 {
		for x := range 200 {
			if img.RGBAAt(x, y).R < 0xFF {
				ink = ink.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if ink.Min.X < 10 || float64(ink.Max.X) > 10+w+1 || float64(ink.Min.Y) < 30-asc-1 || float64(ink.Max.Y) > 30+desc+1 {
		t.Errorf("ink in %v, want within x 10..%.0f, y %.0f..%.0f", ink, 10+w, 30-asc, 30+desc)
	}
	if ink.Dx() < int(w)-4 || ink.Dy() < 14 {
		t.Errorf("ink in %v: too little drawn", ink)
	}
	m := Regular().Mask("Hello, map", 10, 30, size)
	if !m.Rect.Eq(ink) {
		t.Errorf("mask covers %v, ink %v", m.Rect, ink)
	}
	// Clipped at the picture's edge, and nothing from a nil face.
	small := image.NewRGBA(image.Rect(0, 0, 20, 20))
	f.Draw(small, "Hello, map", -30, 15, size, color.Black)
	var none *Face
	none.Draw(small, "Hello", 0, 15, size, color.Black)
	if none.Mask("Hello", 0, 15, size) != nil {
		t.Error("a nil face has a mask")
	}
}

func BenchmarkDrawLabel(b *testing.B) {
	f := Regular()
	img := image.NewRGBA(image.Rect(0, 0, 300, 40))
	for b.Loop() {
		f.Draw(img, "IMG_0042-drone-before.jpg", 4, 28, 11, color.Black)
	}
}

// Faces are used from several goroutines at once (map tiles, exports).
func TestConcurrentDraw(t *testing.T) {
	done := make(chan bool)
	for i := range 4 {
		go func() {
			img := image.NewRGBA(image.Rect(0, 0, 120, 30))
			for j := range 20 {
				s := []string{"東京の橋.jpg", "피해.jpg", "الرقة.jpg", "IMG_0001.jpg"}[(i+j)%4]
				Regular().Draw(img, s, 2, 20, 12, color.Black)
				Bold().Measure(s+"!", 12)
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
}
