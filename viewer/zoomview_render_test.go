package viewer

import (
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
)

func TestZoomViewRendersGolden(t *testing.T) {
	z, win, q := newTestZoomView(t, quadrants(64, 48), 120, 120)
	tests := []struct {
		name   string
		view   View
		golden string
	}{
		{"fit", FitView, "zoomview/fit.png"},
		{"2x on the top left quarter", View{Zoom: 2, Center: catalog.Point{X: 0.3, Y: 0.3}}, "zoomview/zoom2.png"},
		{"pixels at 800 %", View{Zoom: 8 * 64 / 120.0, Center: catalog.Point{X: 0.5, Y: 0.5}}, "zoomview/pixels.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z.SetView(tt.view)
			waitFrame(t, z, q)
			assertImageClose(t, tt.golden, win.Canvas().Capture(), 2)
		})
	}
}

func TestZoomViewShowsRecordedPixels(t *testing.T) {
	// at 400 % every image pixel is a 4×4 block of exactly its colour
	img := quadrants(64, 48)
	z, win, q := newTestZoomView(t, img, 100, 80)
	z.SetView(View{Zoom: 4 / (100.0 / 64), Center: catalog.Point{X: 0.5, Y: 0.5}})
	waitFrame(t, z, q)
	shot := win.Canvas().Capture()
	for _, p := range []catalog.Point{{X: 0.45, Y: 0.45}, {X: 0.52, Y: 0.47}, {X: 0.5, Y: 0.55}} {
		at := z.ImageToWidget(p)
		want := img.At(int(p.X*64), int(p.Y*48))
		got := shot.At(int(at.X), int(at.Y))
		if !sameColor(got, want) {
			t.Errorf("image point %v shown at %v as %v, want %v", p, at, got, want)
		}
	}
}

func sameColor(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1>>8 == r2>>8 && g1>>8 == g2>>8 && b1>>8 == b2>>8 && a1>>8 == a2>>8
}

func TestPyramid(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 301, 200))
	for i := range img.Pix {
		img.Pix[i] = uint8(i % 251)
	}
	p, err := buildPyramid(img)
	if err != nil {
		t.Fatal(err)
	}
	wantSizes := []image.Point{{301, 200}, {151, 100}, {76, 50}}
	if len(p.levels) != len(wantSizes) {
		t.Fatalf("%d levels, want %d", len(p.levels), len(wantSizes))
	}
	for i, l := range p.levels {
		if l.Rect.Size() != wantSizes[i] {
			t.Errorf("level %d is %v, want %v", i, l.Rect.Size(), wantSizes[i])
		}
	}
	// a halved pixel is the rounded mean of its four sources
	l1 := p.levels[1]
	for _, pt := range []image.Point{{0, 0}, {37, 21}, {150, 99}} {
		for c := 0; c < 4; c++ {
			sum := 0
			for _, d := range []image.Point{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				x, y := min(2*pt.X+d.X, 300), min(2*pt.Y+d.Y, 199)
				sum += int(img.Pix[img.PixOffset(x, y)+c])
			}
			if got := int(l1.Pix[l1.PixOffset(pt.X, pt.Y)+c]); got != (sum+2)/4 {
				t.Errorf("level 1 %v channel %d = %d, want %d", pt, c, got, (sum+2)/4)
			}
		}
	}
	// outside the image the frame is transparent; inside it is opaque
	opaque := image.NewRGBA(image.Rect(0, 0, 40, 40))
	for i := range opaque.Pix {
		opaque.Pix[i] = 255
	}
	p, _ = buildPyramid(opaque)
	f := p.render(frameSpec{w: 20, h: 10, ox: 5, oy: 0, dw: 10, dh: 10}, nil)
	if f.RGBAAt(2, 5).A != 0 || f.RGBAAt(10, 5).A != 255 || f.RGBAAt(17, 5).A != 0 {
		t.Errorf("frame alpha left/inside/right = %d %d %d, want 0 255 0", f.RGBAAt(2, 5).A, f.RGBAAt(10, 5).A, f.RGBAAt(17, 5).A)
	}
}

func TestZoomViewFrameFollowsViewBeforeRendering(t *testing.T) {
	// between two frames the last one is moved with the view
	z, _, q := newTestZoomView(t, quadrants(400, 300), 200, 150)
	z.SetView(View{Zoom: 2, Center: catalog.Point{X: 0.5, Y: 0.5}})
	waitFrame(t, z, q)
	before := z.frame.Position()
	z.PanBy(-12, 7) // not drained: no new frame yet
	if got := z.frame.Position(); !nearPos(got, before.Add(fyne.NewPos(-12, 7))) {
		t.Errorf("frame at %v after pan, want %v", got, before.Add(fyne.NewPos(-12, 7)))
	}
	waitFrame(t, z, q)
	if got := z.frame.Position(); !nearPos(got, fyne.Position{}) {
		t.Errorf("new frame at %v, want at the origin", got)
	}
}

func TestZoomViewShowsNewImage(t *testing.T) {
	uniform := func(c color.RGBA) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, 40, 30))
		for i := 0; i < len(img.Pix); i += 4 {
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
		}
		return img
	}
	red, blue := color.RGBA{200, 0, 0, 255}, color.RGBA{0, 0, 200, 255}
	z, win, q := newTestZoomView(t, uniform(red), 80, 60)
	waitFrame(t, z, q)
	if got := win.Canvas().Capture().At(40, 30); !sameColor(got, red) {
		t.Fatalf("first image shown as %v", got)
	}
	z.SetImage(uniform(blue))
	waitFrame(t, z, q)
	if got := win.Canvas().Capture().At(40, 30); !sameColor(got, blue) {
		t.Errorf("second image shown as %v, want %v", got, blue)
	}
}
