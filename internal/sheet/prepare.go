package sheet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"math"
)

// Print resolution of the embedded images.
const (
	targetDPI   = 240 // larger images are reduced to this
	minGoodDPI  = 200 // below this the caption says the print is coarse
	jpegQuality = 90
)

// printImage is an image ready to embed: its JPEG bytes, its pixel size,
// and the pixel size of the image it was made from; or, when unprinted is
// set, why there is none.
type printImage struct {
	jpeg           []byte
	w, h           int
	srcW, srcH     int
	dpi            float64 // at the printed size
	reduced        bool
	printW, printH float64 // mm
	want           int     // the pixel width the print asks for
	damaged        string  // the original is damaged: what its decoder said
	unprinted      string  // why the image is not printed
}

// job asks for one image to be printed printW millimetres wide.
type job struct {
	img    image.Image // or, when nil:
	source Source
	printW float64
	printH float64
}

// minLong is the long side, in pixels, a job's source is asked for: the
// print resolution over the printed long side.
func (j job) minLong() int {
	return max(1, int(math.Ceil(max(j.printW, j.printH)/25.4*targetDPI)))
}

// run makes the print of a job. The picture of a source is made here and
// let go on return. A source that fails gives a print saying why (an
// error only when its context was cancelled); an image given that cannot
// be prepared is an error.
func (j job) run() (printImage, error) {
	if j.img != nil {
		return prepare(j.img, j.printW, j.printH)
	}
	pic, err := callSource(j.source, j.minLong())
	switch {
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return printImage{}, err
	case err == nil && pic.Image == nil:
		err = errors.New("no picture")
	}
	if err == nil {
		var pi printImage
		if pi, err = prepare(pic.Image, j.printW, j.printH); err == nil {
			pi.damaged = pic.Damaged
			return pi, nil
		}
	}
	return printImage{printW: j.printW, printH: j.printH, unprinted: err.Error()}, nil
}

// callSource calls a source, a panic in it returned as an error.
func callSource(s Source, minLong int) (pic Picture, err error) {
	defer func() {
		if r := recover(); r != nil {
			pic, err = Picture{}, fmt.Errorf("make the picture: internal error: %v", r)
		}
	}()
	return s(minLong)
}

// prepare reduces img to the target resolution at its printed size (never
// enlarging it) and encodes it as JPEG. A panic in the image's own code is
// returned as an error.
func prepare(img image.Image, printW, printH float64) (pi printImage, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("prepare image for print: panic: %v", r)
		}
	}()
	b := img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	if sw <= 0 || sh <= 0 {
		return pi, fmt.Errorf("prepare image for print: empty image (%d×%d)", sw, sh)
	}
	pi = printImage{srcW: sw, srcH: sh, printW: printW, printH: printH}
	want := max(1, int(math.Round(printW/25.4*targetDPI))) // a strip prints at least a pixel wide
	pi.want = want
	var enc image.Image
	switch {
	case sw > want:
		dh := max(1, int(math.Round(float64(sh)*float64(want)/float64(sw))))
		enc = reduce(img, want, dh)
		pi.reduced = true
	case isOpaqueJPEGType(img):
		enc = img
	default:
		enc = reduce(img, sw, sh) // a copy on white, for alpha
	}
	eb := enc.Bounds()
	pi.w, pi.h = eb.Dx(), eb.Dy()
	pi.dpi = float64(pi.w) / (printW / 25.4)
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
