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
	switch m := img.(type) {
	case *image.RGBA, *image.YCbCr, *image.Gray:
		if isOpaque(img) {
			return img
		}
	case *image.NRGBA:
		if m.Opaque() {
			// An opaque NRGBA has the same bytes as an RGBA.
			return &image.RGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect}
		}
	}
	if isOpaque(img) {
		return img
	}
	b := img.Bounds()
	out := image.NewRGBA(b)
	draw.Draw(out, b, image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(out, b, img, b.Min, draw.Over)
	return out
}

func isOpaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	return false
}
