package geo

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"golang.org/x/image/vector"
)

// drawWorld draws the built-in basemap: the sea (already the background),
// the land, coastlines and borders, and the names of the countries wide
// enough on screen to hold them. Each copy of the world in view is drawn
// (the map wraps east and west); points closer than a pixel are merged.
// The populated places named at this zoom are dotted, and their names
// asked of labels.
func drawWorld(dst *image.RGBA, v View, w *World, st Style, k float64, labels *labelSet) {
	b := dst.Bounds()
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.reset(b)
	land, coast, border := sc.z[0], sc.z[1], sc.z[2]
	tl, br := v.FromScreen(0, 0), v.FromScreen(v.W, v.H)
	var copies []float64
	for o := math.Floor(tl.X) - 1; o <= math.Floor(br.X); o++ {
		copies = append(copies, o)
	}
	pr := projector{v: v, clip: [4]float64{-4, -4, v.W + 4, v.H + 4}}
	for _, o := range copies {
		pr.off = o
		for _, c := range w.Countries {
			for _, r := range c.Rings {
				if pr.visible(r) {
					pr.fill(land, r.Pts)
				}
			}
		}
		for _, p := range w.Coasts {
			if pr.visible(p) {
				pr.stroke(coast, p.Pts, 0.6*k)
			}
		}
		for _, p := range w.Borders {
			if pr.visible(p) {
				pr.stroke(border, p.Pts, 0.5*k)
			}
		}
	}
	composite(dst, sc, []color.RGBA{st.Land, st.Coast, st.Border})
	// The places' dots first, so that the countries' names are written
	// over them; the places' names, written last, keep off those.
	drawPlaces(dst, v, w, copies, st, k, labels)
	taken := drawCountryNames(dst, v, w, copies, st, k)
	if labels != nil {
		labels.reserved = append(labels.reserved, taken...)
	}
	if len(taken) == 0 {
		// Too close for any name to fit: the country under the middle
		// of the view, in the corner.
		if name := w.CountryAt(v.Center); name != "" {
			label(dst, name, b.Dx()-int(8*k)-textWidth(name, k), b.Dy()-int(8*k), k, Style{Text: st.Place, Outline: st.Land})
		}
	}
}

// CountryAt returns the name of the country at world position p, or ""
// at sea.
func (w *World) CountryAt(p Point) string {
	p.X -= math.Floor(p.X)
	for _, c := range w.Countries {
		for _, x := range []float64{p.X, p.X + 1} { // rings unwrapped east of 180°
			in := false
			for _, r := range c.Rings {
				if x >= r.Lo.X && x <= r.Hi.X && p.Y >= r.Lo.Y && p.Y <= r.Hi.Y && inRing(r.Pts, x, p.Y) {
					in = !in
				}
			}
			if in {
				return c.Name
			}
		}
	}
	return ""
}

// inRing tells whether (x, y) is inside the ring (even-odd).
func inRing(pts []Point, x, y float64) bool {
	in := false
	for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
		a, b := pts[i], pts[j]
		if (a.Y > y) != (b.Y > y) && x < (b.X-a.X)*(y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

// composite paints colours through the rasterizers' coverage, in order.
// The coverage is accumulated into masks first (vector's fast path) and
// only covered pixels are blended: most of a map is all sea or all land.
func composite(dst *image.RGBA, sc *scratch, cs []color.RGBA) {
	b := dst.Bounds()
	for i, z := range sc.z {
		z.DrawOp = draw.Src
		z.Draw(sc.masks[i], b, image.Opaque, image.Point{})
	}
	pix := dst.Pix
	for i, m := range sc.masks {
		c := cs[i]
		for j, a := range m.Pix {
			if a == 0 {
				continue
			}
			p := pix[4*j : 4*j+4 : 4*j+4]
			if a == 0xFF {
				p[0], p[1], p[2], p[3] = c.R, c.G, c.B, 0xFF
				continue
			}
			p[0] = blend(p[0], c.R, a)
			p[1] = blend(p[1], c.G, a)
			p[2] = blend(p[2], c.B, a)
			p[3] = 0xFF
		}
	}
}

// scratch is what drawing the world needs a frame, kept between frames:
// a rasterizer and a coverage mask for the land, the coasts and the
// borders.
type scratch struct {
	z     [3]*vector.Rasterizer
	masks [3]*image.Alpha
}

var scratchPool = sync.Pool{New: func() any { return &scratch{} }}

// reset readies the scratch for a picture of bounds b.
func (sc *scratch) reset(b image.Rectangle) {
	for i := range sc.z {
		if sc.z[i] == nil {
			sc.z[i] = vector.NewRasterizer(b.Dx(), b.Dy())
		} else {
			sc.z[i].Reset(b.Dx(), b.Dy())
		}
		if m := sc.masks[i]; m == nil || m.Rect != b {
			sc.masks[i] = image.NewAlpha(b)
		}
	}
}

// blend mixes c over d with coverage a.
func blend(d, c, a uint8) uint8 {
	return uint8((uint32(c)*uint32(a) + uint32(d)*(255-uint32(a)) + 127) / 255)
}

// drawCountryNames writes the names of the countries whose largest ring
// is wider on screen than their name, leaving out those that would
// overlap a name already written. It returns the boxes of those it wrote.
func drawCountryNames(dst *image.RGBA, v View, w *World, copies []float64, st Style, k float64) []image.Rectangle {
	var taken []image.Rectangle
	names := Style{Text: st.Place, Outline: st.Land}
	for _, o := range copies {
		for _, c := range w.Countries {
			x0, y0 := v.ToScreen(Point{c.Box.Lo.X + o, c.Box.Lo.Y})
			x1, y1 := v.ToScreen(Point{c.Box.Hi.X + o, c.Box.Hi.Y})
			if x1 < 0 || x0 > v.W || y1 < 0 || y0 > v.H || y1-y0 < 14*k || x1-x0 < 40*k {
				continue
			}
			tw := float64(textWidth(c.Name, k))
			if x1-x0 < tw+8*k {
				continue
			}
			x, y := v.ToScreen(Point{c.Label.X + o, c.Label.Y})
			r := image.Rect(int(x-tw/2), int(y-10*k), int(x+tw/2), int(y+4*k))
			if !r.Overlaps(dst.Bounds()) || overlapsAny(r, taken) {
				continue
			}
			taken = append(taken, r.Inset(-int(4*k)))
			label(dst, c.Name, r.Min.X, int(y), k, names)
		}
	}
	return taken
}

func overlapsAny(r image.Rectangle, rs []image.Rectangle) bool {
	for _, q := range rs {
		if r.Overlaps(q) {
			return true
		}
	}
	return false
}

// projector turns paths in world units into screen paths for one copy
// of the world (off world widths east), clipped to the view.
type projector struct {
	v    View
	off  float64
	clip [4]float64 // min x, min y, max x, max y
	buf  [][2]float64
	tmp  [][2]float64
}

// visible tells whether p's bounds, at least a pixel wide, meet the view.
func (pr *projector) visible(p Path) bool {
	x0, y0 := pr.v.ToScreen(Point{p.Lo.X + pr.off, p.Lo.Y})
	x1, y1 := pr.v.ToScreen(Point{p.Hi.X + pr.off, p.Hi.Y})
	if x1 < pr.clip[0] || y1 < pr.clip[1] || x0 > pr.clip[2] || y0 > pr.clip[3] {
		return false
	}
	return x1-x0 >= 1 || y1-y0 >= 1
}

// screen returns pts on screen, dropping points within a pixel of the
// last one kept.
func (pr *projector) screen(pts []Point) [][2]float64 {
	out := pr.buf[:0]
	for i, p := range pts {
		x, y := pr.v.ToScreen(Point{p.X + pr.off, p.Y})
		if n := len(out); n > 0 && i < len(pts)-1 {
			if dx, dy := x-out[n-1][0], y-out[n-1][1]; dx*dx+dy*dy < 1 {
				continue
			}
		}
		out = append(out, [2]float64{x, y})
	}
	pr.buf = out
	return out
}

// fill adds a ring, clipped to the view, to z.
func (pr *projector) fill(z *vector.Rasterizer, pts []Point) {
	s := pr.screen(pts)
	for edge := range 4 {
		s = pr.clipRing(s, edge)
	}
	if len(s) < 3 {
		return
	}
	z.MoveTo(float32(s[0][0]), float32(s[0][1]))
	for _, p := range s[1:] {
		z.LineTo(float32(p[0]), float32(p[1]))
	}
	z.ClosePath()
}

// clipRing clips a ring to one edge of the view (Sutherland–Hodgman).
func (pr *projector) clipRing(s [][2]float64, edge int) [][2]float64 {
	axis, lim, keepBelow := edge%2, pr.clip[edge], edge >= 2
	inside := func(p [2]float64) bool {
		if keepBelow {
			return p[axis] <= lim
		}
		return p[axis] >= lim
	}
	out := pr.tmp[:0]
	for i := range s {
		p, q := s[i], s[(i+1)%len(s)]
		pin, qin := inside(p), inside(q)
		if pin {
			out = append(out, p)
		}
		if pin != qin {
			t := (lim - p[axis]) / (q[axis] - p[axis])
			out = append(out, [2]float64{p[0] + t*(q[0]-p[0]), p[1] + t*(q[1]-p[1])})
		}
	}
	pr.tmp, pr.buf = s[:0], out // swap the two buffers
	return out
}

// stroke adds a line half wide on each side to z, one quad a segment
// (all of one orientation, so that where they overlap they stay filled).
func (pr *projector) stroke(z *vector.Rasterizer, pts []Point, half float64) {
	s := pr.screen(pts)
	for i := 1; i < len(s); i++ {
		a, b, ok := pr.clipSegment(s[i-1], s[i])
		if !ok {
			continue
		}
		dx, dy := b[0]-a[0], b[1]-a[1]
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*half, dx/l*half
		z.MoveTo(float32(a[0]+nx), float32(a[1]+ny))
		z.LineTo(float32(b[0]+nx), float32(b[1]+ny))
		z.LineTo(float32(b[0]-nx), float32(b[1]-ny))
		z.LineTo(float32(a[0]-nx), float32(a[1]-ny))
		z.ClosePath()
	}
}

// clipSegment clips a segment to the view (Liang–Barsky).
func (pr *projector) clipSegment(a, b [2]float64) ([2]float64, [2]float64, bool) {
	t0, t1 := 0.0, 1.0
	d := [2]float64{b[0] - a[0], b[1] - a[1]}
	for edge := range 4 {
		axis := edge % 2
		p, q := -d[axis], a[axis]-pr.clip[edge]
		if edge >= 2 {
			p, q = d[axis], pr.clip[edge]-a[axis]
		}
		if p == 0 {
			if q < 0 {
				return a, b, false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 > t1 {
			return a, b, false
		}
	}
	return [2]float64{a[0] + t0*d[0], a[1] + t0*d[1]}, [2]float64{a[0] + t1*d[0], a[1] + t1*d[1]}, true
}
