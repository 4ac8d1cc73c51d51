package demo

import (
	"image"
	"math"
)

// grade is the look of a camera: exposure, contrast, colour, vignette and
// sensor noise.
type grade struct {
	exposure   float64 // multiplier
	contrast   float64 // 1 neutral
	saturation float64 // 1 neutral
	tint       rgb     // white balance multipliers
	vignette   float64 // 0 none
	grain      float64 // amplitude, 0..1 scale
	haze       float64 // lift of the blacks towards grey
	seed       uint32
}

// finish applies the grade and returns 8-bit RGB rows, upright, in out
// (grown when too small).
func (fr *frame) finish(g grade, out []uint8) []uint8 {
	out = grow(out, 3*fr.w*fr.h)
	cx, cy := float64(fr.w)/2, float64(fr.h)/2
	rmax := math.Hypot(cx, cy)
	for y := 0; y < fr.h; y++ {
		for x := 0; x < fr.w; x++ {
			i := y*fr.w + x
			r := float64(fr.rgb[3*i]) * g.exposure * g.tint.R
			gg := float64(fr.rgb[3*i+1]) * g.exposure * g.tint.G
			b := float64(fr.rgb[3*i+2]) * g.exposure * g.tint.B
			l := 0.299*r + 0.587*gg + 0.114*b
			r = l + (r-l)*g.saturation
			gg = l + (gg-l)*g.saturation
			b = l + (b-l)*g.saturation
			r, gg, b = tone(r, g), tone(gg, g), tone(b, g)
			if g.vignette > 0 {
				dx, dy := (float64(x)-cx)/rmax, (float64(y)-cy)/rmax
				d2 := dx*dx + dy*dy
				v := 1 - g.vignette*d2*(0.4+0.6*d2)
				r, gg, b = r*v, gg*v, b*v
			}
			if g.grain > 0 {
				h := hash2(int64(x), int64(y), g.seed)
				n := (float64(h&0xffff) + float64(h>>16) - 65535) / 65536 * g.grain
				r, gg, b = r+n, gg+n, b+n
			}
			out[3*i] = to8(r)
			out[3*i+1] = to8(gg)
			out[3*i+2] = to8(b)
		}
	}
	return out
}

// tone is a gentle S curve around mid grey, with a haze lift.
func tone(v float64, g grade) float64 {
	v = 0.5 + (v-0.5)*g.contrast
	// Soft shoulder for highlights.
	if v > 0.85 {
		v = 0.85 + 0.15*math.Tanh((v-0.85)/0.15)
	}
	return g.haze + v*(1-g.haze)
}

func to8(v float64) uint8 {
	v = v*255 + 0.5
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}

// toYCbCr converts upright RGB rows to a 4:2:0 YCbCr image, turned for
// the EXIF orientation it will be stored with (1 or 6). Orientation 6
// means the viewer turns the stored picture 90° clockwise, so the stored
// picture is the upright one turned 90° counter-clockwise.
func toYCbCr(pix []uint8, w, h, orientation int) *image.YCbCr {
	sw, sh := w, h
	if orientation == 6 {
		sw, sh = h, w
	}
	im := image.NewYCbCr(image.Rect(0, 0, sw, sh), image.YCbCrSubsampleRatio420)
	at := func(sx, sy int) int {
		if orientation == 6 {
			// stored (sx, sy) shows upright (w-1-sy, sx)
			return 3 * (sx*w + (w - 1 - sy))
		}
		return 3 * (sy*w + sx)
	}
	for sy := 0; sy < sh; sy++ {
		for sx := 0; sx < sw; sx++ {
			k := at(sx, sy)
			r, g, b := int32(pix[k]), int32(pix[k+1]), int32(pix[k+2])
			yy := (19595*r + 38470*g + 7471*b + 1<<15) >> 16
			im.Y[sy*im.YStride+sx] = uint8(yy)
		}
	}
	for cy := 0; cy < (sh+1)/2; cy++ {
		for cx := 0; cx < (sw+1)/2; cx++ {
			var r, g, b, n int32
			for dy := 0; dy < 2; dy++ {
				for dx := 0; dx < 2; dx++ {
					sx, sy := 2*cx+dx, 2*cy+dy
					if sx >= sw || sy >= sh {
						continue
					}
					k := at(sx, sy)
					r += int32(pix[k])
					g += int32(pix[k+1])
					b += int32(pix[k+2])
					n++
				}
			}
			r, g, b = r/n, g/n, b/n
			cb := (-11056*r - 21712*g + 32768*b + 257<<15) >> 16
			cr := (32768*r - 27440*g - 5328*b + 257<<15) >> 16
			i := cy*im.CStride + cx
			im.Cb[i] = clampU8(cb)
			im.Cr[i] = clampU8(cr)
		}
	}
	return im
}

func clampU8(v int32) uint8 {
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}
