package viewer

import (
	"image"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/internal/fynetest"
)

// uiQueue stands in for the UI goroutine in tests (see fynetest.Queue).
type uiQueue = fynetest.Queue

// newQueuedApp makes a test app, current, whose fyne.Do goes through the
// queue it returns.
func newQueuedApp(t testing.TB) *uiQueue {
	_, q := fynetest.NewQueuedApp(t)
	return q
}

// assertImageClose compares img with testdata/name, allowing each channel
// to differ by tol (different CPUs round the fonts' antialiasing and the
// scaling differently). When it differs more, Fyne's exact comparison
// reports it and writes the image to testdata/failed/name.
func assertImageClose(t *testing.T, name string, img image.Image, tol int) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err == nil {
		defer f.Close()
		want, _, err := image.Decode(f)
		if err == nil && imagesClose(want, img, tol) {
			return
		}
	}
	test.AssertImageMatches(t, name, img)
}

func imagesClose(a, b image.Image, tol int) bool {
	if a.Bounds().Size() != b.Bounds().Size() {
		return false
	}
	ao, bo := a.Bounds().Min, b.Bounds().Min
	for y := 0; y < a.Bounds().Dy(); y++ {
		for x := 0; x < a.Bounds().Dx(); x++ {
			ca := color.NRGBAModel.Convert(a.At(ao.X+x, ao.Y+y)).(color.NRGBA)
			cb := color.NRGBAModel.Convert(b.At(bo.X+x, bo.Y+y)).(color.NRGBA)
			if absDiff(ca.R, cb.R) > tol || absDiff(ca.G, cb.G) > tol || absDiff(ca.B, cb.B) > tol || absDiff(ca.A, cb.A) > tol {
				return false
			}
		}
	}
	return true
}

func abs(a int) int {
	if a < 0 {
		return -a
	}
	return a
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// quadrants returns a w×h test image: red, green, blue and white quarters,
// a black one-pixel frame and a black diagonal.
func quadrants(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{255, 255, 255, 255}
			switch {
			case x == 0 || y == 0 || x == w-1 || y == h-1 || 2*abs(x*h-y*w) < max(w, h):
				c = color.RGBA{0, 0, 0, 255}
			case x < w/2 && y < h/2:
				c = color.RGBA{220, 40, 40, 255}
			case y < h/2:
				c = color.RGBA{40, 180, 60, 255}
			case x < w/2:
				c = color.RGBA{40, 60, 220, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}
