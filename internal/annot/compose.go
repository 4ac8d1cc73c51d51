package annot

import (
	"fmt"
	"image"
	"math"
)

// MaxComposePixels bounds the output of Warp: larger requests are refused
// rather than allocating gigabytes (a 1600 px preview is 2 MP; a 100 MP
// original fits).
const MaxComposePixels = 200_000_000

// The compositing functions serve the compare view and the export. They
// work on premultiplied RGBA; their output has its origin at (0,0) and the
// size of their first image. Where the second image has no pixel (it is
// smaller, or transparent as outside a warped image), the output says so:
// Difference makes those pixels transparent, Blend and Swipe use
// transparent black for the missing pixels. They are safe for concurrent
// use and split their work over all cores.

// Warp resamples the after image into the before image's frame, through t
// (which maps after fractions to before fractions, see Transform), making
// an outW×outH image: the before image's upright size, or its preview's.
// Sampling is bilinear, centre to centre; pixels of the frame that no
// pixel of the after image covers are transparent (alpha 0), so that the
// caller can show them as it likes (checkerboard, black). Downscaling by
// more than 2× aliases: pass a preview of about the output's size.
//
// It fails for a transform that is not invertible and for an empty or
// excessive output size.
func Warp(after image.Image, t Transform, outW, outH int) (*image.RGBA, error) {
	if outW <= 0 || outH <= 0 || int64(outW)*int64(outH) > MaxComposePixels {
		return nil, fmt.Errorf("warp: output size %d×%d is not possible", outW, outH)
	}
	if after == nil {
		return nil, fmt.Errorf("warp: no image")
	}
	if err := t.Validate(); err != nil {
		return nil, fmt.Errorf("warp: %w", err)
	}
	inv, err := t.Invert()
	if err != nil {
		return nil, fmt.Errorf("warp: %w", err)
	}
	src := toRGBA(after)
	out := image.NewRGBA(image.Rect(0, 0, outW, outH))
	aw, ah := src.Rect.Dx(), src.Rect.Dy()
	if aw == 0 || ah == 0 {
		return out, nil
	}
	m := inv.M
	faw, fah := float64(aw), float64(ah)
	// Source pixel coordinates (pixel centres at integers) of the centre
	// of output pixel (i, j) are sx = ax + i·dxx + j·dxy, likewise sy.
	dxx, dxy := m[0]*faw/float64(outW), m[1]*faw/float64(outH)
	dyx, dyy := m[3]*fah/float64(outW), m[4]*fah/float64(outH)
	ax := (m[0]*0.5/float64(outW)+m[1]*0.5/float64(outH)+m[2])*faw - 0.5
	ay := (m[3]*0.5/float64(outW)+m[4]*0.5/float64(outH)+m[5])*fah - 0.5
	// Fixed point with 32 fractional bits: exact enough over any row
	// (drift below 1e-6 px) and cheap to split into pixel and weight.
	const one = 1 << 32
	fix := func(v float64) int64 { return int64(math.Round(v * one)) }
	lox, hix := fix(-0.5), fix(faw-0.5)
	loy, hiy := fix(-0.5), fix(fah-0.5)
	fdxx, fdyx := fix(dxx), fix(dyx)
	pix, stride := src.Pix, src.Stride
	parallelRows(outH, func(y0, y1 int) {
		for j := y0; j < y1; j++ {
			row := out.Pix[j*out.Stride : j*out.Stride+4*outW]
			sx := fix(ax + float64(j)*dxy)
			sy := fix(ay + float64(j)*dyy)
			for i := 0; i < outW; i, sx, sy = i+1, sx+fdxx, sy+fdyx {
				// Covered: the sample lies within the after image's area.
				if sx < lox || sx > hix || sy < loy || sy > hiy {
					continue
				}
				x0, y0 := int(sx>>32), int(sy>>32)
				wx, wy := uint32(sx>>24)&0xff, uint32(sy>>24)&0xff
				x1, yy1 := x0+1, y0+1
				x0, y0 = max(x0, 0), max(y0, 0)
				x1, yy1 = min(x1, aw-1), min(yy1, ah-1)
				// Bilinear on four 16-bit lanes at once: across, then down.
				top := lerpLanes(spread(pix[y0*stride+4*x0:]), spread(pix[y0*stride+4*x1:]), wx)
				bot := lerpLanes(spread(pix[yy1*stride+4*x0:]), spread(pix[yy1*stride+4*x1:]), wx)
				v := lerpLanes(top, bot, wy)
				o := row[4*i:][:4]
				o[0], o[1], o[2], o[3] = uint8(v), uint8(v>>16), uint8(v>>32), uint8(v>>48)
			}
		}
	})
	return out, nil
}

// spread loads the 4 bytes of a pixel into the low bytes of four 16-bit
// lanes.
func spread(p []uint8) uint64 {
	p = p[:4]
	return uint64(p[0]) | uint64(p[1])<<16 | uint64(p[2])<<32 | uint64(p[3])<<48
}

// lerpLanes returns a + (b−a)·w/256, rounded, in each 16-bit lane of
// 8-bit values (w in 0..255).
func lerpLanes(a, b uint64, w uint32) uint64 {
	const lanes, half = 0x00ff00ff00ff00ff, 0x0080008000800080
	v := a*uint64(256-w) + b*uint64(w) // each lane ≤ 255·256: no carry
	return (v + half) >> 8 & lanes
}

// Difference returns the per-pixel absolute difference of a and b,
// multiplied by gain and clamped: identical pixels are black, changes
// light up. gain ≤ 0 or not a number is taken as 1; 4 to 8 makes small
// changes visible. The result is opaque where both images are; where
// either is transparent (outside a warped image) it is as transparent as
// the more transparent of the two, and fully transparent where b has no
// pixel. The difference is of premultiplied values, which for opaque
// photos is the plain colour difference.
func Difference(a, b image.Image, gain float64) *image.RGBA {
	if !finite(gain) || gain <= 0 {
		gain = 1
	}
	g := uint32(math.Min(gain, 255)*256 + 0.5)
	var lut [256]uint8 // |difference| → output value
	for d := range lut {
		lut[d] = uint8(min((uint32(d)*g+128)>>8, 255))
	}
	return combine(a, b, func(pa, pb, o []uint8) {
		for i := 0; i+3 < len(o); i += 4 {
			p, q, r := pa[i:i+4:i+4], pb[i:i+4:i+4], o[i:i+4:i+4]
			al := min(p[3], q[3])
			if al == 0 {
				continue
			}
			dr, dg, db := absDiff(p[0], q[0]), absDiff(p[1], q[1]), absDiff(p[2], q[2])
			if al == 255 {
				r[0], r[1], r[2], r[3] = lut[dr], lut[dg], lut[db], 255
				continue
			}
			a := uint32(al)
			r[0] = uint8(uint32(lut[dr]) * a / 255)
			r[1] = uint8(uint32(lut[dg]) * a / 255)
			r[2] = uint8(uint32(lut[db]) * a / 255)
			r[3] = al
		}
	})
}

// absDiff returns |a−b| without a branch.
func absDiff(a, b uint8) uint8 {
	d := int32(a) - int32(b)
	m := d >> 31
	return uint8((d ^ m) - m)
}

// Blend returns a·(1−alpha) + b·alpha: alpha 0 is a, 1 is b (clamped to
// [0,1]; not a number is 0.5).
func Blend(a, b image.Image, alpha float64) *image.RGBA {
	if math.IsNaN(alpha) {
		alpha = 0.5
	}
	k := uint32(math.Max(0, math.Min(1, alpha))*256 + 0.5)
	return combine(a, b, func(pa, pb, o []uint8) {
		for i := range o {
			o[i] = uint8((uint32(pa[i])*(256-k) + uint32(pb[i])*k + 128) >> 8)
		}
	})
}

// Swipe returns a left of x (a fraction of the width, clamped to [0,1])
// and b right of it: a pixel comes from a when its centre is left of x.
func Swipe(a, b image.Image, x float64) *image.RGBA {
	if math.IsNaN(x) {
		x = 0.5
	}
	ra, rb := toRGBA(a), toRGBA(b)
	w, h := ra.Rect.Dx(), ra.Rect.Dy()
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	// Pixel i is from a when (i+0.5)/w < x, i.e. i < x·w − 0.5.
	split := max(0, min(w, int(math.Ceil(math.Max(0, math.Min(1, x))*float64(w)-0.5))))
	bw, bh := rb.Rect.Dx(), rb.Rect.Dy()
	parallelRows(h, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			o := out.Pix[y*out.Stride : y*out.Stride+4*w]
			copy(o[:4*split], ra.Pix[y*ra.Stride:y*ra.Stride+4*split])
			if y < bh && split < bw {
				end := min(w, bw)
				copy(o[4*split:4*end], rb.Pix[y*rb.Stride+4*split:y*rb.Stride+4*end])
			}
		}
	})
	return out
}

// combine applies op to each row of a (whose size the output has) with
// the same row of b, which is padded with transparent black where b is
// smaller; op gets three slices of equal length.
func combine(a, b image.Image, op func(pa, pb, o []uint8)) *image.RGBA {
	ra, rb := toRGBA(a), toRGBA(b)
	w, h := ra.Rect.Dx(), ra.Rect.Dy()
	bw, bh := rb.Rect.Dx(), rb.Rect.Dy()
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	parallelRows(h, func(y0, y1 int) {
		pad := make([]uint8, 4*w)
		for y := y0; y < y1; y++ {
			pa := ra.Pix[y*ra.Stride : y*ra.Stride+4*w]
			o := out.Pix[y*out.Stride : y*out.Stride+4*w]
			pb := pad
			if y < bh && bw >= w {
				pb = rb.Pix[y*rb.Stride : y*rb.Stride+4*w]
			} else {
				clear(pad)
				if y < bh {
					copy(pad, rb.Pix[y*rb.Stride:y*rb.Stride+4*bw])
				}
			}
			op(pa, pb, o)
		}
	})
	return out
}
