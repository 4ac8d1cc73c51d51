package viewer

import (
	"fmt"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// sideGap separates the two sides in side-by-side mode, in Fyne units.
const sideGap = 4

// caption is a short text on a dark tag over an image, saying what is
// shown.
type caption struct {
	bg  *canvas.Rectangle
	txt *canvas.Text
}

func newCaption() *caption {
	c := &caption{bg: canvas.NewRectangle(color.NRGBA{0, 0, 0, 0xa0}), txt: canvas.NewText("", color.White)}
	c.bg.CornerRadius = 3
	c.txt.TextSize = 12
	return c
}

// place shows s with its tag's top-left corner at p (or its top-right
// corner when right is true).
func (c *caption) place(s string, p fyne.Position, right bool) {
	if s == "" {
		c.bg.Hide()
		c.txt.Hide()
		return
	}
	c.txt.Text = s
	ts := c.txt.MinSize()
	size := fyne.NewSize(ts.Width+12, ts.Height+4)
	if right {
		p.X -= size.Width
	}
	c.bg.Move(p)
	c.bg.Resize(size)
	c.txt.Move(p.Add(fyne.NewPos(6, 2)))
	c.txt.Resize(ts)
	c.bg.Show()
	c.txt.Show()
	c.bg.Refresh()
	c.txt.Refresh()
}

// CreateRenderer is a private method to Fyne which links this widget to
// its renderer.
func (cv *CompareView) CreateRenderer() fyne.WidgetRenderer {
	cv.destroyed = false
	r := &compareRenderer{cv: cv, caps: [3]*caption{newCaption(), newCaption(), newCaption()}}
	cv.rend = r
	cv.updateFlicker()
	return r
}

type compareRenderer struct {
	cv   *CompareView
	caps [3]*caption // two for the images, one for the alignment status
}

func (r *compareRenderer) Destroy() {
	r.cv.destroyed = true
	r.cv.updateFlicker()
}

func (r *compareRenderer) MinSize() fyne.Size { return r.cv.MinSize() }

func (r *compareRenderer) Objects() []fyne.CanvasObject {
	cv := r.cv
	objs := []fyne.CanvasObject{cv.sides[0], cv.sides[1], cv.ov, cv.ovTop}
	for _, c := range r.caps {
		objs = append(objs, c.bg, c.txt)
	}
	return objs
}

func (r *compareRenderer) Layout(size fyne.Size) {
	cv := r.cv
	half := (size.Width - sideGap) / 2
	cv.sides[0].Move(fyne.Position{})
	cv.sides[0].Resize(fyne.NewSize(half, size.Height))
	cv.sides[1].Move(fyne.NewPos(half+sideGap, 0))
	cv.sides[1].Resize(fyne.NewSize(half, size.Height))
	for _, z := range []*ZoomView{cv.ov, cv.ovTop} {
		z.Move(fyne.Position{})
		z.Resize(size)
	}
	side := cv.mode == ModeSideBySide
	show := func(o fyne.CanvasObject, on bool) {
		if on && !o.Visible() {
			o.Show()
		} else if !on && o.Visible() {
			o.Hide()
		}
	}
	show(cv.sides[0], side)
	show(cv.sides[1], side)
	// in flicker mode the after image shows alone: where it does not
	// cover the before image's frame, nothing of the before image shows
	after := cv.mode == ModeFlicker && cv.flick.showAfter
	show(cv.ov, !side && !after)
	show(cv.ovTop, after)
	r.layoutCaptions(size, half)
}

// layoutCaptions says what each part of the view shows.
func (r *compareRenderer) layoutCaptions(size fyne.Size, half float32) {
	cv := r.cv
	at := fyne.NewPos(6, 6)
	right := fyne.NewPos(size.Width-6, 6)
	r.caps[2].place(cv.AlignmentStatus(), fyne.NewPos(6, size.Height-28), false)
	switch cv.mode {
	case ModeSideBySide:
		r.caps[0].place("Before", at, false)
		r.caps[1].place("After", fyne.NewPos(half+sideGap+6, 6), false)
	case ModeSwipe:
		x := cv.swipe.lineX()
		r.caps[0].place("◀ Before", fyne.NewPos(x-6, 6), true)
		r.caps[1].place("After ▶", fyne.NewPos(x+6, 6), false)
	case ModeBlend:
		r.caps[0].place(fmt.Sprintf("Before + after at %.0f %%", 100*cv.params.alpha), at, false)
		r.caps[1].place("", right, true)
	case ModeDifference:
		r.caps[0].place(fmt.Sprintf("Difference × %g", cv.params.gain), at, false)
		r.caps[1].place("", right, true)
	case ModeFlicker:
		s := "Before"
		if cv.flick.showAfter {
			s = "After"
		}
		if cv.flick.paused || cv.flick.interval <= 0 {
			s += " (Space: switch)"
		}
		r.caps[0].place(s, at, false)
		r.caps[1].place("", right, true)
	}
}

func (r *compareRenderer) Refresh() {
	r.Layout(r.cv.Size())
	r.cv.swipe.Refresh()
	for _, c := range r.caps {
		canvas.Refresh(c.bg)
	}
}

// swipeHandle is the overlay of the swipe mode: the divider, dragged by
// the mouse (a drag elsewhere pans the view).
type swipeHandle struct {
	widget.BaseWidget
	cv       *CompareView
	line     *canvas.Rectangle
	grip     *canvas.Circle
	pressed  bool
	pressPos fyne.Position
	drag     int // 0 none yet, 1 the divider, 2 panning
}

// swipeReach is how close to the divider a drag grabs it, in Fyne units.
const swipeReach = 14

var (
	_ fyne.Draggable    = (*swipeHandle)(nil)
	_ desktop.Mouseable = (*swipeHandle)(nil)
)

func newSwipeHandle(cv *CompareView) *swipeHandle {
	h := &swipeHandle{cv: cv, line: canvas.NewRectangle(color.White), grip: canvas.NewCircle(color.White)}
	h.grip.StrokeColor = color.NRGBA{0, 0, 0, 0x90}
	h.grip.StrokeWidth = 1.5
	h.ExtendBaseWidget(h)
	return h
}

// lineX returns where the divider is, in the overlay's coordinates.
func (h *swipeHandle) lineX() float32 {
	return h.cv.ov.ImageToWidget(pointOf(h.cv.params.swipe, 0.5)).X
}

// MouseDown takes the focus for the view, and notes where a drag starts.
func (h *swipeHandle) MouseDown(ev *desktop.MouseEvent) {
	h.pressed, h.pressPos = true, ev.Position
	h.cv.ov.MouseDown(ev)
}

// MouseUp ends a press.
func (h *swipeHandle) MouseUp(*desktop.MouseEvent) { h.pressed = false }

// Dragged moves the divider, or pans.
func (h *swipeHandle) Dragged(ev *fyne.DragEvent) {
	if h.cv.mode != ModeSwipe {
		h.cv.ov.Dragged(ev)
		return
	}
	if h.drag == 0 {
		start := ev.Position.Subtract(ev.Dragged)
		if h.pressed {
			start = h.pressPos
		}
		h.drag = 2
		if math.Abs(float64(start.X-h.lineX())) <= swipeReach {
			h.drag = 1
		}
	}
	if h.drag == 2 {
		h.cv.ov.Dragged(ev)
		return
	}
	h.cv.SetSwipe(h.cv.ov.WidgetToImage(ev.Position).X)
}

// DragEnd ends the move or the pan.
func (h *swipeHandle) DragEnd() {
	if h.drag == 2 {
		h.cv.ov.DragEnd()
	}
	h.drag = 0
}

func (h *swipeHandle) CreateRenderer() fyne.WidgetRenderer { return &swipeRenderer{h: h} }

type swipeRenderer struct{ h *swipeHandle }

func (r *swipeRenderer) Destroy()                     {}
func (r *swipeRenderer) MinSize() fyne.Size           { return fyne.NewSize(1, 1) }
func (r *swipeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.h.line, r.h.grip} }

func (r *swipeRenderer) Layout(size fyne.Size) {
	h := r.h
	if h.cv.mode != ModeSwipe || h.cv.img[SideBefore] == nil {
		h.line.Hide()
		h.grip.Hide()
		return
	}
	pos, is := h.cv.ov.ImageRect()
	x := h.lineX()
	top, bottom := max(0, pos.Y), min(size.Height, pos.Y+is.Height)
	h.line.Move(fyne.NewPos(x-1, top))
	h.line.Resize(fyne.NewSize(2, bottom-top))
	const g = 18
	h.grip.Move(fyne.NewPos(x-g/2, (top+bottom)/2-g/2))
	h.grip.Resize(fyne.NewSize(g, g))
	h.line.Show()
	h.grip.Show()
}

func (r *swipeRenderer) Refresh() {
	r.Layout(r.h.Size())
	r.h.line.Refresh()
	r.h.grip.Refresh()
	if cr := r.h.cv.rend; cr != nil {
		cr.layoutCaptions(r.h.cv.Size(), (r.h.cv.Size().Width-sideGap)/2)
	}
}
