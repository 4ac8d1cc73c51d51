package ocr

import (
	"context"
	"fmt"
	"image"
	"image/color"
)

// Image reads the text of img with Tesseract. dpi, when > 0, is the
// image's resolution (Tesseract guesses it otherwise). The image is
// handed to Tesseract in grey (PGM, on its standard input); no file is
// written.
func Image(ctx context.Context, img image.Image, dpi int, opt Options) (*Page, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b := img.Bounds()
	if b.Empty() {
		return nil, fmt.Errorf("OCR: the image is empty")
	}
	p, err := run(ctx, opt, pgm(img), dpi)
	if err != nil {
		return nil, err
	}
	// Boxes are relative to the image's bounds' corner.
	if b.Min != (image.Point{}) {
		for i := range p.Paragraphs {
			para := &p.Paragraphs[i]
			para.Box = para.Box.Add(b.Min)
			for j := range para.Lines {
				l := &para.Lines[j]
				l.Box = l.Box.Add(b.Min)
				for k := range l.Words {
					l.Words[k].Box = l.Words[k].Box.Add(b.Min)
				}
			}
		}
	}
	p.Width, p.Height = b.Dx(), b.Dy()
	return p, nil
}

// pgm encodes img as a binary PGM (P5) in grey, as fast as it can: the
// formats the renderer and the decoders give are read directly.
func pgm(img image.Image) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	head := fmt.Sprintf("P5\n%d %d\n255\n", w, h)
	out := make([]byte, len(head)+w*h)
	copy(out, head)
	px := out[len(head):]
	switch m := img.(type) {
	case *image.Gray:
		for y := range h {
			copy(px[y*w:(y+1)*w], m.Pix[y*m.Stride:y*m.Stride+w])
		}
	case *image.RGBA:
		for y := range h {
			row := m.Pix[y*m.Stride : y*m.Stride+4*w]
			for x := range w {
				px[y*w+x] = luma(row[4*x], row[4*x+1], row[4*x+2])
			}
		}
	case *image.NRGBA:
		for y := range h {
			row := m.Pix[y*m.Stride : y*m.Stride+4*w]
			for x := range w {
				// Transparent pixels on white, as a page is.
				a := uint32(row[4*x+3])
				px[y*w+x] = uint8((uint32(luma(row[4*x], row[4*x+1], row[4*x+2]))*a + 255*(255-a)) / 255)
			}
		}
	default:
		for y := range h {
			for x := range w {
				px[y*w+x] = color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y
			}
		}
	}
	return out
}

// luma is the grey of an sRGB colour (ITU-R 601, as color.GrayModel).
func luma(r, g, b uint8) uint8 {
	return uint8((19595*uint32(r) + 38470*uint32(g) + 7471*uint32(b) + 1<<15) >> 16)
}
