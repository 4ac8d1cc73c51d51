package sheet

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"runtime"
	"sync"
)

// Print resolution of the embedded images.
const (
	targetDPI   = 240 // larger images are reduced to this
	minGoodDPI  = 200 // below this the caption says the print is coarse
	jpegQuality = 90
)

// printImage is an image ready to embed: its JPEG bytes, its pixel size,
// and the pixel size of the image it was made from.
type printImage struct {
	jpeg           []byte
	w, h           int
	srcW, srcH     int
	dpi            float64 // at the printed size
	reduced        bool
	printW, printH float64 // mm
}

// job asks for one image to be printed printW millimetres wide.
type job struct {
	img    image.Image
	printW float64
	printH float64
}

// prepareAll prepares the images of all jobs concurrently, one worker per
// processor. It returns the results in the order of jobs, and the first
// error in that order.
func prepareAll(jobs []job) ([]printImage, []error) {
	out := make([]printImage, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	for range workers {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = prepare(jobs[i])
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, errs
}

// prepare reduces j.img to the target resolution at its printed size (never
// enlarging it) and encodes it as JPEG. A panic in the image's own code is
// returned as an error.
func prepare(j job) (pi printImage, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("prepare image for print: panic: %v", r)
		}
	}()
	b := j.img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	if sw <= 0 || sh <= 0 {
		return pi, fmt.Errorf("prepare image for print: empty image (%d×%d)", sw, sh)
	}
	pi = printImage{srcW: sw, srcH: sh, printW: j.printW, printH: j.printH}
	want := max(1, int(math.Round(j.printW/25.4*targetDPI))) // a strip prints at least a pixel wide
	var enc image.Image
	switch {
	case sw > want:
		dh := max(1, int(math.Round(float64(sh)*float64(want)/float64(sw))))
		enc = reduce(j.img, want, dh)
		pi.reduced = true
	case isOpaqueJPEGType(j.img):
		enc = j.img
	default:
		enc = reduce(j.img, sw, sh) // a copy on white, for alpha
	}
	eb := enc.Bounds()
	pi.w, pi.h = eb.Dx(), eb.Dy()
	pi.dpi = float64(pi.w) / (j.printW / 25.4)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, enc, &jpeg.Options{Quality: jpegQuality}); err != nil {
		return pi, fmt.Errorf("encode image for print: %w", err)
	}
	pi.jpeg = buf.Bytes()
	return pi, nil
}

// isOpaqueJPEGType reports whether the JPEG encoder takes img as it is:
// types without alpha.
func isOpaqueJPEGType(img image.Image) bool {
	switch img.(type) {
	case *image.YCbCr, *image.Gray:
		return true
	}
	return false
}
