package picture

import (
	"errors"
	"fmt"
)

// MaxPixels is the largest declared image size (width × height) that is
// decoded at full size: a full-size decode of MaxPixels takes about 1 GB.
// Larger images, up to MaxSide a side, are only shrunk on load (thumbnails
// and previews, see Decode); at full size they are refused with
// ErrTooLarge. It is the same limit as catalog/meta.MaxPixels, kept equal
// by a test.
const MaxPixels = 250_000_000

// MaxSide is the longest side, in pixels, of an image that is decoded at
// all: a side over it is refused before decoding (ErrTooLarge). It is
// catalog/meta.MaxSide.
const MaxSide = 60_000

var (
	// ErrUnsupported is returned for a format this package cannot decode.
	ErrUnsupported = errors.New("format not supported")
	// ErrTooLarge is returned, before decoding, for an image whose declared
	// size is over MaxPixels (at full size) or MaxSide.
	ErrTooLarge = errors.New("image too large")
	// ErrPartial is wrapped by the error returned together with a non-nil
	// image when the data is damaged (a truncated file, say) but part of the
	// picture could be decoded. The missing part is grey.
	ErrPartial = errors.New("image damaged, only partly decoded")
	// ErrRecovered is wrapped by the error returned together with a non-nil
	// image when the data is damaged in a way the decoder goes past (bytes
	// between JPEG markers, a bad PNG checksum): the error names the damage.
	ErrRecovered = errors.New("damaged, decoded despite it")

	// errShrinkOnly is wrapped by checkSize's error for an image over
	// MaxPixels that may still be shrunk on load.
	errShrinkOnly = fmt.Errorf("%w at full size", ErrTooLarge)
)

// shrinkOnly is checkSize's error for a w×h image over MaxPixels: it
// wraps errShrinkOnly.
type shrinkOnly struct{ w, h int }

func (e *shrinkOnly) Error() string {
	return fmt.Sprintf("%d×%d is %.0f MP, over the %d MP limit: %v",
		e.w, e.h, float64(e.w)*float64(e.h)/1e6, MaxPixels/1_000_000, errShrinkOnly)
}

func (e *shrinkOnly) Unwrap() error { return errShrinkOnly }

// Damaged tells whether err, returned with an image, says that the data is
// damaged (ErrPartial or ErrRecovered): the image is then what could be
// decoded, to catalog with a warning.
func Damaged(err error) bool {
	return errors.Is(err, ErrPartial) || errors.Is(err, ErrRecovered)
}

// checkSide refuses declared sizes that are empty, negative or with a side
// over MaxSide: no decoder is started for them.
func checkSide(w, h int) error {
	if w == 0 || h == 0 {
		return fmt.Errorf("no image in the data (size %d×%d)", w, h)
	}
	if w < 0 || h < 0 {
		return fmt.Errorf("invalid image size %d×%d", w, h)
	}
	if w > MaxSide || h > MaxSide {
		return fmt.Errorf("%d×%d has a side over %d pixels: %w", w, h, MaxSide, ErrTooLarge)
	}
	return nil
}

// MaxPixelsPerByte is the most pixels an image over MaxPixels may declare
// for each byte of its file: no standard compression of a photograph or a
// scan comes near it (Deflate at most compresses 1032 to 1; a JPEG takes
// at least 2 bits for 64 pixels), while a decompression bomb (a small file
// declaring a huge image) is far over it.
const MaxPixelsPerByte = 2000

// checkDensity refuses an image over MaxPixels whose file of n bytes is
// too small for its declared size (see MaxPixelsPerByte).
func checkDensity(w, h int, n int64) error {
	if px := int64(w) * int64(h); px > MaxPixels && px > n*MaxPixelsPerByte {
		return fmt.Errorf("%d×%d pixels in only %d bytes: a decompression bomb, or a damaged file; refused before decoding: %w",
			w, h, n, ErrTooLarge)
	}
	return nil
}

// checkSize refuses what checkSide refuses and, wrapping errShrinkOnly,
// sizes over MaxPixels: those are decoded only shrunk on load.
func checkSize(w, h int) error {
	if err := checkSide(w, h); err != nil {
		return err
	}
	if int64(w)*int64(h) > MaxPixels {
		return &shrinkOnly{w, h}
	}
	return nil
}

// errHEIC is returned for HEIC and AVIF by a build without cgo, which has
// no libheif. (The only decoder without a system library,
// github.com/gen2brain/heic, in WebAssembly, took 2 to 6 s and up to
// 450 MB for one 8 to 16 MP photo.)
var errHEIC = fmt.Errorf("HEIC and AVIF need libheif (a build with cgo): %w", ErrUnsupported)
