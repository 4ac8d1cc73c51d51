package demo

import (
	"fmt"
	"image"
	"image/draw"

	"github.com/exhibit-app/exhibit/internal/glyphs"
)

// stamp writes a small credit line in the bottom left corner of upright
// RGB pixels, white with a dark shadow, the way imagery providers mark
// their pictures.
func stamp(pix []uint8, w, h int, text string) error {
	if err := glyphs.Load(); err != nil {
		return fmt.Errorf("stamp: %w", err)
	}
	size := float64(h) / 70
	mask := image.NewAlpha(image.Rect(0, 0, w, h))
	x := int(size)
	y := h - int(size*0.8)
	if m := glyphs.Regular().Mask(text, float64(x), float64(y), size); m != nil {
		draw.Draw(mask, m.Rect, m, m.Rect.Min, draw.Src)
	}
	// Shadow first (the mask shifted by one pixel), then the text.
	blendMask(pix, w, h, mask, 1, 1, [3]float64{0, 0, 0}, 0.7)
	blendMask(pix, w, h, mask, 0, 0, [3]float64{255, 255, 255}, 0.92)
	return nil
}

func blendMask(pix []uint8, w, h int, mask *image.Alpha, dx, dy int, c [3]float64, op float64) {
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			sx, sy := x-dx, y-dy
			if sx < 0 || sy < 0 {
				continue
			}
			m := mask.Pix[sy*mask.Stride+sx]
			if m == 0 {
				continue
			}
			a := float64(m) / 255 * op
			k := 3 * (y*w + x)
			for ch := 0; ch < 3; ch++ {
				pix[k+ch] = uint8(float64(pix[k+ch])*(1-a) + c[ch]*a + 0.5)
			}
		}
	}
}
