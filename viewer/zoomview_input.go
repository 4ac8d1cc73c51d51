package viewer

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// wheelZoomPerUnit is the zoom factor per unit of scroll: a mouse wheel
// notch (25 units in Fyne's desktop driver on Linux and Windows, 10 on
// macOS) zooms by 1.25 (1.09 on macOS, where trackpads send many small
// scrolls).
var wheelZoomPerUnit = math.Log(1.25) / 25

// Scrolled zooms around the pointer: up (away from the user) zooms in.
func (z *ZoomView) Scrolled(ev *fyne.ScrollEvent) {
	d := float64(ev.Scrolled.DY)
	if d == 0 {
		return
	}
	g := z.geometry()
	if !g.valid() {
		return
	}
	v := g.clamp(z.view)
	z.ZoomAt(v.Zoom*math.Exp(d*wheelZoomPerUnit), ev.Position)
}

// Dragged pans the image with the pointer.
func (z *ZoomView) Dragged(ev *fyne.DragEvent) {
	z.PanBy(ev.Dragged.DX, ev.Dragged.DY)
}

// DragEnd is called when a drag ends; nothing to do.
func (z *ZoomView) DragEnd() {}

// MouseDown takes the keyboard focus, so that a click or a drag on the
// view directs the keys to it.
func (z *ZoomView) MouseDown(*desktop.MouseEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(z); c != nil && !z.focused {
		c.Focus(z)
	}
}

// MouseUp is needed by desktop.Mouseable.
func (z *ZoomView) MouseUp(*desktop.MouseEvent) {}

// DoubleTapped toggles between Fit and 100 % around the point tapped.
func (z *ZoomView) DoubleTapped(ev *fyne.PointEvent) {
	g := z.geometry()
	if !g.valid() {
		return
	}
	v := g.clamp(z.view)
	if math.Abs(v.Zoom-1) < 1e-9 {
		z.ZoomAt(g.actualZoom(), ev.Position)
		return
	}
	z.Fit()
}

// FocusGained shows the focus border.
func (z *ZoomView) FocusGained() {
	z.focused = true
	z.Refresh()
}

// FocusLost hides the focus border.
func (z *ZoomView) FocusLost() {
	z.focused = false
	z.Refresh()
}

// TypedRune handles + or = (zoom in), - (out), 0 (fit) and 1 (100 %).
func (z *ZoomView) TypedRune(r rune) {
	if f := z.OnTypedRune; f != nil && f(r) {
		return
	}
	z.ZoomKey(r)
}

// ZoomKey zooms as key r asks: + or = in, - out, 0 fit, 1 100 %. It
// reports whether r was one of these.
func (z *ZoomView) ZoomKey(r rune) bool {
	switch r {
	case '+', '=':
		z.ZoomIn()
	case '-', '_':
		z.ZoomOut()
	case '0':
		z.Fit()
	case '1':
		z.Actual()
	default:
		return false
	}
	return true
}

// panKeyStep is the share of the widget's size an arrow key pans by.
const panKeyStep = 0.1

// TypedKey pans with the arrow keys (the image moves the other way, as if
// the arrow moved the window over it).
func (z *ZoomView) TypedKey(ev *fyne.KeyEvent) {
	if f := z.OnTypedKey; f != nil && f(ev) {
		return
	}
	s := z.Size()
	dx, dy := s.Width*panKeyStep, s.Height*panKeyStep
	switch ev.Name {
	case fyne.KeyLeft:
		z.PanBy(dx, 0)
	case fyne.KeyRight:
		z.PanBy(-dx, 0)
	case fyne.KeyUp:
		z.PanBy(0, dy)
	case fyne.KeyDown:
		z.PanBy(0, -dy)
	}
}
