package demo

import "math"

// Sides of a box, in the order the wall shaders get them.
const (
	sideS = iota // facing south (-Z)
	sideE        // facing east (+X)
	sideN        // facing north (+Z)
	sideW        // facing west (-X)
)

// wallShaders gives the shader of each wall of a box from its side and
// width; a nil shader leaves the wall out.
type wallShaders func(side int, width float64) shader

// box adds an axis-aligned box. Wall coordinates: u from 0 to the wall's
// width, left to right seen from outside; v the height above y0. Roof
// coordinates: u east, v north from (x0, z0).
func box(fs []*face, x0, y0, z0, x1, y1, z1 float64, walls wallShaders, top, bottom shader) []*face {
	if walls != nil {
		if s := walls(sideS, x1-x0); s != nil {
			fs = append(fs, newFace([]vec3{{x0, y0, z0}, {x1, y0, z0}, {x1, y1, z0}, {x0, y1, z0}}, v3(x0, y0, z0), v3(1, 0, 0), v3(0, 1, 0), s))
		}
		if s := walls(sideE, z1-z0); s != nil {
			fs = append(fs, newFace([]vec3{{x1, y0, z0}, {x1, y0, z1}, {x1, y1, z1}, {x1, y1, z0}}, v3(x1, y0, z0), v3(0, 0, 1), v3(0, 1, 0), s))
		}
		if s := walls(sideN, x1-x0); s != nil {
			fs = append(fs, newFace([]vec3{{x1, y0, z1}, {x0, y0, z1}, {x0, y1, z1}, {x1, y1, z1}}, v3(x1, y0, z1), v3(-1, 0, 0), v3(0, 1, 0), s))
		}
		if s := walls(sideW, z1-z0); s != nil {
			fs = append(fs, newFace([]vec3{{x0, y0, z1}, {x0, y0, z0}, {x0, y1, z0}, {x0, y1, z1}}, v3(x0, y0, z1), v3(0, 0, -1), v3(0, 1, 0), s))
		}
	}
	if top != nil {
		fs = append(fs, newFace([]vec3{{x0, y1, z0}, {x0, y1, z1}, {x1, y1, z1}, {x1, y1, z0}}, v3(x0, y1, z0), v3(1, 0, 0), v3(0, 0, 1), top))
	}
	if bottom != nil {
		fs = append(fs, newFace([]vec3{{x0, y0, z0}, {x1, y0, z0}, {x1, y0, z1}, {x0, y0, z1}}, v3(x0, y0, z1), v3(1, 0, 0), v3(0, 0, -1), bottom))
	}
	return fs
}

// same returns a wallShaders that gives s to every wall.
func same(s shader) wallShaders { return func(int, float64) shader { return s } }

// prism adds an upright regular prism (a cylinder with few sides) with an
// optional top. Wall u runs around the prism in metres, v up from y0.
func prism(fs []*face, cx, cz, r, y0, y1 float64, sides int, wall, top shader) []*face {
	side := 2 * r * math.Sin(math.Pi/float64(sides))
	var ring []vec3
	for i := 0; i < sides; i++ {
		a := 2 * math.Pi * (float64(i) + 0.5) / float64(sides)
		ring = append(ring, v3(cx+r*math.Sin(a), 0, cz+r*math.Cos(a)))
	}
	for i := 0; i < sides; i++ {
		a, b := ring[(i+1)%sides], ring[i] // counter-clockwise seen from outside
		a.Y, b.Y = y0, y0
		u := b.sub(a).norm()
		f := newFace([]vec3{a, b, {b.X, y1, b.Z}, {a.X, y1, a.Z}}, a, u, v3(0, 1, 0), offsetU(wall, float64(i)*side))
		fs = append(fs, f)
	}
	if top != nil {
		var pts []vec3
		for i := sides - 1; i >= 0; i-- {
			pts = append(pts, v3(ring[i].X, y1, ring[i].Z))
		}
		fs = append(fs, newFace(pts, v3(cx-r, y1, cz-r), v3(1, 0, 0), v3(0, 0, 1), top))
	}
	return fs
}

// offsetU shifts a shader's u coordinate (for faces that continue one
// another around a prism).
func offsetU(s shader, du float64) shader {
	if s == nil || du == 0 {
		return s
	}
	return func(p vec3, u, v float64) (rgb, float64) { return s(p, u+du, v) }
}

// cone adds a cone (a pyramid with many sides) from a ring at y0 to an apex.
func cone(fs []*face, cx, cz, r, y0, y1 float64, sides int, s shader) []*face {
	apex := v3(cx, y1, cz)
	for i := 0; i < sides; i++ {
		a0 := 2 * math.Pi * float64(i) / float64(sides)
		a1 := 2 * math.Pi * float64(i+1) / float64(sides)
		p0 := v3(cx+r*math.Sin(a0), y0, cz+r*math.Cos(a0))
		p1 := v3(cx+r*math.Sin(a1), y0, cz+r*math.Cos(a1))
		f := polyFace([]vec3{p1, p0, apex}, s)
		f.twoSided = false
		if f.n.dot(p0.sub(v3(cx, y0, cz))) < 0 {
			f = polyFace([]vec3{p0, p1, apex}, s)
			f.twoSided = false
		}
		fs = append(fs, f)
	}
	return fs
}

// dome adds a half sphere of radius r on y0.
func dome(fs []*face, cx, y0, cz, r float64, rings, segs int, s shader) []*face {
	pt := func(i, j int) vec3 {
		el := math.Pi / 2 * float64(i) / float64(rings)
		az := 2 * math.Pi * float64(j) / float64(segs)
		return v3(cx+r*math.Cos(el)*math.Sin(az), y0+r*math.Sin(el), cz+r*math.Cos(el)*math.Cos(az))
	}
	c := v3(cx, y0, cz)
	for i := 0; i < rings; i++ {
		for j := 0; j < segs; j++ {
			pts := []vec3{pt(i, j), pt(i, j+1), pt(i+1, j+1), pt(i+1, j)}
			if i == rings-1 {
				pts = pts[:3]
			}
			f := polyFace(pts, s)
			f.twoSided = false
			if f.n.dot(pts[0].sub(c)) < 0 {
				for a, b := 0, len(pts)-1; a < b; a, b = a+1, b-1 {
					pts[a], pts[b] = pts[b], pts[a]
				}
				f = polyFace(pts, s)
				f.twoSided = false
			}
			fs = append(fs, f)
		}
	}
	return fs
}

// flat returns a shader of one colour with a little noise.
func flat(c rgb, seed uint32) shader {
	return func(p vec3, u, v float64) (rgb, float64) {
		n := vnoise(p.X*2.3+p.Y*1.7, p.Z*2.3-p.Y*0.9, seed)
		return c.mul(0.92 + 0.16*n), 1
	}
}
