package viewer

import (
	"image"
	"image/color"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// uiQueue stands in for the UI goroutine in tests: the test driver runs
// fyne.Do's function on the calling goroutine, which would race with the
// test; on a queued app (newQueuedApp) fyne.Do queues it, and the test runs
// it on its own goroutine when it drains the queue.
type uiQueue struct {
	mu   sync.Mutex
	fns  []func()
	wake chan struct{}
}

func newUIQueue() *uiQueue { return &uiQueue{wake: make(chan struct{}, 1)} }

// queuedDriver is the test driver with fyne.Do going through a uiQueue.
// (app/apptest has the same for the app's tests; it cannot be shared:
// apptest imports viewer.)
type queuedDriver struct {
	fyne.Driver
	q *uiQueue
}

func (d *queuedDriver) DoFromGoroutine(f func(), wait bool) {
	if !wait {
		d.q.post(f)
		return
	}
	done := make(chan struct{})
	d.q.post(func() { f(); close(done) })
	<-done
}

type queuedApp struct {
	fyne.App
	d *queuedDriver
}

func (a *queuedApp) Driver() fyne.Driver { return a.d }

// newQueuedApp makes a test app, current, whose fyne.Do goes through the
// queue it returns.
func newQueuedApp(t testing.TB) *uiQueue {
	base := test.NewTempApp(t)
	q := newUIQueue()
	fyne.SetCurrentApp(&queuedApp{App: base, d: &queuedDriver{Driver: base.Driver(), q: q}})
	return q
}

func (q *uiQueue) post(f func()) {
	q.mu.Lock()
	q.fns = append(q.fns, f)
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// drain runs what is queued, and what that queues, and returns how many
// functions ran.
func (q *uiQueue) drain() int {
	n := 0
	for {
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		if len(fns) == 0 {
			return n
		}
		for _, f := range fns {
			f()
			n++
		}
	}
}

// waitUntil drains the queue until cond holds, failing the test after 10 s.
func (q *uiQueue) waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		q.drain()
		if cond() {
			return
		}
		select {
		case <-q.wake:
		case <-time.After(5 * time.Millisecond):
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
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
