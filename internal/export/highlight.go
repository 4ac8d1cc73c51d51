package export

import (
	"image"
	"image/color"
)

// HighlightColor is the yellow of a highlighter, multiplied over what is
// under it: white becomes this yellow, black text stays black.
var HighlightColor = color.RGBA{R: 255, G: 226, B: 64, A: 255}

// Highlight marks r of img as a highlighter does: each pixel multiplied
// by HighlightColor (translucent: what is under it shows through).
func Highlight(img *image.RGBA, r image.Rectangle) {
	r = r.Intersect(img.Bounds())
	hc := HighlightColor
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			i := img.PixOffset(x, y)
			p := img.Pix[i : i+3 : i+3]
			p[0] = uint8(uint16(p[0]) * uint16(hc.R) / 255)
			p[1] = uint8(uint16(p[1]) * uint16(hc.G) / 255)
			p[2] = uint8(uint16(p[2]) * uint16(hc.B) / 255)
		}
	}
}
