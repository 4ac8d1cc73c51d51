package demo

import "math"

// carProfile is the side outline of a small saloon car, (z, y) in metres
// from its centre, rear to front over the top.
var carProfile = [][2]float64{
	{-2.15, 0.32}, {-2.15, 0.9}, {-1.6, 0.98}, {-1.0, 1.42}, {0.45, 1.45}, {1.15, 1.0}, {2.05, 0.88}, {2.15, 0.35},
}

// carFaces adds a parked car along the street (north–south), facing north.
func carFaces(fs []*face, c car, seed uint32) []*face {
	const hw = 0.87
	lift := 0.0
	if c.burnt {
		lift = -0.2 // on its rims
	}
	body := func(p vec3, u, v float64) (rgb, float64) {
		n := vnoise(p.X*3, p.Z*3+p.Y*3, seed)
		if c.burnt {
			k := vnoise(p.X*2.5, p.Z*2.5+p.Y*2, seed+1)
			return burnt.mix(hex(0x7a4a2a), smoothstep(0.5, 0.8, k)).mul(0.8 + 0.4*n), 1
		}
		col := c.col.mul(0.93 + 0.1*n)
		if p.Y-lift < 0.45 {
			col = col.mul(0.6) // sill and bumper shadow
		}
		return col, 1
	}
	glass := func(p vec3, u, v float64) (rgb, float64) {
		if c.burnt {
			return burnt.mul(0.6), 1
		}
		return glassDark.mix(glassLight, 0.35+0.4*vnoise(p.X*2+p.Z, p.Y*3, seed)), 1
	}
	side := func(p vec3, u, v float64) (rgb, float64) {
		z := p.Z - c.z
		y := p.Y - lift
		// Side windows under the roof line, with a pillar between.
		if y > 1.02 && y < 1.36 && z > -1.35 && z < 0.85 && math.Abs(z+0.25) > 0.06 {
			top := 1.36
			if z < -0.95 {
				top = 1.02 + (z+1.35)*0.85
			} else if z > 0.5 {
				top = 1.36 - (z-0.5)*0.97
			}
			if y < top {
				return glass(p, u, v)
			}
		}
		col, s := body(p, u, v)
		if math.Abs(z+0.25) < 0.012 || math.Abs(z-0.95) < 0.012 {
			col = col.mul(0.7) // door gaps
		}
		return col, s
	}
	pt := func(i int, x float64) vec3 {
		q := carProfile[i]
		return v3(c.x+x, q[1]+lift, c.z+q[0])
	}
	var east, west []vec3
	for i := range carProfile {
		east = append(east, pt(i, hw))
		west = append(west, pt(len(carProfile)-1-i, -hw))
	}
	fs = append(fs,
		newFace(east, v3(c.x+hw, 0, c.z-2.15), v3(0, 0, 1), v3(0, 1, 0), side),
		newFace(west, v3(c.x-hw, 0, c.z+2.15), v3(0, 0, -1), v3(0, 1, 0), side),
	)
	for i := 0; i+1 < len(carProfile); i++ {
		a, b := carProfile[i], carProfile[i+1]
		// Outward normal of the outline segment (it runs clockwise seen
		// from the east, over the top).
		out := v3(0, b[0]-a[0], -(b[1] - a[1]))
		sh := shader(body)
		if i == 2 || i == 4 {
			sh = glass // rear window, windscreen
		}
		fs = append(fs, orient([]vec3{pt(i, -hw), pt(i, hw), pt(i+1, hw), pt(i+1, -hw)}, out, sh))
	}
	tyre := flat(hex(0x1c1c1c), 3)
	for _, wz := range []float64{c.z - 1.35, c.z + 1.3} {
		for _, wx := range []float64{c.x - hw + 0.03, c.x + hw - 0.25} {
			fs = box(fs, wx, 0, wz-0.32, wx+0.22, 0.62+lift, wz+0.32, same(tyre), nil, nil)
		}
	}
	return fs
}

// palmFaces adds a date palm.
func palmFaces(fs []*face, at vec3, seed uint32, broken bool) []*face {
	r := newRNG(uint64(seed))
	h := 7 + 2*r.f()
	trunk := func(p vec3, u, v float64) (rgb, float64) {
		ring := 0.85 + 0.15*math.Sin(v*2*math.Pi/0.28)
		return hex(0x7a6148).mul(ring * (0.9 + 0.15*vnoise(u*6, v*2, seed))), 1
	}
	if broken {
		return prism(fs, at.X, at.Z, 0.24, 0, h*0.45, 6, trunk, flat(burnt, 1))
	}
	fs = prism(fs, at.X, at.Z, 0.24, 0, h, 6, trunk, nil)
	top := v3(at.X, h, at.Z)
	leaf := func(p vec3, u, v float64) (rgb, float64) {
		s := 0.75 + 0.25*math.Sin(u*45)
		return hex(0x4c6a30).mul(s * (0.85 + 0.3*vnoise(u*2, v*9, seed))), 1
	}
	for i := 0; i < 14; i++ {
		az := 2*math.Pi*float64(i)/14 + r.f()*0.3
		dir := v3(math.Sin(az), 0, math.Cos(az))
		side := v3(dir.Z, 0, -dir.X)
		rise := r.rangef(-0.2, 0.9)
		mid := top.add(dir.mul(1.7)).add(v3(0, rise*0.6+0.3, 0))
		tip := top.add(dir.mul(3.3)).add(v3(0, rise-1.4, 0))
		w0, w1 := 0.12, 0.5
		fs = append(fs, polyFace([]vec3{top.add(side.mul(w0)), mid.add(side.mul(w1)), mid.sub(side.mul(w1)), top.sub(side.mul(w0))}, leaf))
		fs = append(fs, polyFace([]vec3{mid.add(side.mul(w1)), tip.add(side.mul(0.05)), tip.sub(side.mul(0.05)), mid.sub(side.mul(w1))}, leaf))
	}
	return fs
}

// mosqueFaces adds the mosque: its prayer hall, dome and minaret.
func mosqueFaces(fs []*face) []*face {
	stone := hex(0xe4dccb)
	hall := func(side int, width float64) shader {
		return func(p vec3, u, v float64) (rgb, float64) {
			c := stone.mul(0.88 + 0.14*vnoise(u*0.5, v*0.5, 51) + 0.05*(vnoise(u*4, v*4, 52)-0.5))
			if math.Mod(v, 0.45) < 0.02 {
				c = c.mul(0.93)
			}
			if v > 8.3 {
				return c.mul(1.06), 1
			}
			// Pointed arches.
			bw := 3.5
			bu := math.Mod(u, bw) - bw/2
			au := math.Abs(bu)
			if v > 1.2 && v < 5.8 {
				top := 5.8 - 2.6*(1-math.Sqrt(math.Max(0, 1-(au/0.9)*(au/0.9))))
				if au < 0.9 && v < top {
					if au > 0.78 || v > top-0.12 {
						return hex(0x6d8f83), 1
					}
					return glassDark.mix(hex(0x2b4a44), 0.5), 1
				}
			}
			if side == sideS && math.Abs(u-width/2) < 1.8 && v < 5 {
				return hex(0x3d5a4e).mul(0.9 + 0.1*vnoise(u*4, v*4, 53)), 1 // door
			}
			return c, 1
		}
	}
	fs = box(fs, -14, 0, 114, 14, 9, 142, hall, flat(hex(0xcfc6b4), 54), nil)
	green := func(p vec3, u, v float64) (rgb, float64) {
		return hex(0x5f9a8c).mul(0.9 + 0.12*vnoise(p.X*0.8, p.Z*0.8+p.Y, 55)), 1
	}
	fs = prism(fs, domeAt.X, domeAt.Z, 8.4, 9, 10.6, 16, flat(stone, 56), nil)
	fs = dome(fs, domeAt.X, 10.6, domeAt.Z, 8.2, 6, 20, green)
	shaft := func(p vec3, u, v float64) (rgb, float64) {
		c := stone.mul(0.9 + 0.1*vnoise(u*2, v*0.5, 57))
		if math.Mod(v, 3) < 0.25 {
			c = c.mul(0.88)
		}
		if math.Mod(u, 1.3) > 0.5 && math.Mod(u, 1.3) < 0.75 && math.Mod(v, 6) > 3.5 && math.Mod(v, 6) < 4.7 {
			return interior, 1
		}
		return c, 1
	}
	m := minaretAt
	fs = prism(fs, m.X, m.Z, 1.7, 0, 23, 8, shaft, nil)
	fs = prism(fs, m.X, m.Z, 2.5, 23, 24.2, 8, flat(stone.mul(1.03), 58), flat(stone, 59))
	fs = prism(fs, m.X, m.Z, 1.3, 24.2, 30, 8, shaft, nil)
	fs = prism(fs, m.X, m.Z, 1.8, 30, 30.6, 8, flat(stone.mul(1.03), 60), flat(stone, 61))
	fs = prism(fs, m.X, m.Z, 1.0, 30.6, 33, 8, shaft, nil)
	fs = cone(fs, m.X, m.Z, 1.25, 33, 37.5, 8, green)
	return fs
}

// towerFaces adds the water tower.
func towerFaces(fs []*face, lines []line3) ([]*face, []line3) {
	t := towerAt
	leg := flat(hex(0x8f8b84), 71)
	for _, d := range [][2]float64{{-2.6, -2.6}, {2.6, -2.6}, {2.6, 2.6}, {-2.6, 2.6}} {
		fs = box(fs, t.X+d[0]-0.25, 0, t.Z+d[1]-0.25, t.X+d[0]+0.25, 18, t.Z+d[1]+0.25, same(leg), nil, nil)
	}
	for y := 4.0; y < 18; y += 4.5 {
		for _, e := range [][4]float64{{-2.6, -2.6, 2.6, -2.6}, {2.6, -2.6, 2.6, 2.6}, {2.6, 2.6, -2.6, 2.6}, {-2.6, 2.6, -2.6, -2.6}} {
			lines = append(lines, line3{a: v3(t.X+e[0], y, t.Z+e[1]), b: v3(t.X+e[2], y+4.5, t.Z+e[3]), width: 0.12, col: hex(0x7a766e), minPx: 1})
		}
	}
	tank := func(p vec3, u, v float64) (rgb, float64) {
		c := hex(0xdfe4e2).mul(0.9 + 0.1*vnoise(u*0.7, v, 72))
		if v > 2.6 && v < 3.4 {
			c = hex(0x4f86b8)
		}
		streak := vnoise(u*3, v*0.2, 73)
		return c.mix(hex(0x8a5a3a), 0.35*smoothstep(0.6, 0.9, streak)*(1-v/6)), 1
	}
	fs = prism(fs, t.X, t.Z, 3.7, 18, 24, 16, tank, nil)
	fs = cone(fs, t.X, t.Z, 3.9, 24, 25.8, 16, flat(hex(0xc9cfcf), 74))
	return fs, lines
}
