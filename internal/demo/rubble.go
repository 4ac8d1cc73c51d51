package demo

import "math"

// height is the height of the heap of rubble at (x, z), 0 off it.
func (pl *rubblePile) height(x, z float64) float64 {
	b := pl.b
	cx, cz := (b.x0+b.x1)/2, (b.z0+b.z1)/2
	ex, ez := 0.0, 0.0
	if x < cx {
		ex = (cx - x) / (cx - pl.x0)
	} else {
		ex = (x - cx) / (pl.x1 - cx)
	}
	if z < cz {
		ez = (cz - z) / (cz - pl.z0)
	} else {
		ez = (z - cz) / (pl.z1 - cz)
	}
	r2 := ex*ex + ez*ez
	if r2 >= 1 {
		return 0
	}
	h := pl.peak * math.Pow(1-r2, 0.6)
	h *= 0.65 + 0.6*fbm(x/3.5, z/3.5, 3, pl.seed)
	h += 0.5 * (vnoise(x*1.3, z*1.3, pl.seed+4) - 0.5) * math.Min(1, h)
	return h
}

// rubbleShader is broken concrete and plaster in chunks of every size,
// with dark gaps between them, dust, and the odd coloured thing.
func (pl *rubblePile) shader() shader {
	return func(p vec3, _, _ float64) (rgb, float64) {
		// Two scales of chunks; the small ones fill the big ones' gaps.
		x, z := p.X+p.Y*0.7, p.Z-p.Y*0.5
		id, edge, rx, ry := cellsAt(x*2.2, z*2.2, pl.seed)
		c := concrete.mix(pl.b.col, float64(id>>24)/255*0.8)
		// Each chunk is a facet lit from its own side.
		a := float64(id>>16&255) / 255 * 2 * math.Pi
		facet := 0.85 + 0.5*(rx*math.Cos(a)+ry*math.Sin(a))
		c = c.mul((0.5 + 0.5*float64(id>>8&255)/255) * facet)
		if edge < 0.04+0.1*vnoise(x*1.5, z*1.5, pl.seed+3) {
			id2, edge2 := cells(x*7, z*7, pl.seed+1)
			c = concrete.mul(0.35 + 0.55*float64(id2>>8&255)/255)
			if edge2 < 0.1 {
				c = c.mul(0.5 + 4*edge2)
			}
		}
		c = c.mul(0.85 + 0.3*vnoise(x*9, z*9, pl.seed+2))
		switch id & 127 {
		case 0, 1:
			c = hex(signCols[id>>12%uint32(len(signCols))]).mul(0.55)
		case 2:
			c = burnt
		case 3:
			c = hex(paintCols[id>>12%uint32(len(paintCols))]).mul(0.7)
		}
		// Dust settles on the heap.
		return c.mix(hex(0xb4ad9f), 0.15), 1
	}
}

// rubbleFaces makes the heap, the slabs and chunks lying on it, the stumps
// of columns and the wall left standing at the back.
func (pl *rubblePile) faces(fs []*face, lines []line3) ([]*face, []line3) {
	r := newRNG(uint64(pl.seed) + 5)
	sh := pl.shader()
	const step = 0.5
	nx := int(math.Ceil((pl.x1 - pl.x0) / step))
	nz := int(math.Ceil((pl.z1 - pl.z0) / step))
	hAt := func(i, j int) vec3 {
		x, z := pl.x0+float64(i)*step, pl.z0+float64(j)*step
		h := pl.height(x, z)
		if h <= 0 {
			h = -0.05
		}
		return v3(x, h, z)
	}
	for i := 0; i < nx; i++ {
		for j := 0; j < nz; j++ {
			a, b, c, d := hAt(i, j), hAt(i+1, j), hAt(i+1, j+1), hAt(i, j+1)
			for _, tri := range [][]vec3{{a, b, c}, {a, c, d}} {
				if tri[0].Y <= 0 && tri[1].Y <= 0 && tri[2].Y <= 0 {
					continue
				}
				fs = append(fs, upFace(tri, sh))
			}
		}
	}
	// Slabs of floor and wall lying on the heap.
	b := pl.b
	slab := func(x, z, s, tilt float64, tiles bool) {
		y := math.Max(0, pl.height(x, z))
		n := v3(r.rangef(-1, 1), 0, r.rangef(-1, 1)).norm().mul(math.Sin(tilt))
		n.Y = math.Cos(tilt)
		n = n.norm()
		u := n.cross(v3(r.rangef(-1, 1), 0.1, r.rangef(-1, 1))).norm()
		v := n.cross(u).norm()
		w, d := s, s*r.rangef(0.45, 1)
		th := math.Min(0.22, 0.08+s*0.05)
		c := v3(x, y+th*0.5, z)
		var top, bot []vec3
		for k, sgn := range [][2]float64{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}} {
			j := 0.85 + 0.3*r.f()
			if k == 2 {
				j *= r.rangef(0.6, 1) // broken corner
			}
			q := c.add(u.mul(sgn[0] * w / 2 * j)).add(v.mul(sgn[1] * d / 2 * j))
			top = append(top, q)
			bot = append(bot, q.sub(n.mul(th)))
		}
		ss := slabShader(b, tiles, uint32(r.next()))
		fs = append(fs, orient(top, n, ss))
		for k := 0; k < 4; k++ {
			a, e := top[k], top[(k+1)%4]
			side := []vec3{a, e, bot[(k+1)%4], bot[k]}
			mid := a.add(e).mul(0.5)
			fs = append(fs, orient(side, mid.sub(c), sh))
		}
		// Reinforcing bars sticking out of the broken edge.
		if s > 1.2 {
			for k := 0; k < 3; k++ {
				a := top[2].lerp(top[3], r.f()).sub(n.mul(th / 2))
				out := a.sub(c).norm()
				e := a.add(out.mul(r.rangef(0.3, 1.1))).add(v3(0, r.rangef(-0.2, 0.5), 0))
				lines = append(lines, line3{a: a, b: e, width: 0.014, col: hex(0x5a3a28), minPx: 0.8})
			}
		}
	}
	for k := 0; k < 40; k++ {
		x := r.rangef(b.x0+0.5, b.x1-0.5)
		z := r.rangef(b.z0+0.5, b.z1-0.5)
		slab(x, z, r.rangef(1.8, 3.6), r.rangef(0.1, 0.8), r.f() < 0.3)
	}
	for k := 0; k < 320; k++ {
		x := r.rangef(pl.x0+1, pl.x1-1)
		z := r.rangef(pl.z0+1, pl.z1-1)
		if pl.height(x, z) <= 0.05 {
			continue
		}
		s := 0.25 + 1.3*math.Pow(r.f(), 2.2)
		slab(x, z, s, r.rangef(0, 1.1), false)
	}
	if b.floors >= 3 {
		fs, lines = pl.remnant(fs, lines, r)
	}
	return fs, lines
}

// remnant is what still stands of a collapsed building: part of its back
// wall, and stumps of its front columns.
func (pl *rubblePile) remnant(fs []*face, lines []line3, r *rng) ([]*face, []line3) {
	b := pl.b
	x := b.x1 - 0.25
	var pts []vec3
	pts = append(pts, v3(x, -0.1, b.z1), v3(x, -0.1, b.z0))
	n := 9
	for i := 0; i <= n; i++ {
		z := b.z0 + (b.z1-b.z0)*float64(i)/float64(n)
		top := 3 + 7*math.Pow(math.Sin(math.Pi*float64(i)/float64(n)*0.9+0.25), 1.5) + r.rangef(-1.2, 1.2)
		pts = append(pts, v3(x, top, z))
	}
	g := ghost{side: sideW, a0: b.z0, a1: b.z1, y0: 0, y1: b.h, seed: b.seed}
	inner := func(p vec3, _, _ float64) (rgb, float64) {
		return ghostWall(concrete, p.Z-b.z0, b.z1-b.z0, p.Y, g), 1
	}
	f := newFace(pts, v3(x, 0, b.z1), v3(0, 0, -1), v3(0, 1, 0), inner) // faces west
	fs = append(fs, f)
	back := make([]vec3, len(pts))
	for i, p := range pts {
		back[i] = v3(b.x1, p.Y, p.Z)
	}
	fs = append(fs, newFace(back, v3(b.x1, 0, b.z0), v3(0, 0, 1), v3(0, 1, 0), b.facade(sideE, b.z1-b.z0)))
	// Top of the broken wall.
	for i := 2; i+1 < len(pts); i++ {
		a, c := pts[i], pts[i+1]
		fs = append(fs, orient([]vec3{a, c, v3(b.x1, c.Y, c.Z), v3(b.x1, a.Y, a.Z)}, v3(0, 1, 0), flat(concrete, 9)))
	}
	// Column stumps along the front with bent bars on top.
	for k := 0; k < 4; k++ {
		z := b.z0 + 0.6 + (b.z1-b.z0-1.2)*float64(k)/3
		h := r.rangef(1.2, 3.8)
		cx := b.x0 + 0.6
		fs = box(fs, cx-0.2, 0, z-0.2, cx+0.2, h, z+0.2, same(flat(concrete.mul(0.95), 10+uint32(k))), flat(concrete.mul(0.8), 20), nil)
		for j := 0; j < 4; j++ {
			a := v3(cx+r.rangef(-0.15, 0.15), h, z+r.rangef(-0.15, 0.15))
			e := a.add(v3(r.rangef(-0.6, 0.6), r.rangef(0.3, 0.9), r.rangef(-0.6, 0.6)))
			lines = append(lines, line3{a: a, b: e, width: 0.016, col: hex(0x5a3a28), minPx: 0.8})
		}
	}
	// A floor slab hanging from the wall down onto the heap.
	for k := 0; k < 2; k++ {
		z0 := b.z0 + 1 + float64(k)*5
		z1 := z0 + r.rangef(3, 4.5)
		top := 5.5 + float64(k)*1.2
		pts := []vec3{{x - 0.1, top, z0}, {x - 0.1, top, z1}, {x - 4.5, 1.6 + r.f(), z1}, {x - 4.5, 1.2 + r.f(), z0}}
		fs = append(fs, orient(pts, v3(-0.5, 1, 0), slabShader(b, true, uint32(k+40))))
	}
	return fs, lines
}

// slabShader is a piece of floor slab, sometimes still tiled.
func slabShader(b *building, tiles bool, seed uint32) shader {
	tile := hex(paintCols[seed%uint32(len(paintCols))]).mix(hex(0xd8d2c4), 0.5)
	return func(p vec3, u, v float64) (rgb, float64) {
		n := vnoise(u*3, v*3, seed)
		if tiles && vnoise(u*1.2, v*1.2, seed+1) > 0.35 {
			if math.Mod(u+50, 0.33) < 0.02 || math.Mod(v+50, 0.33) < 0.02 {
				return tile.mul(0.7), 1
			}
			return tile.mul(0.8 + 0.2*n), 1
		}
		return concrete.mix(b.col, 0.2).mul(0.7 + 0.35*n), 1
	}
}

// upFace makes a one-sided face whose normal points up.
func upFace(pts []vec3, s shader) *face { return orient(pts, v3(0, 1, 0), s) }

// orient makes a one-sided face from a planar polygon, its front towards
// the direction out.
func orient(pts []vec3, out vec3, s shader) *face {
	f := polyFace(pts, s)
	if f.n.dot(out) < 0 {
		rev := make([]vec3, len(pts))
		for i, p := range pts {
			rev[len(pts)-1-i] = p
		}
		f = polyFace(rev, s)
	}
	f.twoSided = false
	return f
}
