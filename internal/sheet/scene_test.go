package sheet

import (
	"image"
	"image/color"
	"math"
)

// streetScene draws a synthetic street of w×h pixels: sky, a row of
// buildings with windows, a pavement and a road with a car. With damaged
// set, the third building has lost its upper floors to a rubble heap and
// its windows are scorched.
func streetScene(w, h int, damaged bool) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fx := func(v float64) int { return int(v * float64(w)) }
	fy := func(v float64) int { return int(v * float64(h)) }
	fill := func(x0, y0, x1, y1 int, c color.RGBA) {
		r := image.Rect(x0, y0, x1, y1).Intersect(img.Bounds())
		for y := r.Min.Y; y < r.Max.Y; y++ {
			row := img.Pix[y*img.Stride:]
			for x := r.Min.X; x < r.Max.X; x++ {
				row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = c.R, c.G, c.B, 255
			}
		}
	}
	noise := func(x, y int) int {
		v := uint32(x)*73856093 ^ uint32(y)*19349663
		v ^= v >> 13
		v *= 0x5bd1e995
		return int(v>>24) % 24
	}
	// Sky.
	horizon := fy(0.62)
	for y := 0; y < horizon; y++ {
		t := float64(y) / float64(horizon)
		c := color.RGBA{uint8(110 + 90*t), uint8(160 + 60*t), uint8(215 + 25*t), 255}
		fill(0, y, w, y+1, c)
	}
	// Buildings: x from, x to, roof height (fraction of the image), colour.
	type building struct {
		x0, x1, top float64
		c           color.RGBA
	}
	bs := []building{
		{0.00, 0.17, 0.30, color.RGBA{196, 176, 140, 255}},
		{0.17, 0.36, 0.18, color.RGBA{170, 160, 150, 255}},
		{0.36, 0.60, 0.22, color.RGBA{214, 196, 160, 255}},
		{0.60, 0.78, 0.34, color.RGBA{180, 150, 120, 255}},
		{0.78, 1.00, 0.26, color.RGBA{205, 190, 170, 255}},
	}
	for i, b := range bs {
		x0, x1, top := fx(b.x0), fx(b.x1), fy(b.top)
		if damaged && i == 2 {
			top = fy(0.42)
		}
		for y := top; y < horizon; y++ {
			for x := x0; x < x1; x++ {
				n := noise(x, y)
				o := y*img.Stride + 4*x
				img.Pix[o] = uint8(int(b.c.R) - n/2)
				img.Pix[o+1] = uint8(int(b.c.G) - n/2)
				img.Pix[o+2] = uint8(int(b.c.B) - n/2)
				img.Pix[o+3] = 255
			}
		}
		// Windows in a grid.
		ww, wh := max(1, (x1-x0)/9), max(1, fy(0.045))
		for wy := top + fy(0.03); wy+wh < horizon-fy(0.05); wy += max(1, fy(0.08)) {
			for wx := x0 + ww; wx+ww < x1; wx += 2 * ww {
				c := color.RGBA{60, 70, 85, 255}
				if damaged && (i == 2 || i == 3) {
					c = color.RGBA{25, 20, 18, 255}
				}
				fill(wx, wy, wx+ww, wy+wh, c)
			}
		}
	}
	if damaged {
		// A rubble heap in front of the third building, and smoke above.
		cx, base := fx(0.48), horizon
		for y := fy(0.36); y < base; y++ {
			half := float64(y-fy(0.36)) / float64(base-fy(0.36)) * 0.16 * float64(w)
			for x := cx - int(half); x < cx+int(half); x++ {
				n := noise(x, y) * 3
				fill(x, y, x+1, y+1, color.RGBA{uint8(120 + n), uint8(110 + n), uint8(95 + n), 255})
			}
		}
		for y := fy(0.05); y < fy(0.40); y++ {
			for x := fx(0.38); x < fx(0.66); x++ {
				dx := float64(x-fx(0.5)) / float64(w) * 6
				dy := float64(y-fy(0.22)) / float64(h) * 6
				a := math.Exp(-(dx*dx + dy*dy))
				o := y*img.Stride + 4*x
				for k := 0; k < 3; k++ {
					img.Pix[o+k] = uint8(float64(img.Pix[o+k])*(1-0.7*a) + 40*0.7*a)
				}
			}
		}
	}
	// Pavement, road, centre line, a car.
	fill(0, horizon, w, fy(0.68), color.RGBA{150, 150, 145, 255})
	fill(0, fy(0.68), w, h, color.RGBA{70, 72, 75, 255})
	for x := 0; x < w; x += max(1, fx(0.1)) {
		fill(x, fy(0.83), x+fx(0.05), fy(0.845), color.RGBA{235, 235, 225, 255})
	}
	fill(fx(0.12), fy(0.72), fx(0.30), fy(0.79), color.RGBA{170, 30, 35, 255})
	fill(fx(0.15), fy(0.68), fx(0.26), fy(0.725), color.RGBA{140, 25, 30, 255})
	fill(fx(0.14), fy(0.78), fx(0.17), fy(0.81), color.RGBA{20, 20, 20, 255})
	fill(fx(0.25), fy(0.78), fx(0.28), fy(0.81), color.RGBA{20, 20, 20, 255})
	return img
}

// toYCbCr converts img to 4:2:0 YCbCr, as decoded camera JPEGs are.
func toYCbCr(img *image.RGBA) *image.YCbCr {
	b := img.Bounds()
	out := image.NewYCbCr(b, image.YCbCrSubsampleRatio420)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			o := img.PixOffset(x, y)
			yy, cb, cr := color.RGBToYCbCr(img.Pix[o], img.Pix[o+1], img.Pix[o+2])
			out.Y[out.YOffset(x, y)] = yy
			if x%2 == 0 && y%2 == 0 {
				ci := out.COffset(x, y)
				out.Cb[ci], out.Cr[ci] = cb, cr
			}
		}
	}
	return out
}
