package library

import (
	"image"
	"image/color"
	"image/draw"
)

// provisionalMark is the colour of the corner mark of a provisional
// thumbnail: a translucent white, seen on dark and light pictures.
var provisionalMark = color.NRGBA{255, 255, 255, 200}

// markProvisional returns a copy of img with a small triangle in its
// top-right corner: the thumbnail is the camera's embedded one, shown
// until the real one is made.
func markProvisional(img image.Image) image.Image {
	if img == nil {
		return nil
	}
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Rect, img, b.Min, draw.Src)
	side := max(6, min(b.Dx(), b.Dy())/10)
	src := image.NewUniform(provisionalMark)
	for y := range side {
		// Row y covers the last side-y pixels: a right triangle in the corner.
		r := image.Rect(b.Dx()-side+y, y, b.Dx(), y+1)
		draw.Draw(out, r, src, image.Point{}, draw.Over)
	}
	return out
}
