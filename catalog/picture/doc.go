// Package picture decodes the pictures Exhibit catalogs, fast and safely:
// thumbnails at import, previews on demand and full-size images for 100 %
// zoom, each turned upright by its EXIF orientation.
//
// JPEG is decoded with libjpeg-turbo's TurboJPEG API through cgo (Debian
// package libturbojpeg0-dev), using DCT scaling (1/8, 1/4, 3/8, ... 7/8) so
// that a thumbnail of a 24 MP photo never decodes all 24 million pixels.
// A build without cgo falls back to image/jpeg at full size (see Backend).
// PNG, GIF, TIFF and WebP are decoded by the Go decoders. HEIC is not
// decoded (ErrUnsupported): see errHEIC.
//
// Every decoder is guarded: the declared size is checked against MaxPixels
// before any pixel is decoded, and a panic inside a decoder becomes an error.
package picture
