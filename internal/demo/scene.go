package demo

import "math"

// roofShader is a flat concrete roof with water stains, and holes and soot
// after the strike.
func (b *building) roofShader() shader {
	return func(p vec3, u, v float64) (rgb, float64) {
		n := fbm(p.X/3.5, p.Z/3.5, 2, b.seed+31)
		c := b.roofCol.mul(0.84 + 0.24*n + 0.06*(vnoise(p.X*4, p.Z*4, b.seed+32)-0.5))
		if s := vnoise(p.X*0.6, p.Z*0.6, b.seed+33); s > 0.68 {
			c = c.mul(1 - 0.5*(s-0.68))
		}
		return b.damageAt(c, p, 1, u, v, nil)
	}
}

// buildingFaces adds a standing building: walls, parapet, roof, and what
// stands on the roof and hangs on the front.
func (b *building) faces(fs []*face) []*face {
	fs = box(fs, b.x0, 0, b.z0, b.x1, b.h, b.z1, b.facade, nil, nil)
	const pw, ph = 0.22, 0.8
	rh := b.h - ph
	roof := b.roofShader()
	fs = append(fs, newFace([]vec3{{b.x0, rh, b.z0}, {b.x0, rh, b.z1}, {b.x1, rh, b.z1}, {b.x1, rh, b.z0}}, v3(b.x0, rh, b.z0), v3(1, 0, 0), v3(0, 0, 1), roof))
	// Parapet: its top, and its inner faces.
	cap := flat(b.col.mul(1.05), b.seed+34)
	in := flat(b.col.mul(0.92), b.seed+35)
	x0, x1, z0, z1 := b.x0+pw, b.x1-pw, b.z0+pw, b.z1-pw
	tops := [][4]float64{{b.x0, b.z0, b.x1, z0}, {b.x0, z1, b.x1, b.z1}, {b.x0, z0, x0, z1}, {x1, z0, b.x1, z1}}
	for _, t := range tops {
		fs = append(fs, newFace([]vec3{{t[0], b.h, t[1]}, {t[0], b.h, t[3]}, {t[2], b.h, t[3]}, {t[2], b.h, t[1]}}, v3(t[0], b.h, t[1]), v3(1, 0, 0), v3(0, 0, 1), cap))
	}
	fs = append(fs,
		newFace([]vec3{{x0, rh, z0}, {x0, rh, z1}, {x0, b.h, z1}, {x0, b.h, z0}}, v3(x0, rh, z0), v3(0, 0, 1), v3(0, 1, 0), in),  // faces east
		newFace([]vec3{{x1, rh, z1}, {x1, rh, z0}, {x1, b.h, z0}, {x1, b.h, z1}}, v3(x1, rh, z1), v3(0, 0, -1), v3(0, 1, 0), in), // faces west
		newFace([]vec3{{x1, rh, z0}, {x0, rh, z0}, {x0, b.h, z0}, {x1, b.h, z0}}, v3(x1, rh, z0), v3(-1, 0, 0), v3(0, 1, 0), in), // faces north
		newFace([]vec3{{x0, rh, z1}, {x1, rh, z1}, {x1, b.h, z1}, {x0, b.h, z1}}, v3(x0, rh, z1), v3(1, 0, 0), v3(0, 1, 0), in),  // faces south
	)
	r := newRNG(uint64(b.seed))
	w, d := b.x1-b.x0, b.z1-b.z0
	// Water tanks.
	tanks := []uint32{0x2a2a2a, 0xdedede, 0x3d6fb0, 0x2a2a2a, 0xd9d2bf}
	nt := r.intn(4)
	for i := 0; i < nt; i++ {
		cx := b.x0 + 1.2 + r.f()*(w-2.4)
		cz := b.z0 + 1.2 + r.f()*(d-2.4)
		col := hex(tanks[r.intn(len(tanks))])
		fs = prism(fs, cx, cz, 0.55, rh, rh+1.15, 8, flat(col, b.seed+36), flat(col.mul(0.95), b.seed+37))
	}
	// Stair house.
	if b.floors >= 2 && r.f() < 0.6 && w > 6 && d > 6 {
		sx := b.x0 + 1 + r.f()*(w-4.6)
		sz := b.z0 + 1 + r.f()*(d-4.6)
		sb := &building{x0: sx, z0: sz, x1: sx + 2.6, z1: sz + 2.6, h: 2.5, floors: 1, col: b.col, roofCol: b.roofCol, frameCol: b.frameCol, shutterCol: b.shutterCol, doorCol: b.doorCol, seed: b.seed + 38, front: r.intn(4), spots: b.spots, broken: b.broken}
		fs = box(fs, sx, rh, sz, sx+2.6, rh+2.5, sz+2.6, sb.facade, flat(b.roofCol, b.seed+39), nil)
	}
	if b.balconies {
		fs = b.balconyFaces(fs)
	}
	if b.shops && (b.front == sideW && b.x0 == mainHalf || b.front == sideE && b.x1 == -mainHalf) {
		fs = b.awningFaces(fs)
	}
	return fs
}

var awningCols = [][2]uint32{{0xb8322a, 0xeee8dc}, {0x2e6d4f, 0xeee8dc}, {0x2d5c9a, 0xe8e2d2}, {0xd9a52b, 0x7a4a2a}, {0x7a2f25, 0xd8c8a8}}

// awningFaces adds striped fabric awnings over some of the shops on Souq
// Street.
func (b *building) awningFaces(fs []*face) []*face {
	width := b.z1 - b.z0
	bays := int(math.Max(1, math.Floor(width/3.4)))
	bw := width / float64(bays)
	x, out := b.x0, -1.0
	if b.front == sideE {
		x, out = b.x1, 1
	}
	for bi := 0; bi < bays; bi++ {
		h := hash2(int64(bi), 77, b.seed)
		if h%3 != 0 {
			continue
		}
		cols := awningCols[h>>4%uint32(len(awningCols))]
		a, c := hex(cols[0]), hex(cols[1])
		sh := func(p vec3, u, v float64) (rgb, float64) {
			col := a
			if math.Mod(p.Z+100, 0.5) < 0.25 {
				col = c
			}
			return col.mul(0.85 + 0.2*vnoise(p.Z*3, p.Y*5, h)), 1
		}
		z0, z1 := b.z0+float64(bi)*bw+0.25, b.z0+float64(bi+1)*bw-0.25
		x1 := x + out*1.3
		fs = append(fs, polyFace([]vec3{{x, 3.0, z0}, {x, 3.0, z1}, {x1, 2.45, z1}, {x1, 2.45, z0}}, sh))
		fs = append(fs, polyFace([]vec3{{x1, 2.45, z0}, {x1, 2.45, z1}, {x1, 2.2, z1}, {x1, 2.2, z0}}, sh))
	}
	return fs
}

// balconyFaces adds balconies on the front of the upper floors.
func (b *building) balconyFaces(fs []*face) []*face {
	var width float64
	switch b.front {
	case sideS, sideN:
		width = b.x1 - b.x0
	default:
		width = b.z1 - b.z0
	}
	bays := int(math.Max(1, math.Floor(width/3.4)))
	bw := width / float64(bays)
	par := func(p vec3, u, v float64) (rgb, float64) {
		c := b.col.mul(0.88 + 0.16*vnoise(p.X*0.9+p.Z*0.9, p.Y*0.9, b.seed+43))
		if v > 0.98 {
			c = c.mul(1.1)
		} else if v < 0.15 {
			c = c.mul(0.85)
		}
		return b.damageAt(c, p, 1, u, v, nil)
	}
	under := flat(b.col.mul(0.8), b.seed+40)
	for fi := 1; fi < b.floors; fi++ {
		for bi := 0; bi < bays; bi++ {
			if hash2(int64(bi), int64(fi), b.seed+41)%3 != 0 {
				continue
			}
			y := float64(fi) * floorH
			a0 := float64(bi)*bw + 0.3
			a1 := float64(bi+1)*bw - 0.3
			const depth = 1.1
			var x0, x1, z0, z1 float64
			switch b.front {
			case sideS: // u runs east along the south wall
				x0, x1, z0, z1 = b.x0+a0, b.x0+a1, b.z0-depth, b.z0
			case sideN: // u runs west
				x0, x1, z0, z1 = b.x1-a1, b.x1-a0, b.z1, b.z1+depth
			case sideE: // u runs north
				x0, x1, z0, z1 = b.x1, b.x1+depth, b.z0+a0, b.z0+a1
			case sideW: // u runs south
				x0, x1, z0, z1 = b.x0-depth, b.x0, b.z1-a1, b.z1-a0
			}
			walls := func(side int, w float64) shader {
				if side == (b.front+2)%4 {
					return nil // against the wall
				}
				return par
			}
			fs = box(fs, x0, y-0.05, z0, x1, y+1.05, z1, walls, flat(b.col.mul(0.95), b.seed+42), under)
		}
	}
	return fs
}

// sceneFaces returns every face of the town but the ground, and its lines.
func (t *town) sceneFaces() ([]*face, []line3) {
	var fs []*face
	var lines []line3
	for _, b := range t.buildings {
		if !b.collapsed {
			fs = b.faces(fs)
		}
	}
	for i := range t.piles {
		fs, lines = t.piles[i].faces(fs, lines)
	}
	fs = t.craterFaces(fs)
	for i, c := range t.cars {
		fs = carFaces(fs, c, uint32(500+i))
	}
	for i, p := range t.palms {
		fs = palmFaces(fs, p, uint32(600+i), t.after && p.Z == 48)
	}
	fs = mosqueFaces(fs)
	fs, lines = towerFaces(fs, lines)
	pole := flat(hex(0x9a968e), 81)
	for i, p := range t.poles {
		fs = box(fs, p.X-0.12, 0, p.Z-0.12, p.X+0.12, 9, p.Z+0.12, same(pole), pole, nil)
		fs = box(fs, p.X-0.9, 8.3, p.Z-0.06, p.X+0.9, 8.42, p.Z+0.06, same(pole), pole, nil)
		if i+1 < len(t.poles) {
			q := t.poles[i+1]
			broken := t.after && p.Z < 30 && q.Z > -20
			for k, dx := range []float64{-0.85, 0, 0.85} {
				a, b := v3(p.X+dx, 8.42, p.Z), v3(q.X+dx, 8.42, q.Z)
				sag := 0.5 + 0.1*float64(k)
				if broken && k != 1 {
					// Cut by the blast: hanging down to the street.
					mid := a.lerp(b, 0.45)
					mid.Y = 0.4 + float64(k)*0.5
					lines = append(lines, line3{a: a, b: mid, width: 0.018, sag: 0.3, col: hex(0x1e1e1e), minPx: 1})
					continue
				}
				lines = append(lines, line3{a: a, b: b, width: 0.018, sag: sag, col: hex(0x1e1e1e), minPx: 1})
			}
		}
		// Drops across the street to the houses opposite.
		if i%2 == 0 {
			a := v3(p.X+0.85, 8.42, p.Z)
			b := v3(mainHalf, 7.2, p.Z+3)
			lines = append(lines, line3{a: a, b: b, width: 0.014, sag: 0.35, col: hex(0x1e1e1e), minPx: 1})
		}
	}
	return fs, lines
}

// groundFace is the ground plane, far larger than the town.
func (t *town) groundFace(sun vec3) *face {
	const e = 6000.0
	return newFace([]vec3{{-e, 0, -e}, {-e, 0, e}, {e, 0, e}, {e, 0, -e}}, v3(0, 0, 0), v3(1, 0, 0), v3(0, 0, 1), t.groundShader(sun))
}
