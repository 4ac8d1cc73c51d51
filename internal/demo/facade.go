package demo

import "math"

var (
	glassDark  = hex(0x27303a)
	glassLight = hex(0x7d8c99)
	interior   = hex(0x1d1915)
	burnt      = hex(0x17130f)
	concrete   = hex(0x9c978e)
	signCols   = []uint32{0xf0ede4, 0xe8c440, 0xb8322a, 0x2e7d4f, 0x2d5c9a, 0xf0ede4, 0xd9792b}
	shopCols   = []uint32{0x8a8d8f, 0x4f7f7a, 0x4a6a8c, 0x5d7a4e, 0x9a6a4a, 0x7c7f80}
	paintCols  = []uint32{0x8fb3c9, 0xc9a7a0, 0xa9c29a, 0xe0d2a8, 0xb9b2d0, 0xd8d8d0, 0x9ec5c0}
)

// facade returns the shader of one wall of a building: plaster, floor
// bands, windows with frames, shutters and air conditioners, shops or a
// door on the ground floor, and the damage after the strike.
func (b *building) facade(side int, width float64) shader {
	seed := b.seed + uint32(side)*977
	bays := int(math.Max(1, math.Floor(width/3.4)))
	bw := width / float64(bays)
	ww := math.Min(1.3, bw-1.2)
	front := side == b.front
	doorBay := int(hash2(int64(side), 5, b.seed) % uint32(bays))
	var ghosts []ghost
	for _, g := range b.ghosts {
		if g.side == side {
			ghosts = append(ghosts, g)
		}
	}
	return func(p vec3, u, v float64) (rgb, float64) {
		n1 := vnoise(u*0.35, v*0.35, seed)
		n2 := vnoise(u*3.7, v*3.7, seed+3)
		c := b.col.mul(0.86 + 0.2*n1 + 0.08*(n2-0.5))
		sun := 1.0
		// Grime: splashes near the ground, streaks down from the top.
		c = c.mul(1 - 0.16*(1-smoothstep(0, 0.9, v)))
		if v > b.h-6 {
			st := vnoise(u*2.2, v*0.12, seed+5)
			c = c.mul(1 - 0.14*smoothstep(0.5, 0.9, st)*smoothstep(b.h-6, b.h-0.8, v))
		}
		if v > b.h-0.9 {
			// Parapet with a coping on top.
			if v > b.h-0.12 {
				return c.mul(1.08), sun
			}
			if v < b.h-0.82 {
				c = c.mul(0.9)
			}
			return b.damageAt(c, p, sun, u, v, ghosts)
		}
		fi := int(v / floorH)
		fv := v - float64(fi)*floorH
		bi := int(u / bw)
		if bi >= bays {
			bi = bays - 1
		}
		if bi < 0 {
			bi = 0
		}
		bu := u - (float64(bi)+0.5)*bw
		h := hash2(int64(bi), int64(fi), seed)
		if fi >= 1 && fv < 0.24 {
			c = c.mul(0.93)
			if fv < 0.05 {
				c = c.mul(0.8)
			}
		}
		if fi == 0 {
			c = b.groundFloor(c, front, bi, bu, fv, bw, doorBay, h, p)
		} else {
			c = b.window(c, bi, fi, bu, fv, ww, h, u, v)
		}
		return b.damageAt(c, p, sun, u, v, ghosts)
	}
}

// window draws the window of one bay of an upper floor.
func (b *building) window(c rgb, bi, fi int, bu, fv, ww float64, h uint32, u, v float64) rgb {
	const sill, wh = 0.95, 1.5
	au := math.Abs(bu)
	broken := b.broken > 0 && float64(h>>20&1023)/1024 < b.broken
	// Air conditioner beside some windows.
	if h>>4&3 == 0 && bu > ww/2+0.2 && bu < ww/2+1.0 && fv > 1.0 && fv < 1.55 {
		if broken && h>>12&1 == 0 {
			return burnt.mix(concrete, 0.3)
		}
		g := 0.92
		if math.Mod(fv*30, 1) < 0.3 && bu > ww/2+0.3 && bu < ww/2+0.9 {
			g = 0.7
		}
		return hex(0xd2d2ca).mul(g)
	}
	if h>>4&3 == 0 && bu > ww/2+0.2 && bu < ww/2+1.0 && fv > 0.9 && fv < 1.0 {
		return c.mul(0.7)
	}
	if au < ww/2+0.1 && fv > sill-0.1 && fv < sill {
		return c.mul(1.1) // sill
	}
	if au < ww/2+0.1 && fv > sill-0.16 && fv < sill-0.1 {
		return c.mul(0.82)
	}
	if au > ww/2 || fv < sill || fv > sill+wh {
		// Soot above burnt-out windows.
		if broken && float64(h>>8&255)/256 < b.sooty && fv > sill+wh && fv < sill+wh+2.2 {
			k := (fv - sill - wh) / 2.2
			spread := ww/2 + 0.2 + 0.5*k
			if au < spread+0.3 {
				n := vnoise(u*5, v*2.5, b.seed+17)
				a := (1 - k) * (1 - smoothstep(spread-0.3, spread+0.3, au)) * (0.6 + 0.5*n)
				c = c.mix(burnt, clamp01(a))
			}
		}
		// Drip stains under windows.
		if au < ww/2 && fv < sill-0.16 && fv > sill-1.4 {
			c = c.mul(1 - 0.07*vnoise(u*9, 0, b.seed+23)*(fv-(sill-1.4)))
		}
		return c
	}
	wy := fv - sill // 0..wh up the window
	if au > ww/2-0.07 || wy < 0.07 || wy > wh-0.07 {
		if broken && h>>13&3 == 0 {
			return burnt.mix(b.frameCol, 0.2)
		}
		return b.frameCol // frame
	}
	if broken {
		n := vnoise(bu*11, wy*11, h)
		if n > 0.74 && (au > ww/2-0.3 || wy > wh-0.35) {
			return glassLight.mix(glassDark, 0.4) // shards left in the frame
		}
		if h>>8&255 < 70 {
			return burnt
		}
		return interior.mul(0.8 + 0.3*vnoise(bu*4, wy*4, h+1))
	}
	switch h % 7 {
	case 0, 1, 2: // glass reflecting the sky
		if math.Abs(bu) < 0.03 {
			return b.frameCol
		}
		k := wy/wh*0.7 + 0.3*vnoise(bu*2+float64(bi), wy, h)
		return glassDark.mix(glassLight, k)
	case 3, 4: // shutters down
		s := 0.84 + 0.16*math.Sin(wy*2*math.Pi/0.07)
		return b.shutterCol.mul(s * (0.9 + 0.1*vnoise(bu*3, wy*3, h)))
	case 5: // curtain behind glass
		if wy < wh*0.75 {
			return hex(paintCols[h>>10%uint32(len(paintCols))]).mul(0.8 + 0.08*math.Sin(bu*40))
		}
		return glassDark.mix(glassLight, 0.5)
	default: // open window, dark room
		return interior.mix(hex(0x4a3b2e), vnoise(bu*3, wy*3, h)*0.4)
	}
}

// groundFloor draws shops (with roller shutters and signs) or a door and
// barred windows.
func (b *building) groundFloor(c rgb, front bool, bi int, bu, fv, bw float64, doorBay int, h uint32, p vec3) rgb {
	au := math.Abs(bu)
	if front && b.shops {
		if au < bw/2-0.3 && fv < 2.7 {
			if b.broken > 0.5 && h>>3&1 == 0 {
				// Shutter blown in.
				n := vnoise(bu*6, fv*6, h)
				if n > 0.55 {
					return hex(shopCols[h%uint32(len(shopCols))]).mul(0.55 + 0.3*n)
				}
				return interior.mul(0.7)
			}
			if float64(h>>6&255)/256 > b.openShops {
				s := 0.8 + 0.2*math.Sin(fv*2*math.Pi/0.09)
				col := hex(shopCols[h%uint32(len(shopCols))])
				grime := 0.85 + 0.2*vnoise(bu*1.5, fv*1.5, h)
				return col.mul(s * grime * (0.92 + 0.08*fv/2.7))
			}
			// Open shop: dark inside, goods on shelves.
			in := interior.mix(hex(0x3a2e24), 0.4+0.3*fv/2.7)
			if fv < 2.1 && math.Mod(fv, 0.55) > 0.06 {
				cell := hash2(int64(math.Floor(bu/0.18)), int64(math.Floor(fv/0.55)), h)
				if cell&3 != 0 {
					g := hex(signCols[cell>>4%uint32(len(signCols))]).mix(in, 0.55)
					return g.mul(0.7 + 0.5*float64(cell>>8&7)/7)
				}
			}
			return in
		}
		if au < bw/2-0.3 && fv >= 2.7 && fv < 2.92 {
			return hex(0x77787a).mul(0.9) // shutter box
		}
		if au < bw/2-0.1 && fv >= 2.92 && fv < 3.28 {
			// Sign board with rows of lettering.
			sc := hex(signCols[h>>9%uint32(len(signCols))])
			inner := au < bw/2-0.35 && fv > 3.0 && fv < 3.2
			if inner {
				cell := hash2(int64(math.Floor(bu/0.09)), int64(math.Floor(fv/0.07)), h+7)
				if cell&7 < 4 {
					if sc.R+sc.G+sc.B > 2.2 {
						return hex(0x2a3a6a)
					}
					return hex(0xf5f2e8)
				}
			}
			return sc
		}
		return c
	}
	if bi == doorBay && au < 0.6 && fv < 2.3 {
		if au > 0.52 || fv > 2.22 {
			return c.mul(0.75)
		}
		panel := 1.0
		if math.Abs(bu) < 0.02 || math.Mod(fv, 0.7) < 0.03 {
			panel = 0.8
		}
		return b.doorCol.mul(panel * (0.9 + 0.15*vnoise(bu*5, fv*5, h)))
	}
	if bi != doorBay && au < 0.55 && fv > 1.3 && fv < 2.3 {
		if math.Mod(bu+2, 0.13) < 0.025 {
			return hex(0x2b2b2b) // bars
		}
		if b.broken > 0 && h&1 == 0 {
			return interior
		}
		return glassDark.mix(glassLight, (fv-1.3)*0.5)
	}
	return c
}

// damageAt adds soot, holes, pockmarks and bare party walls.
func (b *building) damageAt(c rgb, p vec3, sun, u, v float64, ghosts []ghost) (rgb, float64) {
	for _, g := range ghosts {
		a := p.X
		if g.side == sideE || g.side == sideW {
			a = p.Z
		}
		if a >= g.a0 && a <= g.a1 && p.Y >= g.y0 && p.Y <= g.y1 {
			c = ghostWall(c, a-g.a0, g.a1-g.a0, p.Y, g)
		}
	}
	for i := range b.spots {
		c, sun = b.spots[i].apply(c, p, sun)
	}
	return c, sun
}

// ghostWall is the inside of a party wall after the building against it
// fell: each floor's rooms painted their own colour, tiles, slab scars.
func ghostWall(c rgb, a, span, y float64, g ghost) rgb {
	fi := int(y / floorH)
	fy := y - float64(fi)*floorH
	room := int(a / 4.3)
	h := hash2(int64(room), int64(fi), g.seed)
	paint := hex(paintCols[h%uint32(len(paintCols))]).mix(hex(0xb0aaa0), 0.35)
	n := vnoise(a*0.8, y*0.8, g.seed)
	col := paint.mul(0.72 + 0.25*n)
	// Patches where the paint and plaster came away.
	if vnoise(a*1.3, y*1.3, g.seed+1) > 0.62 {
		col = concrete.mul(0.7 + 0.2*n)
	}
	if h>>5&3 == 0 && fy < 1.6 {
		// Tiles of a kitchen or bathroom.
		if math.Mod(a, 0.2) < 0.015 || math.Mod(fy, 0.2) < 0.015 {
			col = hex(0x8a8880)
		} else {
			col = hex(0xd8dcd8)
		}
	}
	if fy > floorH-0.3 || fy < 0.05 {
		col = concrete.mul(0.7) // the scar of the fallen floor slab
	}
	if math.Mod(a, 4.3) < 0.2 {
		col = concrete.mul(0.8) // the line of a fallen partition
	}
	// Soot over all of it, heavier low down.
	k := 0.4 + 0.5*vnoise(a*0.5, y*0.4, g.seed+2) - 0.015*y
	return col.mix(burnt, clamp01(k))
}

// apply marks colour c at p with this spot.
func (s *spot) apply(c rgb, p vec3, sun float64) (rgb, float64) {
	d := p.sub(s.c)
	reach := s.r * 1.4 // scorch and pocks end within this
	if s.kind == spotHole {
		reach = s.r * 2.3
	}
	if math.Abs(d.X) > reach || math.Abs(d.Z) > reach || math.Abs(d.Y) > reach*math.Max(1, s.up) {
		return c, sun
	}
	switch s.kind {
	case spotScorch:
		dy := d.Y
		if dy > 0 && s.up > 0 {
			dy /= s.up
		}
		r := math.Sqrt(d.X*d.X+dy*dy+d.Z*d.Z) / s.r
		n := fbm(p.X*0.9+p.Z*0.9, p.Y*0.9, 3, s.seed)
		k := 1 - smoothstep(0.15, 1.1, r+0.5*(n-0.5))
		c = c.mix(burnt, clamp01(k*(0.75+0.3*n)))
	case spotHole:
		a := p.X + p.Z
		r := d.length()/s.r + 0.7*(fbm(a*2.6, p.Y*2.6, 3, s.seed)-0.5)
		if r < 1 {
			// The dark room behind, and bent bars across the opening.
			in := interior.mix(hex(0x3b3129), 0.5*vnoise(a*3, p.Y*3, s.seed+1))
			if math.Abs(math.Mod(a*1.7+p.Y*0.4+10, 0.55)) < 0.025 {
				in = hex(0x4a3426)
			}
			return in, 0
		}
		if r < 1.28 {
			// Broken concrete round the edge.
			return concrete.mul(0.45 + 0.35*vnoise(a*11, p.Y*11, s.seed)), sun
		}
		if r < 2.2 {
			c = c.mix(burnt, (2.2-r)*0.45)
		}
	case spotPocks:
		if d.length() > s.r {
			return c, sun
		}
		a, y := p.X+p.Z, p.Y
		const cell = 0.22
		ia, iy := math.Floor(a/cell), math.Floor(y/cell)
		h := hash2(int64(ia), int64(iy), s.seed)
		dens := 0.35 * (1 - d.length()/s.r)
		if float64(h&1023)/1024 < dens {
			ca := (ia + 0.2 + 0.6*float64(h>>10&255)/256) * cell
			cy := (iy + 0.2 + 0.6*float64(h>>18&255)/256) * cell
			rr := 0.015 + 0.035*float64(h>>26&63)/64
			q := math.Hypot(a-ca, y-cy)
			if q < rr*0.55 {
				return hex(0x3c3934), sun
			}
			if q < rr {
				return c.mix(concrete, 0.7).mul(0.85), sun
			}
		}
	}
	return c, sun
}
