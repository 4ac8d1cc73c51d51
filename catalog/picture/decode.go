package picture

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/exhibit-app/exhibit/catalog/meta"
	"image"
	"image/gif"
	"image/png"
	"io"
	"os"

	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"
)

// Decode decodes data, whose format is named as catalog/meta names it
// ("jpeg", "png", "tiff", "webp", "gif", "heic", "avif"; "" to sniff it),
// at the smallest scale whose long side is still at least minLong pixels
// (0: full size). JPEG is decoded at a reduced scale (DCT scaling, with
// cgo), TIFF and images over MaxPixels shrunk on load by libvips; the
// other formats are decoded at full size, so the result may be larger than
// asked: resize it. Pixels come as stored: turn them upright with Upright.
//
// The decoders: JPEG by libjpeg-turbo; HEIC and AVIF by libheif; TIFF in
// all its variants (BigTIFF, tiled, JPEG or Deflate compressed, 16-bit,
// float, CMYK, planar) by libvips (libtiff); PNG, GIF and WebP by the Go
// decoders; JPEG 2000 and Netpbm by libvips's own loaders, BMP, icons,
// PCX and Photoshop by ImageMagick through libvips. A file a standard
// decoder refuses is tried with libvips too.
//
// A side over MaxSide is refused before decoding (ErrTooLarge), as is a
// full-size decode over MaxPixels; a format no decoder knows gives
// ErrUnsupported. A damaged file gives the image that could be decoded
// together with an error wrapping ErrPartial (part of it is missing) or
// ErrRecovered (damage the decoder went past): see Damaged. A panic inside
// a decoder is returned as an error.
func Decode(data []byte, format string, minLong int) (img image.Image, err error) {
	if format == "" {
		format = meta.Sniff(data)
	}
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("decode %s: decoder failed: %v", format, r)
		}
	}()
	img, err = decodeFormat(data, format, minLong)
	var large *shrinkOnly
	switch {
	case errors.As(err, &large) && minLong > 0 && hasVips && format != "heic" && format != "avif":
		// Over MaxPixels: shrunk on load, in little memory, unless the
		// file is far too small for its size.
		if err = checkDensity(large.w, large.h, int64(len(data))); err == nil {
			img, err = decodeVips(vipsSource{data: data}, minLong)
		}
	case img == nil && err != nil && !errors.Is(err, ErrTooLarge) && hasVips && vipsMayHelp(format):
		// Refused by a standard decoder: libvips may get the pixels.
		if vimg, verr := decodeVips(vipsSource{data: data}, minLong); vimg != nil {
			img, err = vimg, verr
		}
	}
	if err != nil {
		err = fmt.Errorf("decode %s: %w", format, err)
	}
	return img, err
}

// decodeFormat decodes data with the decoder of its format.
func decodeFormat(data []byte, format string, minLong int) (image.Image, error) {
	switch format {
	case "jpeg":
		return decodeJPEG(data, minLong)
	case "png":
		return decodePNG(data)
	case "heic", "avif":
		if !hasHEIF {
			return nil, errHEIC
		}
		return decodeHEIF(data)
	case "tiff":
		if hasVips {
			return decodeVips(vipsSource{data: data}, minLong)
		}
	}
	if meta.VipsOnly(format) {
		if !hasVips {
			return nil, fmt.Errorf("%q without libvips: %w", format, ErrUnsupported)
		}
		return decodeVips(vipsSource{data: data}, minLong)
	}
	c, ok := stdCodecs[format]
	if !ok {
		return nil, fmt.Errorf("%q: %w", format, ErrUnsupported)
	}
	return decodeGuarded(data, c.config, c.decode)
}

// vipsMayHelp tells whether libvips is worth a try after the decoder of
// format failed: it has decoded TIFF already, and has no better HEIF decoder.
func vipsMayHelp(format string) bool {
	switch format {
	case "jpeg", "png", "gif", "webp":
		return true
	}
	return false
}

// DecodeFile is Decode for an image too large to hold in memory, read from
// file (opened by the caller; its offset does not matter): with minLong > 0
// it is shrunk on load by libvips, streaming through its strips or tiles.
// Without libvips, or at full size, it gives ErrUnsupported.
func DecodeFile(file *os.File, minLong int) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("decode %s: decoder failed: %v", file.Name(), r)
		}
	}()
	if !hasVips || minLong <= 0 {
		return nil, fmt.Errorf("decode %s: full size from a file: %w", file.Name(), ErrUnsupported)
	}
	img, err = decodeVips(vipsSource{file: file}, minLong)
	if err != nil {
		err = fmt.Errorf("decode %s: %w", file.Name(), err)
	}
	return img, err
}

// vipsSource is where libvips reads an image: data, or an open file.
type vipsSource struct {
	data []byte
	file *os.File
}

// codec is a pure-Go decoder from the standard library or golang.org/x/image.
type codec struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}

var stdCodecs = map[string]codec{
	"png":  {png.DecodeConfig, png.Decode},
	"gif":  {gif.DecodeConfig, gif.Decode},
	"tiff": {tiff.DecodeConfig, tiff.Decode}, // builds without cgo
	"webp": {webp.DecodeConfig, webp.Decode},
}

// decodeGuarded reads the declared size with config, refuses it if too
// large, then decodes at full size.
func decodeGuarded(data []byte, config func(io.Reader) (image.Config, error), decode func(io.Reader) (image.Image, error)) (image.Image, error) {
	cfg, err := config(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	if err := checkSize(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	img, err := decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return img, nil
}
