//go:build cgo

package picture

/*
#cgo pkg-config: libheif
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <libheif/heif.h>

// ex_heif is one decode in progress: the context, the primary image's
// handle and the decoded image, released by ex_heif_free.
typedef struct {
	struct heif_context *ctx;
	struct heif_image_handle *hd;
	struct heif_image *img;
} ex_heif;

static void ex_heif_free(ex_heif *x) {
	if (x->img) heif_image_release(x->img);
	if (x->hd) heif_image_handle_release(x->hd);
	if (x->ctx) heif_context_free(x->ctx);
}

// ex_heif_decode decodes the primary image of the HEIF (HEIC or AVIF) in
// buf into interleaved 8-bit RGBA, as stored: the container's rotation and
// mirroring (irot, imir) are not applied, the caller applies the
// orientation catalog/meta derives from them. It returns 0 on success, -2
// for a declared size over maxPixels (refused before decoding), -1 for an
// error, described in msg (at most msglen bytes).
static int ex_heif_decode(ex_heif *x, const void *buf, size_t len, long long maxPixels,
		int *w, int *h, int *alpha, char *msg, size_t msglen) {
	struct heif_error err;
	x->ctx = heif_context_alloc();
	if (!x->ctx) {
		snprintf(msg, msglen, "cannot allocate a libheif context");
		return -1;
	}
	err = heif_context_read_from_memory_without_copy(x->ctx, buf, len, NULL);
	if (err.code != heif_error_Ok) goto fail;
	err = heif_context_get_primary_image_handle(x->ctx, &x->hd);
	if (err.code != heif_error_Ok) goto fail;
	*w = heif_image_handle_get_width(x->hd);
	*h = heif_image_handle_get_height(x->hd);
	if (*w <= 0 || *h <= 0 || (long long)*w * (long long)*h > maxPixels) return -2;
	*alpha = heif_image_handle_has_alpha_channel(x->hd);
	struct heif_decoding_options *opt = heif_decoding_options_alloc();
	opt->ignore_transformations = 1;
	err = heif_decode_image(x->hd, &x->img, heif_colorspace_RGB, heif_chroma_interleaved_RGBA, opt);
	heif_decoding_options_free(opt);
	if (err.code != heif_error_Ok) goto fail;
	*w = heif_image_get_width(x->img, heif_channel_interleaved);
	*h = heif_image_get_height(x->img, heif_channel_interleaved);
	if (*w <= 0 || *h <= 0) {
		snprintf(msg, msglen, "libheif gave no pixels");
		return -1;
	}
	return 0;
fail:
	snprintf(msg, msglen, "%s", err.message ? err.message : "libheif error");
	return -1;
}

// ex_heif_copy copies the decoded w×h RGBA pixels into dst (w*4 bytes a row).
static void ex_heif_copy(ex_heif *x, unsigned char *dst, int w, int h) {
	int s = 0;
	const uint8_t *p = heif_image_get_plane_readonly(x->img, heif_channel_interleaved, &s);
	for (int y = 0; y < h; y++) memcpy(dst + (size_t)y * w * 4, p + (size_t)y * s, (size_t)w * 4);
}
*/
import "C"

import (
	"errors"
	"fmt"
	"image"
	"unsafe"
)

// decodeHEIF decodes a HEIC or AVIF picture at full size with libheif
// (HEVC by libde265, AV1 by dav1d or libaom), as stored: the caller turns
// it upright by the orientation catalog/meta reads from the container's
// irot and imir properties. libheif cannot decode at a reduced scale, so
// pictures over MaxPixels are refused (ErrTooLarge).
func decodeHEIF(data []byte) (image.Image, error) {
	if len(data) == 0 {
		return nil, errors.New("empty data")
	}
	var x C.ex_heif
	defer C.ex_heif_free(&x)
	var w, h, alpha C.int
	msg := make([]byte, 256)
	rc := C.ex_heif_decode(&x, unsafe.Pointer(&data[0]), C.size_t(len(data)), C.longlong(MaxPixels),
		&w, &h, &alpha, (*C.char)(unsafe.Pointer(&msg[0])), C.size_t(len(msg)))
	switch rc {
	case 0:
	case -2:
		if err := checkSize(int(w), int(h)); err != nil {
			return nil, err
		}
		fallthrough
	default:
		return nil, fmt.Errorf("libheif: %s", C.GoString((*C.char)(unsafe.Pointer(&msg[0]))))
	}
	r := image.Rect(0, 0, int(w), int(h))
	pix := make([]byte, 4*int(w)*int(h))
	C.ex_heif_copy(&x, (*C.uchar)(unsafe.Pointer(&pix[0])), w, h)
	if alpha != 0 {
		return &image.NRGBA{Pix: pix, Stride: 4 * int(w), Rect: r}, nil
	}
	return &image.RGBA{Pix: pix, Stride: 4 * int(w), Rect: r}, nil
}

// hasHEIF tells whether this build decodes HEIC and AVIF.
const hasHEIF = true
