package viewer

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"

	"github.com/exhibit-app/exhibit/catalog"
)

// bounds returns the box of the fill's polygons.
func (f *fill) bounds() (x0, y0, x1, y1 float64, ok bool) {
	x0, y0 = math.Inf(1), math.Inf(1)
	x1, y1 = math.Inf(-1), math.Inf(-1)
	for _, p := range f.Polygons {
		for _, v := range p {
			x0, y0 = math.Min(x0, v.X), math.Min(y0, v.Y)
			x1, y1 = math.Max(x1, v.X), math.Max(y1, v.Y)
		}
	}
	return x0, y0, x1, y1, x1 >= x0 && y1 >= y0
}

// shapeTile is the side of the tiles a fill is rasterised in: tiles that
// no outline crosses are filled or skipped whole, so that a mark larger
// than the screen (a zoomed-in rectangle) costs its outline, not its area.
const shapeTile = 64

// paint fills f onto dst, antialiased, within dst's bounds.
func (f *fill) paint(dst *image.RGBA, z *vector.Rasterizer) {
	x0, y0, x1, y1, ok := f.bounds()
	if !ok {
		return
	}
	r := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(dst.Rect)
	if r.Empty() {
		return
	}
	src := image.NewUniform(f.Color)
	pc := premulOf(f.Color)
	mask := &image.Alpha{Pix: make([]uint8, shapeTile*shapeTile)}
	boxes := make([][4]float64, len(f.Polygons)) // each polygon's box
	for i, p := range f.Polygons {
		b := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for _, v := range p {
			b[0], b[1] = math.Min(b[0], v.X), math.Min(b[1], v.Y)
			b[2], b[3] = math.Max(b[2], v.X), math.Max(b[3], v.Y)
		}
		boxes[i] = b
	}
	for ty := r.Min.Y; ty < r.Max.Y; ty += shapeTile {
		for tx := r.Min.X; tx < r.Max.X; tx += shapeTile {
			t := image.Rect(tx, ty, tx+shapeTile, ty+shapeTile).Intersect(r)
			// the tile, one pixel larger for the antialiasing
			cx0, cy0 := float64(t.Min.X-1), float64(t.Min.Y-1)
			cx1, cy1 := float64(t.Max.X+1), float64(t.Max.Y+1)
			if !f.crosses(cx0, cy0, cx1, cy1, boxes) {
				if f.winding(float64(t.Min.X+t.Max.X)/2, float64(t.Min.Y+t.Max.Y)/2) != 0 {
					draw.Draw(dst, t, src, image.Point{}, draw.Over)
				}
				continue
			}
			z.Reset(t.Dx(), t.Dy())
			z.DrawOp = draw.Src
			ox, oy := float64(t.Min.X), float64(t.Min.Y)
			for i, p := range f.Polygons {
				b := boxes[i]
				if b[2] < cx0 || b[3] < cy0 || b[1] > cy1 {
					continue // above, below or left of the tile: no coverage in it
				}
				p = clipPoly(p, cx0, cy0, cx1, cy1)
				if len(p) < 3 {
					continue
				}
				z.MoveTo(float32(p[0].X-ox), float32(p[0].Y-oy))
				for _, v := range p[1:] {
					z.LineTo(float32(v.X-ox), float32(v.Y-oy))
				}
				z.ClosePath()
			}
			mask.Rect = image.Rect(0, 0, t.Dx(), t.Dy())
			mask.Stride = t.Dx()
			mask.Pix = mask.Pix[:cap(mask.Pix)][:t.Dx()*t.Dy()]
			z.Draw(mask, mask.Rect, image.Opaque, image.Point{})
			blendMask(dst, t.Min, mask, pc)
		}
	}
}

// premul is a colour as premultiplied 8-bit values.
type premul struct{ r, g, b, a uint32 }

func premulOf(c color.Color) premul {
	r, g, b, a := c.RGBA()
	return premul{r >> 8, g >> 8, b >> 8, a >> 8}
}

// blendMask draws c through the coverage mask onto dst at at, over what is
// there (premultiplied "over"), skipping uncovered pixels.
func blendMask(dst *image.RGBA, at image.Point, mask *image.Alpha, c premul) {
	w, h := mask.Rect.Dx(), mask.Rect.Dy()
	for y := range h {
		row := mask.Pix[y*mask.Stride : y*mask.Stride+w]
		o := dst.PixOffset(at.X, at.Y+y)
		px := dst.Pix[o : o+4*w]
		for x, m := range row {
			if m == 0 {
				continue
			}
			p := px[4*x : 4*x+4 : 4*x+4]
			if m == 0xff && c.a == 0xff {
				p[0], p[1], p[2], p[3] = uint8(c.r), uint8(c.g), uint8(c.b), 0xff
				continue
			}
			mm := uint32(m)
			sr, sg, sb, sa := c.r*mm/0xff, c.g*mm/0xff, c.b*mm/0xff, c.a*mm/0xff
			k := 0xff - sa
			p[0] = uint8(sr + (uint32(p[0])*k+0x7f)/0xff)
			p[1] = uint8(sg + (uint32(p[1])*k+0x7f)/0xff)
			p[2] = uint8(sb + (uint32(p[2])*k+0x7f)/0xff)
			p[3] = uint8(sa + (uint32(p[3])*k+0x7f)/0xff)
		}
	}
}

// crosses reports whether an edge of the fill may pass through the box.
func (f *fill) crosses(x0, y0, x1, y1 float64, boxes [][4]float64) bool {
	for i, p := range f.Polygons {
		b := boxes[i]
		if b[0] > x1 || b[2] < x0 || b[1] > y1 || b[3] < y0 {
			continue
		}
		prev := p[len(p)-1]
		for _, v := range p {
			if math.Max(prev.X, v.X) >= x0 && math.Min(prev.X, v.X) <= x1 &&
				math.Max(prev.Y, v.Y) >= y0 && math.Min(prev.Y, v.Y) <= y1 {
				return true
			}
			prev = v
		}
	}
	return false
}

// winding returns the winding number of the fill's polygons around
// (x, y).
func (f *fill) winding(x, y float64) int {
	w := 0
	for _, p := range f.Polygons {
		prev := p[len(p)-1]
		for _, v := range p {
			if (prev.Y <= y) != (v.Y <= y) {
				// the edge crosses the horizontal through y: count it when
				// the crossing is right of x
				cx := prev.X + (y-prev.Y)*(v.X-prev.X)/(v.Y-prev.Y)
				if cx > x {
					if v.Y > prev.Y {
						w++
					} else {
						w--
					}
				}
			}
			prev = v
		}
	}
	return w
}

// clipPoly clips a polygon to a box (Sutherland–Hodgman), which keeps the
// area it encloses within the box and its orientation.
func clipPoly(ps []vec, x0, y0, x1, y1 float64) []vec {
	inside := func(p vec, edge int) bool {
		switch edge {
		case 0:
			return p.X >= x0
		case 1:
			return p.X <= x1
		case 2:
			return p.Y >= y0
		}
		return p.Y <= y1
	}
	cross := func(a, b vec, edge int) vec {
		var t float64
		switch edge {
		case 0:
			t = (x0 - a.X) / (b.X - a.X)
		case 1:
			t = (x1 - a.X) / (b.X - a.X)
		case 2:
			t = (y0 - a.Y) / (b.Y - a.Y)
		default:
			t = (y1 - a.Y) / (b.Y - a.Y)
		}
		return vec{X: a.X + t*(b.X-a.X), Y: a.Y + t*(b.Y-a.Y)}
	}
	out := ps
	for edge := range 4 {
		in := out
		if len(in) == 0 {
			return nil
		}
		out = make([]vec, 0, len(in)+4)
		prev := in[len(in)-1]
		for _, cur := range in {
			switch {
			case inside(cur, edge):
				if !inside(prev, edge) {
					out = append(out, cross(prev, cur, edge))
				}
				out = append(out, cur)
			case inside(prev, edge):
				out = append(out, cross(prev, cur, edge))
			}
			prev = cur
		}
	}
	return out
}

// paintShapes draws the shapes of anns onto dst, a frame in which the
// image covers f (device pixels).
func paintShapes(dst *image.RGBA, f shapeFrame, anns []catalog.Annotation, z *vector.Rasterizer) {
	for _, a := range anns {
		for _, fl := range shapeFills(f, a) {
			fl.paint(dst, z)
		}
	}
}
