// Package picture decodes the pictures Exhibit catalogs, fast and safely:
// thumbnails at import, previews on demand and full-size images for 100 %
// zoom, each turned upright by its EXIF orientation.
//
// JPEG is decoded with libjpeg-turbo's TurboJPEG API through cgo (Debian
// package libturbojpeg0-dev), using DCT scaling (1/8, 1/4, 3/8, ... 7/8) so
// that a thumbnail of a 24 MP photo never decodes all 24 million pixels.
// HEIC and AVIF are decoded by libheif (libheif-dev), as stored (the
// container's rotation is catalog/meta's orientation). TIFF, and images of
// any format over MaxPixels (up to MaxSide a side), are decoded by libvips
// (libvips-dev), which shrinks on load and streams through strips and
// tiles, so that a 60,000 × 60,000 scan is thumbnailed in a few hundred
// MB. PNG, GIF and WebP are decoded by the Go decoders, with libvips as a
// second try. A build without cgo falls back to image/jpeg at full size and
// the Go TIFF decoder, and has no HEIC (see Backend).
//
// Every decoder is guarded: the declared size is checked against MaxSide,
// MaxPixels and the file's size before any pixel is decoded, and a panic
// inside a decoder becomes an error. Damage a decoder goes past is named
// in an error returned with the image (see Damaged).
package picture
