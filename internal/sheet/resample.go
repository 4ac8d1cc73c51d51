package sheet

import (
	"image"
	"image/color"
)

// reduce returns img scaled to dw×dh pixels (no larger than img) by area
// averaging: each output pixel is the mean of the source area it covers,
// which neither aliases nor blurs. Transparent pixels are composited on
// white.
func reduce(img image.Image, dw, dh int) *image.RGBA {
	b := img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	cols := spans(sw, dw)
	rows := spans(sh, dh)

	src := make([]uint8, 3*sw)    // one source row, RGB
	hrow := make([]float32, 3*dw) // that row reduced horizontally
	acc := make([][]float32, 2)   // the output rows being accumulated
	for i := range acc {
		acc[i] = make([]float32, 3*dw)
	}
	read := rowReader(img)
	dy := 0 // the output row acc[0] belongs to
	for sy := 0; sy < sh; sy++ {
		read(b.Min.Y+sy, src)
		for dx, sp := range cols {
			var r, g, bl float32
			for k, wt := range sp.weights {
				o := 3 * (sp.first + k)
				r += wt * float32(src[o])
				g += wt * float32(src[o+1])
				bl += wt * float32(src[o+2])
			}
			hrow[3*dx], hrow[3*dx+1], hrow[3*dx+2] = r, g, bl
		}
		// The source row sy contributes to output rows dy and maybe dy+1.
		for k := 0; k < 2 && dy+k < dh; k++ {
			sp := rows[dy+k]
			if sy < sp.first || sy >= sp.first+len(sp.weights) {
				continue
			}
			wt := sp.weights[sy-sp.first]
			a := acc[k]
			for i, v := range hrow {
				a[i] += wt * v
			}
		}
		// Emit output rows whose last source row this was.
		for dy < dh && sy == rows[dy].first+len(rows[dy].weights)-1 {
			out := dst.Pix[dy*dst.Stride : dy*dst.Stride+4*dw]
			a := acc[0]
			for x := 0; x < dw; x++ {
				out[4*x] = clamp8(a[3*x])
				out[4*x+1] = clamp8(a[3*x+1])
				out[4*x+2] = clamp8(a[3*x+2])
				out[4*x+3] = 255
			}
			clear(a)
			acc[0], acc[1] = acc[1], a
			dy++
		}
	}
	return dst
}

// span is the source pixels that make one output pixel, with the share of
// each (they add up to 1).
type span struct {
	first   int
	weights []float32
}

// spans splits n source pixels into m ≤ n output pixels of equal area.
func spans(n, m int) []span {
	out := make([]span, m)
	scale := float64(n) / float64(m)
	for i := range out {
		lo, hi := float64(i)*scale, float64(i+1)*scale
		first := int(lo)
		last := min(int(hi-1e-9), n-1)
		sp := span{first: first, weights: make([]float32, last-first+1)}
		for j := first; j <= last; j++ {
			cover := min(hi, float64(j+1)) - max(lo, float64(j))
			sp.weights[j-first] = float32(cover / scale)
		}
		out[i] = sp
	}
	return out
}

// clamp8 rounds v to a byte.
func clamp8(v float32) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}

// rowReader returns a function that reads row y of img as RGB bytes,
// composited on white, with fast paths for the usual decoded types.
func rowReader(img image.Image) func(y int, dst []uint8) {
	b := img.Bounds()
	switch m := img.(type) {
	case *image.YCbCr:
		return func(y int, dst []uint8) {
			for x := b.Min.X; x < b.Max.X; x++ {
				yi := m.YOffset(x, y)
				ci := m.COffset(x, y)
				r, g, bl := color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
				o := 3 * (x - b.Min.X)
				dst[o], dst[o+1], dst[o+2] = r, g, bl
			}
		}
	case *image.RGBA:
		return func(y int, dst []uint8) {
			row := m.Pix[m.PixOffset(b.Min.X, y):]
			for x := 0; x < b.Dx(); x++ {
				r, g, bl, a := row[4*x], row[4*x+1], row[4*x+2], row[4*x+3]
				if a != 255 { // premultiplied: add the white behind
					w := 255 - a
					r, g, bl = r+w, g+w, bl+w
				}
				dst[3*x], dst[3*x+1], dst[3*x+2] = r, g, bl
			}
		}
	case *image.NRGBA:
		return func(y int, dst []uint8) {
			row := m.Pix[m.PixOffset(b.Min.X, y):]
			for x := 0; x < b.Dx(); x++ {
				r, g, bl, a := row[4*x], row[4*x+1], row[4*x+2], row[4*x+3]
				if a != 255 {
					r, g, bl = overWhite(r, a), overWhite(g, a), overWhite(bl, a)
				}
				dst[3*x], dst[3*x+1], dst[3*x+2] = r, g, bl
			}
		}
	case *image.Gray:
		return func(y int, dst []uint8) {
			row := m.Pix[m.PixOffset(b.Min.X, y):]
			for x := 0; x < b.Dx(); x++ {
				v := row[x]
				dst[3*x], dst[3*x+1], dst[3*x+2] = v, v, v
			}
		}
	}
	return func(y int, dst []uint8) {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA() // premultiplied, 16 bits
			w := 0xffff - a
			o := 3 * (x - b.Min.X)
			dst[o], dst[o+1], dst[o+2] = uint8((r+w)>>8), uint8((g+w)>>8), uint8((bl+w)>>8)
		}
	}
}

// overWhite composites a non-premultiplied channel value v of opacity a on
// white.
func overWhite(v, a uint8) uint8 {
	return uint8((uint32(v)*uint32(a) + 255*(255-uint32(a)) + 127) / 255)
}
