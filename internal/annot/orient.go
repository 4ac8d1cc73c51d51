package annot

import "github.com/exhibit-app/exhibit/catalog"

// Orientation maps between the upright image, in which annotations are
// stored (fractions), and the pixels as stored in the file, whose EXIF
// orientation (1..8) says how to turn them upright. Orientation 0
// (unknown) and values out of range are treated as 1, as
// catalog/picture.Upright does.
//
// The stored image is w×h pixels (any resolution: the full file or a
// preview decoded at a scale; fractions do not depend on it). Pixel
// coordinates are continuous: pixel (i, j) covers [i, i+1)×[j, j+1), so a
// pixel centre maps onto a pixel centre and every mapping is exactly
// invertible.
//
// For reference, with (u, v) the upright fraction and (s, t) the stored
// fraction, the EXIF definitions ("row 0 is the visual ..., column 0 is the
// visual ...") give:
//
//	1: s=u,   t=v        5: s=v,   t=u    (transpose)
//	2: s=1-u, t=v        6: s=v,   t=1-u  (turn 90° clockwise to view)
//	3: s=1-u, t=1-v      7: s=1-v, t=1-u  (transverse)
//	4: s=u,   t=1-v      8: s=1-v, t=u    (turn 90° counter-clockwise)

// toStoredFrac maps an upright fraction to a stored fraction.
func toStoredFrac(u, v float64, orientation int) (s, t float64) {
	switch orientation {
	case 2:
		return 1 - u, v
	case 3:
		return 1 - u, 1 - v
	case 4:
		return u, 1 - v
	case 5:
		return v, u
	case 6:
		return v, 1 - u
	case 7:
		return 1 - v, 1 - u
	case 8:
		return 1 - v, u
	}
	return u, v
}

// fromStoredFrac maps a stored fraction to an upright fraction.
func fromStoredFrac(s, t float64, orientation int) (u, v float64) {
	switch orientation {
	case 2:
		return 1 - s, t
	case 3:
		return 1 - s, 1 - t
	case 4:
		return s, 1 - t
	case 5:
		return t, s
	case 6:
		return 1 - t, s
	case 7:
		return 1 - t, 1 - s
	case 8:
		return t, 1 - s
	}
	return s, t
}

// ToStored maps p, a fraction of the upright image, to pixel coordinates
// (continuous, 0..w and 0..h) in the stored image of w×h pixels with the
// given EXIF orientation. To find the pixel that holds p, take
// (floor(x), floor(y)) clamped to the image.
func ToStored(p catalog.Point, orientation, w, h int) (x, y float64) {
	s, t := toStoredFrac(p.X, p.Y, orientation)
	return s * float64(w), t * float64(h)
}

// FromStored maps pixel coordinates (x, y) of the stored image of w×h
// pixels with the given EXIF orientation to a fraction of the upright
// image. It is the inverse of ToStored. A zero w or h gives a zero
// coordinate rather than a NaN.
func FromStored(x, y float64, orientation, w, h int) catalog.Point {
	u, v := fromStoredFrac(div(x, float64(w)), div(y, float64(h)), orientation)
	return catalog.Point{X: u, Y: v}
}

// UprightSize returns the size of a stored w×h image once turned upright:
// swapped for orientations 5 to 8.
func UprightSize(orientation, w, h int) (uw, uh int) {
	if orientation >= 5 && orientation <= 8 {
		return h, w
	}
	return w, h
}

// ToPixels maps p, a fraction of the upright image, to pixel coordinates
// in the upright image shown at w×h pixels (a preview, the full image or a
// zoomed view).
func ToPixels(p catalog.Point, w, h float64) (x, y float64) { return p.X * w, p.Y * h }

// FromPixels maps pixel coordinates in the upright image shown at w×h
// pixels to a fraction. It is the inverse of ToPixels.
func FromPixels(x, y, w, h float64) catalog.Point {
	return catalog.Point{X: div(x, w), Y: div(y, h)}
}

// Rescale maps pixel coordinates in an image of w1×h1 pixels to the same
// place in the same image at w2×h2 pixels (preview to full and back).
func Rescale(x, y, w1, h1, w2, h2 float64) (float64, float64) {
	return div(x, w1) * w2, div(y, h1) * h2
}

func div(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
