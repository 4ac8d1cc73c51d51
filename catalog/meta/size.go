package meta

import "fmt"

// MaxPixels is the largest image, in pixels, that may be decoded.
//
// Decoding needs about 4 bytes per pixel (RGBA), so 250 MP is about 1 GB for
// one decoded image: still workable on an investigator's 16 GB laptop with a
// preview or two being made at the same time, while a file that declares more
// is either a decompression bomb (a few kilobytes declaring gigapixels) or
// something to open in a GIS tool, not in a photo viewer. Legitimate large
// inputs fit: 150 MP medium-format cameras (14204×10652), stitched panoramas,
// and single satellite or aerial scenes and tiles (a Sentinel-2 tile is
// 10980×10980 = 121 MP; a 15000×15000 orthophoto tile is 225 MP).
const MaxPixels = 250_000_000

// CheckSize returns an error when an image that declares w×h pixels must not
// be decoded: a size that is not positive, or more than MaxPixels. Call it
// with the size from Read before decoding.
func CheckSize(w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("declares %d×%d pixels, not a valid size; refused before decoding", w, h)
	}
	px := int64(w) * int64(h)
	if px > MaxPixels || px/int64(h) != int64(w) {
		return fmt.Errorf("declares %d×%d pixels (%d MP), over the %d MP limit; refused before decoding",
			w, h, (px+500_000)/1_000_000, MaxPixels/1_000_000)
	}
	return nil
}
