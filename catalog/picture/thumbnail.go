package picture

import (
	"errors"
	"fmt"
	"image"
	"os"

	"github.com/disintegration/imaging"
)

// Sizes of the pictures Exhibit makes, as the length of the long side.
const (
	ThumbLong   = 256  // thumbnails, made at import
	PreviewLong = 1600 // previews, made on demand
)

// Thumbnail decodes data (see Decode) at a reduced scale, resizes it so its
// long side is long pixels (it never enlarges) and turns it upright by the
// EXIF orientation. It serves for previews too (long = PreviewLong).
//
// Thumbnails (long up to 512) are decoded at 1.5 times their size or more
// (for camera photos of 12 to 24 MP, the 1/8 DCT scale) before a
// Catmull-Rom resize: against a Lanczos resize of the full-size decode
// the mean difference is about 1 level in 255, invisible, for 10 to 15 %
// less CPU than twice the size and Lanczos. Larger pictures such as
// previews are decoded at their size or more, which costs half as much
// (the resize of a large image is slow) for a difference hard to see. As with Decode, a damaged file may
// give an image together with an error: see Damaged.
func Thumbnail(data []byte, format string, orientation, long int) (img image.Image, err error) {
	if long <= 0 {
		return nil, fmt.Errorf("thumbnail: invalid size %d", long)
	}
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("thumbnail: %v", r)
		}
	}()
	img, err = Decode(data, format, decodeLong(long))
	if img == nil {
		if err == nil {
			err = errors.New("no image")
		}
		return nil, fmt.Errorf("thumbnail: %w", err)
	}
	img = Upright(Fit(img, long), orientation)
	if err != nil {
		err = fmt.Errorf("thumbnail: %w", err)
	}
	return img, err
}

// ThumbnailFile is Thumbnail for a picture too large to read into memory,
// read from file by libvips (see DecodeFile).
func ThumbnailFile(file *os.File, orientation, long int) (img image.Image, err error) {
	if long <= 0 {
		return nil, fmt.Errorf("thumbnail: invalid size %d", long)
	}
	img, err = DecodeFile(file, decodeLong(long))
	if img == nil {
		return nil, fmt.Errorf("thumbnail: %w", err)
	}
	img = Upright(Fit(img, long), orientation)
	if err != nil {
		err = fmt.Errorf("thumbnail: %w", err)
	}
	return img, err
}

// decodeLong is the least long side Thumbnail decodes at for a picture
// whose long side is long.
func decodeLong(long int) int {
	if long <= 2*ThumbLong {
		return long * 3 / 2
	}
	return long
}

// Fit resizes img with a Catmull-Rom filter so that its long side is long
// pixels, keeping its proportions; an image already that small or smaller
// is returned unchanged.
func Fit(img image.Image, long int) image.Image {
	b := img.Bounds()
	if max(b.Dx(), b.Dy()) <= long {
		return img
	}
	return imaging.Fit(img, long, long, fitFilter)
}

// fitFilter is the resampling filter of Fit (a variable for benchmarks).
var fitFilter = imaging.CatmullRom
