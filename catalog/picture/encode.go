package picture

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"io"
)

// EncodeJPEG writes img to w as a baseline JPEG at quality q (1..100,
// clamped). Transparent parts are laid on white, JPEG having no alpha.
func EncodeJPEG(w io.Writer, img image.Image, q int) error {
	q = min(max(q, 1), 100)
	if err := jpeg.Encode(w, opaque(img), &jpeg.Options{Quality: q}); err != nil {
		return fmt.Errorf("encode jpeg: %w", err)
	}
	return nil
}

// opaque returns img in a form image/jpeg encodes quickly, laid on white
// if it has transparent pixels.
func opaque(img image.Image) image.Image {
	if o, ok := img.(interface{ Opaque() bool }); ok && o.Opaque() {
		if m, ok := img.(*image.NRGBA); ok {
			// An opaque NRGBA has the bytes of an RGBA, which image/jpeg
			// encodes without going through color.Color.
			return &image.RGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect}
		}
		return img
	}
	b := img.Bounds()
	out := image.NewRGBA(b)
	draw.Draw(out, b, image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(out, b, img, b.Min, draw.Over)
	return out
}
