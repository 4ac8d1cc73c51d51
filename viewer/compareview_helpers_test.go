package viewer

import (
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// newTestCompare shows a pair in a CompareView filling an unpadded test
// window of w×h units.
func newTestCompare(t *testing.T, before, after image.Image, w, h float32) (*CompareView, fyne.Window, *uiQueue) {
	t.Helper()
	q := newQueuedApp(t)
	cv := NewCompareView()
	cv.SetImages(before, after)
	win := test.NewTempWindow(t, cv)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	t.Cleanup(func() { cv.stopFlicker() })
	return cv, win, q
}

// frameDone reports whether z shows a frame of its current image and view.
func frameDone(z *ZoomView) bool {
	return z.pyr != nil && z.frameValid && z.frameGeom.gen == z.imgGen && z.requestedFrame == (frameGeom{})
}

// waitCompare waits until the compare view shows its current state: the
// composition done and the frames of the views shown rendered.
func waitCompare(t *testing.T, cv *CompareView, q *uiQueue) {
	t.Helper()
	q.WaitUntil(t, "compare view", func() bool {
		if cv.mode == ModeSideBySide {
			return frameDone(cv.sides[0]) && frameDone(cv.sides[1])
		}
		if cv.Busy() || cv.ov.contentPending || cv.ovTop.contentPending || !cv.ov.detailSettled() || !frameDone(cv.ov) {
			return false
		}
		return cv.mode != ModeFlicker || !cv.flick.showAfter || frameDone(cv.ovTop)
	})
}

// detailSettled reports whether no detail is being prepared.
func (z *ZoomView) detailSettled() bool { return z.detail.img == nil || z.detail.pyr != nil }

// pattern returns a w×h image of smooth colour gradients with sharp dots,
// so that any misalignment shows in a difference.
func pattern(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x*7 + y*13) % 256), 255}
			if (x/5+y/5)%3 == 0 {
				c = color.RGBA{255 - c.R, 255 - c.G, c.B / 2, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// shifted returns img moved right by dx and down by dy pixels, the
// uncovered part grey.
func shifted(img *image.RGBA, dx, dy int) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(b)
	for y := range b.Dy() {
		for x := range b.Dx() {
			sx, sy := x-dx, y-dy
			c := color.RGBA{128, 128, 128, 255}
			if sx >= 0 && sy >= 0 && sx < b.Dx() && sy < b.Dy() {
				c = img.RGBAAt(sx, sy)
			}
			out.SetRGBA(x, y, c)
		}
	}
	return out
}
