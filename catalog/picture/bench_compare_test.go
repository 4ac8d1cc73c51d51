//go:build cgo && benchcompare

package picture

// The other JPEG decoders that were measured against TurboJPEG, compiled
// only with -tags benchcompare: pixiv/go-libjpeg needs libjpeg62-turbo-dev.

import (
	"bytes"
	"image"

	"github.com/gen2brain/jpegli"
	libjpeg "github.com/pixiv/go-libjpeg/jpeg"
)

// scaleTarget is the size DCT scaling must not go below, for a w×h JPEG
// whose long side must stay at least 2×ThumbLong.
func scaleTarget(data []byte) (image.Rectangle, error) {
	cfg, err := libjpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return image.Rectangle{}, err
	}
	m := pickScale(cfg.Width, cfg.Height, 2*ThumbLong, dctScales)
	return image.Rect(0, 0, scaled(cfg.Width, m), scaled(cfg.Height, m)), nil
}

func init() {
	thumbOptions["pixiv-libjpeg"] = func(data []byte) (image.Image, error) {
		r, err := scaleTarget(data)
		if err != nil {
			return nil, err
		}
		img, err := libjpeg.Decode(bytes.NewReader(data), &libjpeg.DecoderOptions{ScaleTarget: r})
		if err != nil {
			return nil, err
		}
		return Upright(Fit(img, ThumbLong), 1), nil
	}
	thumbOptions["jpegli-wasm"] = func(data []byte) (image.Image, error) {
		r, err := scaleTarget(data)
		if err != nil {
			return nil, err
		}
		img, err := jpegli.DecodeWithOptions(bytes.NewReader(data), &jpegli.DecodingOptions{ScaleTarget: r, FancyUpsampling: true})
		if err != nil {
			return nil, err
		}
		return Upright(Fit(img, ThumbLong), 1), nil
	}
}
