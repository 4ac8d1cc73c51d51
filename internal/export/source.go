package export

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/catalog/picture"
	"github.com/exhibit-app/exhibit/internal/annot"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

// maxAlignedZoom bounds how much larger than its frame an aligned after
// image is decoded when the alignment enlarges it.
const maxAlignedZoom = 4

// originalSource makes the picture of im from its original, upright, when
// its page is written: read (checked against its SHA-256) and decoded at
// the smallest scale the print needs.
func originalSource(ctx context.Context, c *catalog.Case, im *catalog.Image) sheet.Source {
	return func(minLong int) (sheet.Picture, error) {
		return decodeOriginal(ctx, c, im, minLong)
	}
}

// alignedSource makes the picture of the after image of an aligned pair:
// its original resampled through t into the before image's frame, of
// frameW×frameH's shape, with a long side of the minLong asked for.
func alignedSource(ctx context.Context, c *catalog.Case, after *catalog.Image, t annot.Transform, frameW, frameH int) sheet.Source {
	return func(minLong int) (sheet.Picture, error) {
		fw, fh := fitLong(frameW, frameH, minLong)
		// An after pixel covers |det| of the frame (in fractions): decode
		// about as many pixels as the frame shows of it.
		aw, ah := after.UprightSize()
		det := math.Abs(t.M[0]*t.M[4] - t.M[1]*t.M[3])
		ratio := float64(fw*fh) / float64(max(fw, fh)*max(fw, fh)) * float64(max(aw, ah)*max(aw, ah)) / float64(max(1, aw*ah))
		need := int(math.Ceil(float64(minLong) * math.Sqrt(det*ratio)))
		need = max(1, min(need, maxAlignedZoom*minLong))
		pic, err := decodeOriginal(ctx, c, after, need)
		if err != nil {
			return pic, err
		}
		warped, err := annot.Warp(pic.Image, t, fw, fh)
		if err != nil {
			return sheet.Picture{}, fmt.Errorf("align the after image: %w", err)
		}
		return sheet.Picture{Image: warped, Damaged: pic.Damaged}, nil
	}
}

// fitLong returns w×h scaled so that its long side is long pixels.
func fitLong(w, h, long int) (int, int) {
	if w <= 0 || h <= 0 {
		return long, long * 3 / 4
	}
	s := float64(long) / float64(max(w, h))
	return max(1, int(math.Round(float64(w)*s))), max(1, int(math.Round(float64(h)*s)))
}

// decodeOriginal reads im's original and decodes it, upright, with a long
// side of at least minLong pixels when it has that many. A damaged
// original is decoded as far as it can be, and said to be; one of which
// nothing could be decoded is an error.
func decodeOriginal(ctx context.Context, c *catalog.Case, im *catalog.Image, minLong int) (sheet.Picture, error) {
	data, _, err := c.ReadOriginal(ctx, im)
	if err != nil {
		return sheet.Picture{}, err
	}
	img, err := picture.Decode(data, im.Format, minLong)
	var damaged string
	switch {
	case img != nil && errors.Is(err, picture.ErrPartial):
		if got := decodedShare(img); got < minDecodedShare {
			return sheet.Picture{}, fmt.Errorf("the original is damaged past what the decoder recovers: nothing of its picture could be decoded but %.1f %% (%v)", 100*got, err)
		}
		damaged = err.Error()
	case err != nil:
		return sheet.Picture{}, fmt.Errorf("cannot decode the original: %w", err)
	}
	return sheet.Picture{Image: picture.Upright(img, im.Orientation), Damaged: damaged}, nil
}

// minDecodedShare is the least share of its pixels a damaged original
// must have decoded to be printed (with a note) rather than replaced by a
// placeholder.
const minDecodedShare = 0.01

// decodedShare returns the share of img's pixels that are not the
// decoder's grey fill (128, 128, 128): about what a damaged file gave.
func decodedShare(img image.Image) float64 {
	b := img.Bounds()
	if b.Empty() {
		return 0
	}
	grey := 0
	if m, ok := img.(*image.RGBA); ok {
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := m.Pix[m.PixOffset(b.Min.X, y):m.PixOffset(b.Max.X, y)]
			for i := 0; i < len(row); i += 4 {
				if row[i] == 128 && row[i+1] == 128 && row[i+2] == 128 {
					grey++
				}
			}
		}
	} else {
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if r, g, bl, _ := img.At(x, y).RGBA(); r>>8 == 128 && g>>8 == 128 && bl>>8 == 128 {
					grey++
				}
			}
		}
	}
	return 1 - float64(grey)/float64(b.Dx()*b.Dy())
}
