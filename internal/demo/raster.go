package demo

import (
	"image"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// raster turns a 2D polygon into per-pixel coverage, anti-aliased.
type raster struct {
	z    vector.Rasterizer
	mask image.Alpha
}

// cover rasterizes poly (pixel coordinates) clipped to a w×h picture. It
// returns the covered box and a coverage mask of its size (stride bw), or
// ok=false when nothing is covered.
func (r *raster) cover(poly [][2]float64, w, h int) (x0, y0, bw, bh int, mask []uint8, ok bool) {
	if len(poly) < 3 {
		return
	}
	minx, miny := math.Inf(1), math.Inf(1)
	maxx, maxy := math.Inf(-1), math.Inf(-1)
	for _, p := range poly {
		minx, maxx = math.Min(minx, p[0]), math.Max(maxx, p[0])
		miny, maxy = math.Min(miny, p[1]), math.Max(maxy, p[1])
	}
	x0, y0 = int(math.Max(0, math.Floor(minx))), int(math.Max(0, math.Floor(miny)))
	x1, y1 := int(math.Min(float64(w), math.Ceil(maxx))), int(math.Min(float64(h), math.Ceil(maxy)))
	if x1 <= x0 || y1 <= y0 {
		return
	}
	bw, bh = x1-x0, y1-y0
	r.z.Reset(bw, bh)
	r.z.DrawOp = draw.Src
	poly = clipRect(poly, -2, -2, float64(w)+2, float64(h)+2)
	if len(poly) < 3 {
		return 0, 0, 0, 0, nil, false
	}
	r.z.MoveTo(float32(poly[0][0]-float64(x0)), float32(poly[0][1]-float64(y0)))
	for _, p := range poly[1:] {
		r.z.LineTo(float32(p[0]-float64(x0)), float32(p[1]-float64(y0)))
	}
	r.z.ClosePath()
	if cap(r.mask.Pix) < bw*bh {
		r.mask.Pix = make([]uint8, bw*bh)
	}
	r.mask.Pix = r.mask.Pix[:bw*bh]
	clear(r.mask.Pix)
	r.mask.Stride = bw
	r.mask.Rect = image.Rect(0, 0, bw, bh)
	r.z.Draw(&r.mask, r.mask.Rect, image.Opaque, image.Point{})
	return x0, y0, bw, bh, r.mask.Pix, true
}

// clipRect clips a polygon to a rectangle (Sutherland–Hodgman), so that
// vertices far outside the picture do not strain float32 precision.
func clipRect(poly [][2]float64, x0, y0, x1, y1 float64) [][2]float64 {
	inside := func(p [2]float64) bool {
		return p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1
	}
	all := true
	for _, p := range poly {
		if !inside(p) {
			all = false
			break
		}
	}
	if all {
		return poly
	}
	type edge struct {
		axis int
		v    float64
		keep func(float64) bool
	}
	edges := []edge{
		{0, x0, func(c float64) bool { return c >= x0 }},
		{0, x1, func(c float64) bool { return c <= x1 }},
		{1, y0, func(c float64) bool { return c >= y0 }},
		{1, y1, func(c float64) bool { return c <= y1 }},
	}
	out := poly
	for _, e := range edges {
		in := out
		out = nil
		for i := range in {
			a, b := in[i], in[(i+1)%len(in)]
			ka, kb := e.keep(a[e.axis]), e.keep(b[e.axis])
			if ka {
				out = append(out, a)
			}
			if ka != kb {
				t := (e.v - a[e.axis]) / (b[e.axis] - a[e.axis])
				out = append(out, [2]float64{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t})
			}
		}
		if len(out) < 3 {
			return nil
		}
	}
	return out
}
