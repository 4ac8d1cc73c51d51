package picture

import (
	"bytes"
	"fmt"
	"github.com/exhibit-app/exhibit/catalog/meta"
	"image"
	"image/gif"
	"image/png"
	"io"

	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"
)

// Decode decodes data, whose format is named as catalog/meta names it
// ("jpeg", "png", "tiff", "webp", "gif"; "" to sniff it), at the
// smallest scale whose long side is still at least minLong pixels (0: full
// size). Only JPEG is decoded at a reduced scale (DCT scaling, with cgo);
// the other formats are decoded at full size, so the result may be larger
// than asked: resize it.
//
// Images whose declared size is over MaxPixels are refused before decoding
// (ErrTooLarge); other formats, HEIC included, give ErrUnsupported. A
// damaged file of which a part could be decoded gives that image together
// with an error wrapping ErrPartial. A panic inside a decoder is returned as
// an error.
func Decode(data []byte, format string, minLong int) (img image.Image, err error) {
	if format == "" {
		format = meta.Sniff(data)
	}
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("decode %s: decoder failed: %v", format, r)
		}
	}()
	switch format {
	case "jpeg":
		img, err = decodeJPEG(data, minLong)
	case "heic":
		return nil, fmt.Errorf("decode heic: %w", errHEIC)
	default:
		c, ok := stdCodecs[format]
		if !ok {
			return nil, fmt.Errorf("decode %q: %w", format, ErrUnsupported)
		}
		img, err = decodeGuarded(data, c.config, c.decode)
	}
	if err != nil {
		err = fmt.Errorf("decode %s: %w", format, err)
	}
	return img, err
}

// codec is a pure-Go decoder from the standard library or golang.org/x/image.
type codec struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}

var stdCodecs = map[string]codec{
	"png":  {png.DecodeConfig, png.Decode},
	"gif":  {gif.DecodeConfig, gif.Decode},
	"tiff": {tiff.DecodeConfig, tiff.Decode},
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
