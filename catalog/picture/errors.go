package picture

import (
	"errors"
	"fmt"
)

// MaxPixels is the largest declared image size (width × height) that Decode
// accepts. Larger images are refused before decoding with ErrTooLarge: a
// full-size decode of MaxPixels takes about 1 GB. It is the same limit as
// catalog/meta.MaxPixels (see there why 250 MP), kept equal by a test.
const MaxPixels = 250_000_000

var (
	// ErrUnsupported is returned for a format this package cannot decode.
	ErrUnsupported = errors.New("format not supported")
	// ErrTooLarge is returned, before decoding, for an image whose declared
	// size is over MaxPixels.
	ErrTooLarge = errors.New("image too large")
	// ErrPartial is wrapped by the error returned together with a non-nil
	// image when the data is damaged (a truncated file, say) but part of the
	// picture could be decoded. The missing part is grey.
	ErrPartial = errors.New("image damaged, only partly decoded")
)

// errHEIC explains why HEIC is not decoded: the only decoder without a
// system library, github.com/gen2brain/heic (WebAssembly), took 2 to 6 s
// and up to 450 MB for one 8 to 16 MP photo here, far over the import's
// budget of about 90 ms and 250 MB per worker.
var errHEIC = fmt.Errorf("HEIC pictures are cataloged without pixels (no fast decoder): %w", ErrUnsupported)

// checkSize refuses declared sizes that are empty, negative or over MaxPixels.
func checkSize(w, h int) error {
	if w == 0 || h == 0 {
		return fmt.Errorf("no image in the data (size %d×%d)", w, h)
	}
	if w < 0 || h < 0 {
		return fmt.Errorf("invalid image size %d×%d", w, h)
	}
	if int64(w)*int64(h) > MaxPixels {
		return fmt.Errorf("%d×%d is %.0f MP, over the %d MP limit: %w",
			w, h, float64(w)*float64(h)/1e6, MaxPixels/1_000_000, ErrTooLarge)
	}
	return nil
}
