package picture

import (
	"testing"

	"github.com/exhibit-app/exhibit/catalog/meta"
)

// TestSameLimitAsMeta: the import refuses a bomb with meta.CheckSize before
// calling Decode; both must agree on what is too large.
func TestSameLimitAsMeta(t *testing.T) {
	if MaxPixels != meta.MaxPixels {
		t.Errorf("picture.MaxPixels = %d, meta.MaxPixels = %d", MaxPixels, meta.MaxPixels)
	}
	if MaxSide != meta.MaxSide || MaxPixelsPerByte != meta.MaxPixelsPerByte {
		t.Errorf("picture.MaxSide, MaxPixelsPerByte = %d, %d; meta's = %d, %d", MaxSide, MaxPixelsPerByte, meta.MaxSide, meta.MaxPixelsPerByte)
	}
}
