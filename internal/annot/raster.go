package annot

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// tileSize is the side of the tiles a shape is rasterised in. Tiles keep
// the coverage buffers small however large the image (a rectangle around a
// 24 MP photo would otherwise need a 96 MB buffer), let tiles the outline
// does not cross be filled or skipped at once, and stay under the size at
// which the rasterizer switches to slower floating-point math.
const tileSize = 256

// edge is a directed segment of a polygon outline, in pixels.
type edge struct{ x0, y0, x1, y1 float64 }

// shape is a set of closed polygons filled with the nonzero rule, as
// antialiased coverage. Polygons that should add up (a stroke's pieces)
// must turn the same way; a hole turns the other way (see Fill).
type shape struct {
	edges []edge
	r     rectF
	init  bool
}

// signedArea returns twice the signed area of a polygon (positive when it
// turns clockwise on screen, y pointing down).
func signedArea(ps []vec) float64 {
	s := 0.0
	for i := range ps {
		j := (i + 1) % len(ps)
		s += ps[i].cross(ps[j])
	}
	return s
}

// addPoly adds a polygon turning clockwise on screen.
func (s *shape) addPoly(ps []vec) { s.add(ps, signedArea(ps) < 0) }

// addRaw adds a polygon as it turns (a Fill's polygons and glyph
// contours, whose holes turn the other way already).
func (s *shape) addRaw(ps []vec) { s.add(ps, false) }

func (s *shape) add(ps []vec, reverse bool) {
	n := len(ps)
	if n < 3 {
		return
	}
	for i := range n {
		a, b := ps[i], ps[(i+1)%n]
		if reverse {
			a, b = ps[n-1-i], ps[(2*n-2-i)%n]
		}
		if !finite(a.x) || !finite(a.y) || !finite(b.x) || !finite(b.y) {
			continue
		}
		s.edges = append(s.edges, edge{a.x, a.y, b.x, b.y})
		e := rectF{math.Min(a.x, b.x), math.Min(a.y, b.y), math.Max(a.x, b.x), math.Max(a.y, b.y)}
		if !s.init {
			s.r, s.init = e, true
		} else {
			s.r = s.r.union(e)
		}
	}
}

// disc returns a polygon approximating a circle, with vertices close
// enough for a smooth outline at its size.
func disc(c vec, r float64) []vec {
	n := max(12, min(256, int(math.Ceil(2*math.Pi*r/2))))
	out := make([]vec, n)
	for i := range out {
		t := 2 * math.Pi * float64(i) / float64(n)
		out[i] = vec{c.x + r*math.Cos(t), c.y + r*math.Sin(t)}
	}
	return out
}

// fill composites colour c over dst through the shape's coverage, tile by
// tile.
func (s *shape) fill(dst *image.RGBA, c color.Color, z *vector.Rasterizer) {
	if !s.init {
		return
	}
	b := dst.Bounds()
	region := image.Rect(int(math.Floor(s.r.x0)), int(math.Floor(s.r.y0)),
		int(math.Ceil(s.r.x1))+1, int(math.Ceil(s.r.y1))+1).Intersect(b)
	if region.Empty() {
		return
	}
	src := image.NewUniform(c)
	pc := color.RGBAModel.Convert(c).(color.RGBA)
	maskBuf := make([]uint8, tileSize*tileSize)
	var mask image.Alpha
	var band, tile []edge
	for ty := region.Min.Y; ty < region.Max.Y; ty += tileSize {
		ty1 := min(ty+tileSize, region.Max.Y)
		band = clipY(band[:0], s.edges, float64(ty), float64(ty1))
		if len(band) == 0 {
			continue
		}
		for tx := region.Min.X; tx < region.Max.X; tx += tileSize {
			tx1 := min(tx+tileSize, region.Max.X)
			r := image.Rect(tx, ty, tx1, ty1)
			var crosses bool
			tile, crosses = clipX(tile[:0], band, float64(tx), float64(tx1))
			if !crosses {
				// No outline in the tile: it is all inside or all outside.
				if winding(band, float64(tx+tx1)/2, float64(ty+ty1)/2) != 0 {
					draw.Draw(dst, r, src, image.Point{}, draw.Over)
				}
				continue
			}
			z.Reset(r.Dx(), r.Dy())
			for _, e := range tile {
				z.MoveTo(float32(e.x0-float64(tx)), float32(e.y0-float64(ty)))
				z.LineTo(float32(e.x1-float64(tx)), float32(e.y1-float64(ty)))
			}
			// Coverage into an alpha mask (the rasterizer's fast path),
			// then composited here, skipping uncovered pixels.
			mask.Pix = maskBuf[:r.Dx()*r.Dy()]
			mask.Stride, mask.Rect = r.Dx(), image.Rect(0, 0, r.Dx(), r.Dy())
			z.DrawOp = draw.Src
			z.Draw(&mask, mask.Rect, image.Opaque, image.Point{})
			blendMask(dst, r, &mask, pc)
		}
	}
}

// clipY appends to out the parts of the edges within y0 ≤ y ≤ y1.
// Horizontal edges, which add no coverage, are dropped.
func clipY(out, edges []edge, y0, y1 float64) []edge {
	for _, e := range edges {
		lo, hi := math.Min(e.y0, e.y1), math.Max(e.y0, e.y1)
		if hi <= y0 || lo >= y1 || e.y0 == e.y1 {
			continue
		}
		t0 := (y0 - e.y0) / (e.y1 - e.y0)
		t1 := (y1 - e.y0) / (e.y1 - e.y0)
		if t0 > t1 {
			t0, t1 = t1, t0
		}
		t0, t1 = math.Max(t0, 0), math.Min(t1, 1)
		a := vec{e.x0 + t0*(e.x1-e.x0), e.y0 + t0*(e.y1-e.y0)}
		b := vec{e.x0 + t1*(e.x1-e.x0), e.y0 + t1*(e.y1-e.y0)}
		out = append(out, edge{a.x, a.y, b.x, b.y})
	}
	return out
}

// clipX appends to out the edges of a band as seen by a tile spanning
// x0 ≤ x < x1: the parts left of the tile become vertical edges just left
// of it and the parts right of it vertical edges just right of it, which
// give the same coverage inside the tile (the rasterizer accumulates
// coverage from left to right). crosses reports whether any edge passes
// through the tile.
func clipX(out, band []edge, x0, x1 float64) (_ []edge, crosses bool) {
	left, right := x0-1, x1+1
	for _, e := range band {
		lo, hi := math.Min(e.x0, e.x1), math.Max(e.x0, e.x1)
		switch {
		case hi <= x0:
			out = append(out, edge{left, e.y0, left, e.y1})
			continue
		case lo >= x1:
			out = append(out, edge{right, e.y0, right, e.y1})
			continue
		case lo >= x0 && hi <= x1:
			out = append(out, e)
			crosses = true
			continue
		}
		// Split where the edge crosses x0 and x1.
		crosses = true
		ts := []float64{0, 1}
		if e.x0 != e.x1 {
			for _, x := range []float64{x0, x1} {
				if t := (x - e.x0) / (e.x1 - e.x0); t > 0 && t < 1 {
					ts = append(ts, t)
				}
			}
		}
		sortFloats(ts)
		for i := 1; i < len(ts); i++ {
			a := vec{e.x0 + ts[i-1]*(e.x1-e.x0), e.y0 + ts[i-1]*(e.y1-e.y0)}
			b := vec{e.x0 + ts[i]*(e.x1-e.x0), e.y0 + ts[i]*(e.y1-e.y0)}
			switch mid := (a.x + b.x) / 2; {
			case mid < x0:
				a.x, b.x = left, left
			case mid > x1:
				a.x, b.x = right, right
			}
			out = append(out, edge{a.x, a.y, b.x, b.y})
		}
	}
	return out, crosses
}

func sortFloats(v []float64) {
	for i := 1; i < len(v); i++ {
		for j := i; j > 0 && v[j] < v[j-1]; j-- {
			v[j], v[j-1] = v[j-1], v[j]
		}
	}
}

// winding returns the nonzero winding number of the edges at (x, y):
// edges going down left of the point count +1, going up −1.
func winding(edges []edge, x, y float64) int {
	w := 0
	for _, e := range edges {
		lo, hi := e.y0, e.y1
		dir := 1
		if lo > hi {
			lo, hi, dir = hi, lo, -1
		}
		if y < lo || y >= hi {
			continue
		}
		if xe := e.x0 + (y-e.y0)/(e.y1-e.y0)*(e.x1-e.x0); xe < x {
			w += dir
		}
	}
	return w
}

// blendMask composites the premultiplied colour c over dst in r through
// mask (of r's size, origin 0,0).
func blendMask(dst *image.RGBA, r image.Rectangle, mask *image.Alpha, c color.RGBA) {
	sr, sg, sb, sa := uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)
	w := r.Dx()
	for y := range r.Dy() {
		m := mask.Pix[y*mask.Stride : y*mask.Stride+w]
		d := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y+y):][:4*w]
		for x, mv := range m {
			if mv == 0 {
				continue
			}
			p := d[4*x : 4*x+4 : 4*x+4]
			if mv == 0xff && sa == 0xff {
				p[0], p[1], p[2], p[3] = c.R, c.G, c.B, 0xff
				continue
			}
			ma := uint32(mv)
			k := 255*255 - sa*ma // weight of dst, in 255² units
			p[0] = uint8((uint32(p[0])*k + sr*ma*255 + 255*255/2) / (255 * 255))
			p[1] = uint8((uint32(p[1])*k + sg*ma*255 + 255*255/2) / (255 * 255))
			p[2] = uint8((uint32(p[2])*k + sb*ma*255 + 255*255/2) / (255 * 255))
			p[3] = uint8((uint32(p[3])*k + sa*ma*255 + 255*255/2) / (255 * 255))
		}
	}
}
