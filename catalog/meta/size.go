package meta

import "fmt"

// MaxPixels is the largest image, in pixels, that is decoded at full size.
//
// Decoding needs about 4 bytes per pixel (RGBA), so 250 MP is about 1 GB for
// one decoded image: still workable on an investigator's 16 GB laptop with a
// preview or two being made at the same time. Legitimate large inputs fit:
// 150 MP medium-format cameras (14204×10652), stitched panoramas, and
// single satellite or aerial scenes and tiles (a Sentinel-2 tile is
// 10980×10980 = 121 MP; a 15000×15000 orthophoto tile is 225 MP). Larger
// images, up to MaxSide a side, get thumbnails and previews shrunk on load
// (catalog/picture), in a few hundred MB, but no full-size view.
const MaxPixels = 250_000_000

// MaxSide is the longest side, in pixels, of an image that is decoded at
// all: 60,000 is past the largest orthophoto mosaics and gigapixel
// panoramas an investigator is sent; a file declaring more is refused.
const MaxSide = 60_000

// MaxPixelsPerByte is the most pixels an image over MaxPixels may declare
// for each byte of its file. No standard compression of a photograph, a
// scan or a map comes near it (Deflate compresses at most 1032 to 1, a
// JPEG takes at least 2 bits for 64 pixels: a black 40,000 × 40,000 JPEG is
// 10 MB), while a decompression bomb, a small file declaring a huge
// image, is far over it.
const MaxPixelsPerByte = 2000

// CheckSize returns an error when an image that declares w×h pixels in a
// file of fileSize bytes must not be decoded: a size that is not positive,
// a side over MaxSide, or over MaxPixels in a file too small for it (see
// MaxPixelsPerByte). Call it with the size from Read before decoding.
func CheckSize(w, h int, fileSize int64) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("declares %d×%d pixels, not a valid size; refused before decoding", w, h)
	}
	px := int64(w) * int64(h)
	if w > MaxSide || h > MaxSide {
		return fmt.Errorf("declares %d×%d pixels (%d MP), a side over the %d-pixel limit; refused before decoding",
			w, h, (px+500_000)/1_000_000, MaxSide)
	}
	if px > MaxPixels && px > fileSize*MaxPixelsPerByte {
		return fmt.Errorf("declares %d×%d pixels (%d MP) in only %d bytes, more than %d pixels a byte: a decompression bomb or a damaged file; refused before decoding",
			w, h, (px+500_000)/1_000_000, fileSize, MaxPixelsPerByte)
	}
	return nil
}
