package viewer

import (
	"image"
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
)

func TestZoomViewAsksForDetailRegions(t *testing.T) {
	// a tenth-size preview shown at fit at 1/12 of the original's pixels
	z, _, q := newTestZoomView(t, quadrants(120, 80), 100, 200.0/3)
	z.SetFullSize(1200, 800)
	type ask struct {
		r     Region
		scale float64
	}
	var asks []ask
	z.OnDetailRegion = func(r Region, scale float64) { asks = append(asks, ask{r, scale}) }
	waitFrame(t, z, q)
	if len(asks) != 0 {
		t.Fatalf("at fit the preview has enough pixels: asked %v", asks)
	}
	z.ZoomAt(1.5, fyne.NewPos(50, 33)) // 12.5 % of the original: the preview (10 %) is magnified
	if len(asks) != 1 {
		t.Fatalf("zoomed beyond the preview: requests %+v", asks)
	}
	vis := z.VisibleRegion()
	a := asks[0]
	if !a.r.Contains(vis) || a.r == vis || !FullRegion.Contains(a.r) {
		t.Errorf("asked %v for visible %v: want it with a margin, on the image", a.r, vis)
	}
	if !near(a.scale, 0.125) {
		t.Errorf("asked at scale %v, want 0.125 (device pixels per original pixel)", a.scale)
	}
	z.PanBy(-4, 3) // within the margin
	if len(asks) != 1 {
		t.Errorf("a short pan asked again: %v", asks[1:])
	}
	// a crop at that scale covering the region: nothing more is asked while
	// the view stays within it at that scale
	crop := image.NewRGBA(image.Rect(0, 0, int(a.r.Dx()*1200*a.scale+1), int(a.r.Dy()*800*a.scale+1)))
	z.SetDetail(crop, a.r)
	z.PanBy(3, -2)
	if len(asks) != 1 {
		t.Errorf("a pan over the detail asked again: %v", asks[1:])
	}
	z.ZoomAt(12, fyne.NewPos(50, 33)) // 100 %: the crop at 12.5 % is not enough
	if len(asks) != 2 || !near(asks[1].scale, 1) {
		t.Errorf("zoomed beyond the crop: asks %v, want a second at scale 1", asks)
	}
	z.Fit()
	if len(asks) != 2 {
		t.Error("fit needs no detail")
	}
}

// zoomedOnRed shows a red 60×40 preview of a 600×400 original, zoomed in
// 4 times (beyond the preview's pixels) in a 150×100 view, and returns
// the region shown.
func zoomedOnRed(t *testing.T) (*ZoomView, fyne.Window, *uiQueue, *image.RGBA, Region) {
	red := plain(60, 40, color.RGBA{200, 0, 0, 255})
	z, win, q := newTestZoomView(t, red, 150, 100)
	z.SetFullSize(600, 400)
	waitFrame(t, z, q)
	z.SetView(View{Zoom: 4, Center: catalog.Point{X: 0.5, Y: 0.5}})
	return z, win, q, red, z.VisibleRegion()
}

func TestZoomViewDrawsDetailOverPreview(t *testing.T) {
	z, win, q, red, vis := zoomedOnRed(t)
	// the detail covers the left half of what is shown
	r := Region{Min: vis.Min, Max: catalog.Point{X: (vis.Min.X + vis.Max.X) / 2, Y: vis.Max.Y}}
	orig := plain(600, 400, color.RGBA{0, 160, 0, 255})
	crop, exact := CropRegion(orig, r)
	z.SetDetail(crop, exact)
	q.WaitUntil(t, "detail frame", func() bool {
		return frameDone(z) && z.detail.pyr != nil && z.frameGeom.dgen == z.detail.gen
	})
	shot := win.Canvas().Capture()
	if got := shot.At(30, 50); !sameColor(got, color.RGBA{0, 160, 0, 255}) {
		t.Errorf("inside the detail: %v, want its green", got)
	}
	if got := shot.At(120, 50); !sameColor(got, color.RGBA{200, 0, 0, 255}) {
		t.Errorf("beside the detail: %v, want the preview's red", got)
	}
	if img, rr := z.Detail(); img != crop || rr != exact {
		t.Error("Detail returns what was set")
	}
	z.SetImage(red)
	if img, _ := z.Detail(); img != nil {
		t.Error("a new image drops the detail")
	}
}

func TestCropRegion(t *testing.T) {
	img := quadrants(100, 50)
	tests := []struct {
		name string
		r    Region
		px   image.Rectangle
	}{
		{"aligned", Region{Min: catalog.Point{X: 0.1, Y: 0.2}, Max: catalog.Point{X: 0.5, Y: 0.6}}, image.Rect(10, 10, 50, 30)},
		{"rounded outwards", Region{Min: catalog.Point{X: 0.105, Y: 0.21}, Max: catalog.Point{X: 0.495, Y: 0.59}}, image.Rect(10, 10, 50, 30)},
		{"clipped", Region{Min: catalog.Point{X: -0.2, Y: 0.5}, Max: catalog.Point{X: 0.3, Y: 1.4}}, image.Rect(0, 25, 30, 50)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			crop, exact := CropRegion(img, tt.r)
			if crop.Bounds() != tt.px {
				t.Errorf("crop %v, want %v", crop.Bounds(), tt.px)
			}
			if want := regionOfPixels(tt.px, 100, 50); exact != want {
				t.Errorf("region %v, want %v", exact, want)
			}
		})
	}
	if c, _ := CropRegion(img, Region{Min: catalog.Point{X: 2, Y: 2}, Max: catalog.Point{X: 3, Y: 3}}); c != nil {
		t.Error("a region off the image gives no crop")
	}
}

// TestZoomViewKeepsDetailWithItsRegion checks that while a new detail is
// being prepared, frames drawn meanwhile show the previous detail where it
// belongs, never stretched over the new detail's region.
func TestZoomViewKeepsDetailWithItsRegion(t *testing.T) {
	z, win, q, _, vis := zoomedOnRed(t)
	mid := (vis.Min.X + vis.Max.X) / 2
	left := Region{Min: vis.Min, Max: catalog.Point{X: mid, Y: vis.Max.Y}}
	right := Region{Min: catalog.Point{X: mid, Y: vis.Min.Y}, Max: vis.Max}
	green, _ := CropRegion(plain(600, 400, color.RGBA{0, 160, 0, 255}), left)
	z.SetDetail(green, left)
	q.WaitUntil(t, "green detail frame", func() bool {
		return frameDone(z) && z.detail.pyr != nil && z.frameGeom.dgen == z.detail.gen
	})
	// a blue detail for the right half: until its pixels are prepared,
	// a frame is drawn for a pan, with the green detail
	blue, _ := CropRegion(plain(600, 400, color.RGBA{0, 0, 200, 255}), right)
	z.SetDetail(blue, right)
	z.PanBy(0.5, 0)
	waitPosts := func(n int) {
		deadline := time.Now().Add(10 * time.Second)
		for {
			if q.Pending() >= n {
				return
			}
			if time.Now().After(deadline) {
				t.Fatal("timed out waiting for the frame and the detail's pixels")
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
	waitPosts(2) // the frame of the pan, and the blue detail prepared
	q.RunPending()
	shot := win.Canvas().Capture()
	if got := shot.At(120, 50); sameColor(got, color.RGBA{0, 160, 0, 255}) {
		t.Errorf("right half: %v: the green detail was drawn over the blue detail's region", got)
	}
	q.WaitUntil(t, "blue detail frame", func() bool {
		return frameDone(z) && z.frameGeom.dgen == z.detail.gen
	})
	shot = win.Canvas().Capture()
	if got := shot.At(120, 50); !sameColor(got, color.RGBA{0, 0, 200, 255}) {
		t.Errorf("right half once prepared: %v, want the blue detail", got)
	}
}
