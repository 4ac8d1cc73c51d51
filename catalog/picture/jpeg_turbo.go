//go:build cgo

package picture

/*
#cgo LDFLAGS: -lturbojpeg
#include <stdlib.h>
#include <turbojpeg.h>
*/
import "C"

import (
	"errors"
	"fmt"
	"image"
	"runtime"
	"strings"
	"unsafe"
)

// Backend names the JPEG decoder this build uses.
func Backend() string {
	return "libjpeg-turbo (TurboJPEG, cgo) with DCT scaling"
}

// decodeFlags: accurate DCT and fancy upsampling (the defaults), go on
// after warnings so that a truncated file gives a partial image, and refuse
// progressive files with more than 500 scans (a denial-of-service guard).
const decodeFlags = C.TJFLAG_LIMITSCANS

// decodeJPEG decodes data with TurboJPEG at the smallest DCT scale whose
// long side is at least minLong. Grayscale JPEGs give *image.Gray, colour
// ones *image.RGBA; CMYK and YCCK JPEGs go to image/jpeg at full size.
func decodeJPEG(data []byte, minLong int) (image.Image, error) {
	if len(data) == 0 {
		return nil, errors.New("empty data")
	}
	if err := checkJPEG(data); err != nil {
		return nil, err
	}
	// TurboJPEG keeps some messages in a thread-local buffer, not in the
	// handle: the calls and the reading of their message must run on one
	// thread (a goroutine may otherwise move between them, and read "No
	// error").
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	h := C.tjInitDecompress()
	if h == nil {
		return nil, errors.New("cannot start the TurboJPEG decompressor")
	}
	defer C.tjDestroy(h)

	src := (*C.uchar)(unsafe.Pointer(&data[0]))
	size := C.ulong(len(data))
	var cw, ch, subsamp, colorspace C.int
	if C.tjDecompressHeader3(h, src, size, &cw, &ch, &subsamp, &colorspace) != 0 {
		// A warning while reading the header (junk between two segments
		// before the scan, say) leaves the header read: decode, and
		// tjDecompress2, which reads it again, reports the warning below.
		// Refused here, the file went to libvips, which shrinks it on load
		// without a word of the damage.
		if C.tjGetErrorCode(h) != C.TJERR_WARNING || cw <= 0 || ch <= 0 {
			return nil, fmt.Errorf("read header: %s", tjError(h))
		}
	}
	w, ht := int(cw), int(ch)
	if err := checkSize(w, ht); err != nil {
		return nil, err
	}
	if colorspace == C.TJCS_CMYK || colorspace == C.TJCS_YCCK {
		return decodeJPEGStd(data)
	}

	m := pickScale(w, ht, minLong, dctScales)
	sw, sh := scaled(w, m), scaled(ht, m)
	var img image.Image
	var pix []byte
	var stride int
	var format C.int
	if colorspace == C.TJCS_GRAY {
		g := image.NewGray(image.Rect(0, 0, sw, sh))
		img, pix, stride, format = g, g.Pix, g.Stride, C.TJPF_GRAY
	} else {
		rgba := image.NewRGBA(image.Rect(0, 0, sw, sh))
		img, pix, stride, format = rgba, rgba.Pix, rgba.Stride, C.TJPF_RGBA
	}
	rc := C.tjDecompress2(h, src, size, (*C.uchar)(unsafe.Pointer(&pix[0])),
		C.int(sw), C.int(stride), C.int(sh), format, decodeFlags)
	if rc != 0 {
		msg := tjError(h)
		if C.tjGetErrorCode(h) == C.TJERR_WARNING {
			if strings.Contains(msg, "extraneous bytes before marker") {
				// Junk between two segments: the picture is whole.
				return img, fmt.Errorf("%s: %w", msg, ErrRecovered)
			}
			return img, fmt.Errorf("%s: %w", msg, ErrPartial)
		}
		return nil, errors.New(msg)
	}
	return img, nil
}

// tjError returns the last TurboJPEG error message of handle h.
func tjError(h C.tjhandle) string {
	return C.GoString(C.tjGetErrorStr2(h))
}

// hasDCTScaling tells whether decodeJPEG honours minLong.
const hasDCTScaling = true
