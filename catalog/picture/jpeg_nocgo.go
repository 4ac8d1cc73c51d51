//go:build !cgo

package picture

import "image"

// Backend names the JPEG decoder this build uses.
func Backend() string {
	return "image/jpeg (built without cgo: full-size decode, no DCT scaling, slow)"
}

// decodeJPEG decodes data at full size with image/jpeg: without cgo there
// is no DCT scaling, so minLong is ignored.
func decodeJPEG(data []byte, minLong int) (image.Image, error) {
	if err := checkJPEG(data); err != nil {
		return nil, err
	}
	return decodeJPEGStd(data)
}

// hasDCTScaling tells whether decodeJPEG honours minLong.
const hasDCTScaling = false
