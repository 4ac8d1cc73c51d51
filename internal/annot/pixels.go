package annot

import (
	"image"
	"image/draw"
	"runtime"
	"sync"
	"sync/atomic"
)

// rowsPerTask is how many rows a worker takes at a time.
const rowsPerTask = 16

// parallelRows calls fn over [0, n) split in bands of rows, on all cores.
// A panic in fn is re-raised in the caller's goroutine, never lost in a
// worker (callers recover it at the package boundary).
func parallelRows(n int, fn func(y0, y1 int)) {
	workers := min(runtime.GOMAXPROCS(0), (n+rowsPerTask-1)/rowsPerTask)
	if workers <= 1 {
		if n > 0 {
			fn(0, n)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var perr any
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					perr = r
					mu.Unlock()
				}
			}()
			for {
				y0 := int(next.Add(rowsPerTask)) - rowsPerTask
				if y0 >= n {
					return
				}
				fn(y0, min(y0+rowsPerTask, n))
			}
		}()
	}
	wg.Wait()
	if perr != nil {
		panic(perr)
	}
}

// toRGBA returns img as premultiplied RGBA with its origin at (0,0): img
// itself when it already is such an *image.RGBA (then it must only be
// read), a converted copy otherwise. nil gives an empty image.
func toRGBA(img image.Image) *image.RGBA {
	if img == nil {
		return image.NewRGBA(image.Rectangle{})
	}
	b := img.Bounds()
	if m, ok := img.(*image.RGBA); ok && b.Min == (image.Point{}) {
		return m
	}
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	parallelRows(b.Dy(), func(y0, y1 int) {
		r := image.Rect(0, y0, b.Dx(), y1)
		draw.Draw(out, r, img, b.Min.Add(image.Pt(0, y0)), draw.Src)
	})
	return out
}

// cloneRGBA returns a new RGBA copy of img with its origin at (0,0).
func cloneRGBA(img image.Image) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok {
		b := m.Bounds()
		out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		parallelRows(b.Dy(), func(y0, y1 int) {
			for y := y0; y < y1; y++ {
				i := m.PixOffset(b.Min.X, b.Min.Y+y)
				copy(out.Pix[y*out.Stride:y*out.Stride+4*b.Dx()], m.Pix[i:i+4*b.Dx()])
			}
		})
		return out
	}
	return toRGBA(img)
}
