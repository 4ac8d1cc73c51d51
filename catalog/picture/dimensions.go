package picture

import "os"

// Dimensions returns the pixel size the image in data declares, read by
// libvips from its header without decoding a pixel: for a file whose own
// tags give no size (a BigTIFF whose width is past 32 bits, say).
// ErrUnsupported without libvips.
func Dimensions(data []byte) (w, h int, err error) {
	return vipsDimensions(vipsSource{data: data})
}

// FileDimensions is Dimensions of an open file, read from the file.
func FileDimensions(file *os.File) (w, h int, err error) {
	return vipsDimensions(vipsSource{file: file})
}
