package viewer

import (
	"image"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// newTestZoomView shows img in a ZoomView filling an unpadded test window
// of w×h units.
func newTestZoomView(t *testing.T, img image.Image, w, h float32) (*ZoomView, fyne.Window, *uiQueue) {
	t.Helper()
	q := newQueuedApp(t)
	z := NewZoomView()
	z.SetImage(img)
	win := test.NewTempWindow(t, z)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	return z, win, q
}

// waitFrame waits until the view shows a frame rendered for its current
// view.
func waitFrame(t *testing.T, z *ZoomView, q *uiQueue) {
	t.Helper()
	q.WaitUntil(t, "frame", func() bool {
		return z.pyr != nil && z.frameValid && z.frameGeom.gen == z.imgGen && z.requestedFrame == (frameGeom{})
	})
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func nearPos(a, b fyne.Position) bool {
	return math.Abs(float64(a.X-b.X)) < 1e-3 && math.Abs(float64(a.Y-b.Y)) < 1e-3
}

func TestZoomViewFit(t *testing.T) {
	tests := []struct {
		name           string
		iw, ih         int
		wantPos        fyne.Position
		wantSize       fyne.Size
		wantPercent    float64
		wantActualZoom float64
	}{
		{"landscape", 400, 200, fyne.NewPos(0, 25), fyne.NewSize(100, 50), 25, 4},
		{"portrait", 200, 400, fyne.NewPos(25, 0), fyne.NewSize(50, 100), 25, 4},
		{"square", 50, 50, fyne.NewPos(0, 0), fyne.NewSize(100, 100), 200, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z, _, _ := newTestZoomView(t, image.NewRGBA(image.Rect(0, 0, tt.iw, tt.ih)), 100, 100)
			pos, size := z.ImageRect()
			if !nearPos(pos, tt.wantPos) || size != tt.wantSize {
				t.Errorf("ImageRect = %v %v, want %v %v", pos, size, tt.wantPos, tt.wantSize)
			}
			if got := z.ZoomPercent(); !near(got, tt.wantPercent) {
				t.Errorf("ZoomPercent = %v, want %v", got, tt.wantPercent)
			}
			z.Actual()
			if got := z.View().Zoom; !near(got, tt.wantActualZoom) {
				t.Errorf("Actual zoom = %v, want %v", got, tt.wantActualZoom)
			}
			if got := z.ZoomPercent(); !near(got, 100) {
				t.Errorf("ZoomPercent after Actual = %v, want 100", got)
			}
			// corners map to the image rectangle and back
			for _, p := range []catalog.Point{{X: 0, Y: 0}, {X: 1, Y: 1}, {X: 0.25, Y: 0.75}} {
				back := z.WidgetToImage(z.ImageToWidget(p))
				if !near(back.X, p.X) || !near(back.Y, p.Y) {
					t.Errorf("round trip of %v = %v", p, back)
				}
			}
		})
	}
}

func TestZoomViewZoomAroundCursorKeepsPoint(t *testing.T) {
	z, win, _ := newTestZoomView(t, image.NewRGBA(image.Rect(0, 0, 400, 300)), 200, 150)
	tests := []struct {
		name string
		at   fyne.Position
		act  func(at fyne.Position)
	}{
		{"ZoomAt", fyne.NewPos(50, 40), func(at fyne.Position) { z.ZoomAt(z.View().Zoom*3, at) }},
		{"wheel up", fyne.NewPos(150, 100), func(at fyne.Position) { z.Scrolled(wheel(at, 10)) }},
		{"wheel down", fyne.NewPos(120, 30), func(at fyne.Position) { z.Scrolled(wheel(at, -10)) }},
		{"double tap", fyne.NewPos(30, 120), func(at fyne.Position) {
			z.DoubleTapped(&fyne.PointEvent{Position: at})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if z.View().Zoom < 2 {
				z.ZoomAt(2, fyne.NewPos(100, 75)) // both axes larger than the widget
			}
			if tt.name == "double tap" {
				z.Fit()
			}
			before := z.WidgetToImage(tt.at)
			oldZoom := z.View().Zoom
			tt.act(tt.at)
			if z.View().Zoom == oldZoom {
				t.Fatalf("zoom did not change from %v", oldZoom)
			}
			after := z.WidgetToImage(tt.at)
			if !near(before.X, after.X) || !near(before.Y, after.Y) {
				t.Errorf("point under cursor moved from %v to %v", before, after)
			}
		})
	}
	// the wheel zooms in when scrolled up (a canvas scroll reaches the view)
	z.Fit()
	test.Scroll(win.Canvas(), fyne.NewPos(100, 75), 0, 25)
	if got := z.View().Zoom; !near(got, 1.25) {
		t.Errorf("one wheel notch up from fit: zoom %v, want 1.25", got)
	}
}

// wheel returns the event of a wheel turned by dy units at pos.
func wheel(pos fyne.Position, dy float32) *fyne.ScrollEvent {
	return &fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos}, Scrolled: fyne.NewDelta(0, dy)}
}

func TestZoomViewPanLimits(t *testing.T) {
	z, win, _ := newTestZoomView(t, image.NewRGBA(image.Rect(0, 0, 400, 200)), 100, 100)
	// at fit the image cannot move
	z.PanBy(30, 30)
	if v := z.View(); v != FitView {
		t.Errorf("pan at fit changed the view to %v", v)
	}
	// zoomed in, the image always covers the widget
	z.ZoomAt(4, fyne.NewPos(50, 50)) // 400×200 units
	tests := []struct {
		name    string
		dx, dy  float32
		wantPos fyne.Position
	}{
		{"far right and down", 5000, 5000, fyne.NewPos(0, 0)},
		{"far left and up", -5000, -5000, fyne.NewPos(-300, -100)},
		{"back a little", 20, 10, fyne.NewPos(-280, -90)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z.PanBy(tt.dx, tt.dy)
			pos, _ := z.ImageRect()
			if !nearPos(pos, tt.wantPos) {
				t.Errorf("image at %v, want %v", pos, tt.wantPos)
			}
		})
	}
	// dragging pans by the distance dragged
	before, _ := z.ImageRect()
	test.Drag(win.Canvas(), fyne.NewPos(50, 50), 30, 20)
	after, _ := z.ImageRect()
	if !nearPos(after, before.Add(fyne.NewPos(30, 20))) {
		t.Errorf("drag by (30,20) moved image from %v to %v", before, after)
	}
	// a tall image zoomed so that it is wider than the widget only
	// horizontally stays centred vertically
	z.SetImage(image.NewRGBA(image.Rect(0, 0, 100, 400)))
	z.SetView(View{Zoom: 3, Center: catalog.Point{X: 0.9, Y: 0.9}})
	pos, size := z.ImageRect()
	if size != fyne.NewSize(75, 300) || !nearPos(pos, fyne.NewPos(12.5, -200)) {
		t.Errorf("tall image at zoom 3: %v %v, want (12.5,-200) 75x300", pos, size)
	}
}

func TestZoomViewLinkedViews(t *testing.T) {
	newQueuedApp(t) // the views' frames wait in its queue
	a, b := NewZoomView(), NewZoomView()
	a.SetImage(image.NewRGBA(image.Rect(0, 0, 800, 600)))
	b.SetImage(image.NewRGBA(image.Rect(0, 0, 400, 300))) // same scene, half the pixels
	var aCalls, bCalls int
	a.OnViewChanged = func(v View) { aCalls++; b.SetView(v) }
	b.OnViewChanged = func(v View) { bCalls++; a.SetView(v) }
	wa := test.NewTempWindow(t, a)
	wb := test.NewTempWindow(t, b)
	for _, w := range []fyne.Window{wa, wb} {
		w.SetPadded(false)
		w.Resize(fyne.NewSize(160, 120))
	}
	steps := []struct {
		name string
		do   func()
	}{
		{"wheel on a", func() { a.Scrolled(wheel(fyne.NewPos(40, 30), 25)) }},
		{"drag on b", func() { test.Drag(wb.Canvas(), fyne.NewPos(80, 60), -25, 15) }},
		{"key on a", func() { a.TypedRune('+') }},
		{"arrow on b", func() { b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) }},
		{"fit on a", func() { a.Fit() }},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			s.do()
			if a.View() != b.View() {
				t.Errorf("views differ: a %v, b %v", a.View(), b.View())
			}
			p := catalog.Point{X: 0.3, Y: 0.6}
			if !nearPos(a.ImageToWidget(p), b.ImageToWidget(p)) {
				t.Errorf("point %v at %v on a, %v on b", p, a.ImageToWidget(p), b.ImageToWidget(p))
			}
		})
	}
	if aCalls != 3 || bCalls != 2 {
		t.Errorf("OnViewChanged calls a %d, b %d; want 3 and 2 (no echo)", aCalls, bCalls)
	}
}

func TestZoomViewKeyboard(t *testing.T) {
	z, win, _ := newTestZoomView(t, image.NewRGBA(image.Rect(0, 0, 1000, 1000)), 100, 100)
	z.MouseDown(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary})
	if !z.focused || win.Canvas().Focused() != fyne.Focusable(z) {
		t.Fatal("a press on the view did not give it the focus")
	}
	tests := []struct {
		name  string
		typed func()
		check func() bool
	}{
		{"+ zooms in a step", func() { test.Type(z, "+") }, func() bool { return near(z.View().Zoom, zoomStep) }},
		{"= zooms in too", func() { test.Type(z, "=") }, func() bool { return near(z.View().Zoom, zoomStep*zoomStep) }},
		{"- zooms out", func() { test.Type(z, "-") }, func() bool { return near(z.View().Zoom, zoomStep) }},
		{"1 is 100 %", func() { test.Type(z, "1") }, func() bool { return near(z.ZoomPercent(), 100) }},
		{"left arrow shows more of the left", func() { z.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) }, func() bool {
			return near(z.View().Center.X, 0.5-10.0/1000)
		}},
		{"down arrow shows more of the bottom", func() { z.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) }, func() bool {
			return near(z.View().Center.Y, 0.5+10.0/1000)
		}},
		{"0 fits", func() { test.Type(z, "0") }, func() bool { return z.View() == FitView }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.typed()
			if !tt.check() {
				t.Errorf("view now %v (%.1f %%)", z.View(), z.ZoomPercent())
			}
		})
	}
}

func TestZoomViewSetImageKeepsView(t *testing.T) {
	z, _, q := newTestZoomView(t, quadrants(300, 200), 150, 100)
	var detail int
	z.OnDetailWanted = func() { detail++ }
	z.SetFullSize(3000, 2000) // the image shown is a tenth-size preview
	waitFrame(t, z, q)
	if got := z.ZoomPercent(); !near(got, 5) {
		t.Errorf("preview at fit: %v %%, want 5 (of the original)", got)
	}
	z.SetView(View{Zoom: 1.5, Center: catalog.Point{X: 0.3, Y: 0.6}})
	if detail != 0 || z.NeedsDetail() {
		t.Errorf("at 7.5 %% of the original a tenth preview needs no detail (calls %d)", detail)
	}
	z.ZoomAt(3, fyne.NewPos(75, 50)) // 15 %: the preview's pixels magnified
	if detail != 1 || !z.NeedsDetail() {
		t.Errorf("at 15 %% detail wanted: calls %d, NeedsDetail %v", detail, z.NeedsDetail())
	}
	z.ZoomIn()
	if detail != 1 {
		t.Errorf("OnDetailWanted called %d times, want once per image", detail)
	}
	v := z.View()
	p := catalog.Point{X: 0.31, Y: 0.62}
	at := z.ImageToWidget(p)
	z.SetImage(quadrants(3000, 2000))
	waitFrame(t, z, q)
	if z.View() != v || !nearPos(z.ImageToWidget(p), at) {
		t.Errorf("view after swapping in the original: %v, was %v", z.View(), v)
	}
	if z.NeedsDetail() {
		t.Error("the original needs no more detail")
	}
}

func TestZoomViewUnshowableImage(t *testing.T) {
	z, _, q := newTestZoomView(t, panicImage{}, 100, 100)
	q.WaitUntil(t, "error", func() bool { return z.pyrErr != nil })
	if !z.message.Visible() || z.frame.Visible() && z.frame.Image != nil {
		t.Error("an image that cannot be read shows a message and no pixels")
	}
}

// panicImage is an image whose pixels cannot be read, like a lazily decoded
// image whose decoder fails.
type panicImage struct{}

func (panicImage) ColorModel() color.Model { return color.RGBAModel }
func (panicImage) Bounds() image.Rectangle { return image.Rect(0, 0, 400, 300) }
func (panicImage) At(int, int) color.Color { panic("corrupt data") }

// countingOverlay counts its refreshes.
type countingOverlay struct {
	widget.BaseWidget
	refreshes int
}

func (o *countingOverlay) Refresh() { o.refreshes++; o.BaseWidget.Refresh() }

func (o *countingOverlay) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

func TestZoomViewOverlay(t *testing.T) {
	z, win, _ := newTestZoomView(t, image.NewRGBA(image.Rect(0, 0, 400, 200)), 200, 100)
	o := &countingOverlay{}
	o.ExtendBaseWidget(o)
	z.SetOverlay(o)
	if o.Size() != fyne.NewSize(200, 100) || o.Position() != (fyne.Position{}) {
		t.Errorf("overlay at %v size %v, want the whole view", o.Position(), o.Size())
	}
	n := o.refreshes
	z.ZoomAt(2, fyne.NewPos(50, 50))
	if o.refreshes == n {
		t.Error("overlay not refreshed after a view change")
	}
	win.Resize(fyne.NewSize(300, 120))
	if o.Size() != fyne.NewSize(300, 120) {
		t.Errorf("overlay size %v after resize", o.Size())
	}
	// an overlay that does not take drags lets them through to the view
	before := z.View()
	test.Drag(win.Canvas(), fyne.NewPos(100, 60), 20, 0)
	if z.View() == before {
		t.Error("drag over a passive overlay did not pan")
	}
	z.SetOverlay(nil)
	for _, obj := range test.WidgetRenderer(z).Objects() {
		if obj == fyne.CanvasObject(o) {
			t.Error("overlay still shown after SetOverlay(nil)")
		}
	}
}
