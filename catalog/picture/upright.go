package picture

import (
	"image"

	"github.com/disintegration/imaging"
)

// Upright applies EXIF orientation 1..8 to img, so that the result shows
// the scene as the camera's user saw it. Orientation 1, 0 (unknown) and
// values out of range return img unchanged; the others return a new
// *image.NRGBA.
func Upright(img image.Image, orientation int) image.Image {
	switch orientation {
	case 2: // mirrored left-right
		return imaging.FlipH(img)
	case 3: // turned 180°
		return imaging.Rotate180(img)
	case 4: // mirrored top-bottom
		return imaging.FlipV(img)
	case 5: // mirrored along the top-left to bottom-right diagonal
		return imaging.Transpose(img)
	case 6: // needs a quarter turn clockwise
		return imaging.Rotate270(img)
	case 7: // mirrored along the other diagonal
		return imaging.Transverse(img)
	case 8: // needs a quarter turn counter-clockwise
		return imaging.Rotate90(img)
	}
	return img
}

// UprightSize returns the size of a w×h image once turned upright by
// orientation: swapped for orientations 5 to 8.
func UprightSize(w, h, orientation int) (int, int) {
	if orientation >= 5 && orientation <= 8 {
		return h, w
	}
	return w, h
}
