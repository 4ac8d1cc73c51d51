//go:build !cgo

package picture

import "image"

// decodeVips: a build without cgo has no libvips.
func decodeVips(vipsSource, int) (image.Image, error) { return nil, ErrUnsupported }

// vipsDimensions: a build without cgo has no libvips.
func vipsDimensions(vipsSource) (int, int, error) { return 0, 0, ErrUnsupported }

// decodeHEIF: a build without cgo has no libheif.
func decodeHEIF([]byte) (image.Image, error) { return nil, errHEIC }

// hasVips tells whether this build has libvips.
const hasVips = false

// hasHEIF tells whether this build decodes HEIC and AVIF.
const hasHEIF = false
