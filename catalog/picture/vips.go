//go:build cgo

package picture

/*
#cgo pkg-config: vips
#include <stdlib.h>
#include <string.h>
#include <vips/vips.h>

static void ex_vips_quiet(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data) {}

// ex_vips_start starts libvips once: no operation cache (every decode is
// of a new file), its warnings kept off standard error (they are read
// back as errors, see vipsRun).
static int ex_vips_start(void) {
	if (VIPS_INIT("exhibit")) return -1;
	vips_cache_set_max(0);
	vips_leak_set(FALSE);
	g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE, ex_vips_quiet, NULL);
	return 0;
}

// ex_vips_header reads the size an image declares, without decoding it,
// from buf (len bytes) or, when buf is NULL, from file descriptor fd.
static int ex_vips_header(const void *buf, size_t len, int fd, int *w, int *h) {
	VipsImage *im = NULL;
	if (buf) {
		im = vips_image_new_from_buffer(buf, len, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
	} else {
		VipsSource *s = vips_source_new_from_descriptor(fd);
		if (!s) return -1;
		im = vips_image_new_from_source(s, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
		g_object_unref(s);
	}
	if (!im) return -1;
	*w = im->Xsize;
	*h = im->Ysize;
	g_object_unref(im);
	return 0;
}

// ex_vips_open loads an image from buf or fd (see ex_vips_header): shrunk
// on load to fit long×long when long > 0 (vips_thumbnail: JPEG DCT
// scaling, TIFF pyramids, tiles and strips streamed), else at full size;
// as stored (no EXIF rotation), in sRGB, 8 bits, 4 bands (RGBA).
static int ex_vips_open(const void *buf, size_t len, int fd, int long_side, int fail_on, VipsImage **out) {
	VipsImage *t = NULL, *u = NULL;
	VipsSource *s = NULL;
	int r;
	if (!buf) {
		s = vips_source_new_from_descriptor(fd);
		if (!s) return -1;
	}
	if (long_side > 0 && buf) {
		r = vips_thumbnail_buffer((void *)buf, len, &t, long_side, "height", long_side,
			"size", VIPS_SIZE_DOWN, "no_rotate", TRUE, "fail_on", fail_on, NULL);
	} else if (long_side > 0) {
		r = vips_thumbnail_source(s, &t, long_side, "height", long_side,
			"size", VIPS_SIZE_DOWN, "no_rotate", TRUE, "fail_on", fail_on, NULL);
	} else if (buf) {
		t = vips_image_new_from_buffer(buf, len, "", "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", fail_on, NULL);
		r = t ? 0 : -1;
	} else {
		t = vips_image_new_from_source(s, "", "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", fail_on, NULL);
		r = t ? 0 : -1;
	}
	if (s) g_object_unref(s);
	if (r) return -1;
	// CMYK, Lab, 16-bit, float, grey: to 8-bit sRGB
	if (t->Type != VIPS_INTERPRETATION_sRGB || t->BandFmt != VIPS_FORMAT_UCHAR || t->Bands < 3) {
		if (vips_colourspace(t, &u, VIPS_INTERPRETATION_sRGB, NULL)) goto fail;
		g_object_unref(t); t = u; u = NULL;
	}
	if (t->Bands > 4) {
		if (vips_extract_band(t, &u, 0, "n", 4, NULL)) goto fail;
		g_object_unref(t); t = u; u = NULL;
	}
	if (t->Bands == 3) {
		if (vips_bandjoin_const1(t, &u, 255, NULL)) goto fail;
		g_object_unref(t); t = u; u = NULL;
	}
	if (t->BandFmt != VIPS_FORMAT_UCHAR) {
		if (vips_cast_uchar(t, &u, NULL)) goto fail;
		g_object_unref(t); t = u; u = NULL;
	}
	if (t->Bands != 4) {
		vips_error("exhibit", "%d bands after conversion to sRGB", t->Bands);
		goto fail;
	}
	*out = t;
	return 0;
fail:
	g_object_unref(t);
	return -1;
}

// ex_vips_copy computes im (w×h, RGBA) strip by strip into dst, w*4 bytes
// a row, and releases im.
static int ex_vips_copy(VipsImage *im, unsigned char *dst) {
	VipsRegion *reg = vips_region_new(im);
	int w = im->Xsize, h = im->Ysize, r = 0;
	for (int y = 0; y < h && r == 0; y += 64) {
		VipsRect rect = {0, y, w, VIPS_MIN(64, h - y)};
		r = vips_region_prepare(reg, &rect);
		for (int i = 0; r == 0 && i < rect.height; i++)
			memcpy(dst + (size_t)(y + i) * w * 4, VIPS_REGION_ADDR(reg, 0, y + i), (size_t)w * 4);
	}
	g_object_unref(reg);
	g_object_unref(im);
	return r;
}

static int ex_width(VipsImage *im) { return im->Xsize; }
static int ex_height(VipsImage *im) { return im->Ysize; }
static void ex_unref(VipsImage *im) { g_object_unref(im); }
*/
import "C"

import (
	"errors"
	"fmt"
	"image"
	"strings"
	"sync"
	"unsafe"
)

// libvips reports errors and warnings in one buffer for the whole process;
// vipsMu keeps the message of one file from mixing with another's. Every
// decode holds it for reading; when one fails, it is run again holding it
// alone, to read its message (see vipsRun).
var (
	vipsMu      sync.RWMutex
	vipsOnce    sync.Once
	vipsStarted error
)

// startVips starts libvips on first use.
func startVips() error {
	vipsOnce.Do(func() {
		if C.ex_vips_start() != 0 {
			vipsStarted = errors.New("libvips would not start")
		}
	})
	return vipsStarted
}

// args returns the buffer or file descriptor for the C functions.
func (s vipsSource) args() (unsafe.Pointer, C.size_t, C.int) {
	if s.file != nil {
		return nil, 0, C.int(s.file.Fd())
	}
	if len(s.data) == 0 {
		return nil, 0, -1
	}
	return unsafe.Pointer(&s.data[0]), C.size_t(len(s.data)), -1
}

// vipsDimensions reads the size src declares, without decoding it.
func vipsDimensions(src vipsSource) (int, int, error) {
	if err := startVips(); err != nil {
		return 0, 0, err
	}
	buf, n, fd := src.args()
	if buf == nil && fd < 0 {
		return 0, 0, errors.New("empty data")
	}
	var w, h C.int
	vipsMu.RLock()
	rc := C.ex_vips_header(buf, n, fd, &w, &h)
	vipsMu.RUnlock()
	if rc != 0 {
		return 0, 0, fmt.Errorf("libvips: %s", vipsMessage(func() C.int { return C.ex_vips_header(buf, n, fd, &w, &h) }))
	}
	return int(w), int(h), nil
}

// decodeVips decodes src with libvips: shrunk on load to fit long×long
// when long > 0, else at full size (then refused over MaxPixels). The
// declared size is checked before any pixel is decoded: a side over
// MaxSide is refused. Damage libvips decodes past (with its loaders'
// fail_on=none) gives the image and an error wrapping ErrRecovered that
// names it.
func decodeVips(src vipsSource, long int) (image.Image, error) {
	if err := startVips(); err != nil {
		return nil, err
	}
	buf, n, fd := src.args()
	if buf == nil && fd < 0 {
		return nil, errors.New("empty data")
	}
	var w, h C.int
	vipsMu.RLock()
	rc := C.ex_vips_header(buf, n, fd, &w, &h)
	vipsMu.RUnlock()
	if rc != 0 {
		return nil, fmt.Errorf("libvips: %s", vipsMessage(func() C.int { return C.ex_vips_header(buf, n, fd, &w, &h) }))
	}
	if err := checkSide(int(w), int(h)); err != nil {
		return nil, err
	}
	size := int64(len(src.data))
	if src.file != nil {
		fi, err := src.file.Stat()
		if err != nil {
			return nil, err
		}
		size = fi.Size()
	}
	if err := checkDensity(int(w), int(h), size); err != nil {
		return nil, err
	}
	if long <= 0 {
		if err := checkSize(int(w), int(h)); err != nil {
			return nil, err
		}
	}
	return vipsRun(func(failOn C.int) (image.Image, C.int) {
		var im *C.VipsImage
		if C.ex_vips_open(buf, n, fd, C.int(long), failOn, &im) != 0 {
			return nil, -1
		}
		iw, ih := int(C.ex_width(im)), int(C.ex_height(im))
		if long <= 0 && int64(iw)*int64(ih) > MaxPixels {
			C.ex_unref(im)
			return nil, -1
		}
		out := image.NewNRGBA(image.Rect(0, 0, iw, ih))
		if C.ex_vips_copy(im, (*C.uchar)(unsafe.Pointer(&out.Pix[0]))) != 0 {
			return nil, -1
		}
		return out, 0
	})
}

// vipsRun runs decode with fail_on=warning, so that any damage fails it;
// if it fails, it runs it again alone (no other decode writing libvips's
// error buffer) to read the message, then with fail_on=none: an image
// then is decoded despite the damage the message names.
func vipsRun(decode func(failOn C.int) (image.Image, C.int)) (image.Image, error) {
	vipsMu.RLock()
	img, rc := decode(C.VIPS_FAIL_ON_WARNING)
	vipsMu.RUnlock()
	if rc == 0 {
		return img, nil
	}
	vipsMu.Lock()
	defer vipsMu.Unlock()
	C.vips_error_clear()
	_, rc = decode(C.VIPS_FAIL_ON_WARNING)
	strict := errorBuffer()
	if rc == 0 {
		return nil, errors.New("libvips: a decode failed, then succeeded (out of memory?)")
	}
	img, rc = decode(C.VIPS_FAIL_ON_NONE)
	lenient := errorBuffer()
	if rc != 0 || img == nil {
		return nil, fmt.Errorf("libvips: %s", cmpOr(lenient, strict, "unknown error"))
	}
	if strings.Contains(strict, "extraneous bytes before marker") && !strings.Contains(strict, "Premature end") {
		return img, fmt.Errorf("%s: %w", strict, ErrRecovered)
	}
	// Whatever libvips decoded past may have left part of the picture grey.
	return img, fmt.Errorf("%s: %w", cmpOr(strict, "a warning"), ErrPartial)
}

// vipsMessage runs f, which failed before, alone, and returns libvips's
// error message.
func vipsMessage(f func() C.int) string {
	vipsMu.Lock()
	defer vipsMu.Unlock()
	C.vips_error_clear()
	f()
	return cmpOr(errorBuffer(), "unknown error")
}

// errorBuffer returns libvips's error messages, on one line, and clears them.
func errorBuffer() string {
	s := strings.TrimSpace(C.GoString(C.vips_error_buffer()))
	C.vips_error_clear()
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}

// cmpOr returns the first of s that is not empty.
func cmpOr(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// hasVips tells whether this build has libvips.
const hasVips = true
