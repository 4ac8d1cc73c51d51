package picture

import (
	"image"
	"image/jpeg"
)

// decodeJPEGStd decodes data at full size with image/jpeg, after checking
// the declared size.
func decodeJPEGStd(data []byte) (image.Image, error) {
	return decodeGuarded(data, jpeg.DecodeConfig, jpeg.Decode)
}
