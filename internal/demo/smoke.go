package demo

import "math"

// plume is a column of smoke rising from base, drawn as a soft billboard
// facing the camera.
type plume struct {
	base   vec3
	height float64 // metres
	width  float64 // at its base, metres
	wind   vec3    // horizontal drift per metre of rise
	col    rgb
	dens   float64 // 0..1
	seed   uint32
}

func (fr *frame) drawPlume(cam *camera, pl *plume, L *light) {
	top := pl.base.add(v3(0, pl.height, 0)).add(pl.wind.mul(pl.height))
	spread := pl.width + pl.height*0.55
	// Screen box from the projected corners of a generous 3D box.
	minx, miny := math.Inf(1), math.Inf(1)
	maxx, maxy := math.Inf(-1), math.Inf(-1)
	for _, c := range []vec3{pl.base, top} {
		for _, dx := range []float64{-spread, spread} {
			for _, dz := range []float64{-spread, spread} {
				x, y, z := cam.project(c.add(v3(dx, 0, dz)))
				if z <= near {
					return
				}
				minx, maxx = math.Min(minx, x), math.Max(maxx, x)
				miny, maxy = math.Min(miny, y), math.Max(maxy, y)
			}
		}
	}
	x0, x1 := int(math.Max(0, minx)), int(math.Min(float64(fr.w), maxx))
	y0, y1 := int(math.Max(0, miny)), int(math.Min(float64(fr.h), maxy))
	if x1 <= x0 || y1 <= y0 {
		return
	}
	depth := cam.toCam(pl.base).Z
	right := cam.right
	upv := v3(0, 1, 0)
	// Plane through base facing the camera (vertical).
	n := cam.fwd
	n.Y = 0
	n = n.norm()
	if n.length() == 0 {
		n = v3(0, 0, 1)
	}
	planeD := n.dot(pl.base) - n.dot(cam.pos)
	lit := L.skyCol.mul(0.7).add(L.sunCol.mul(0.45))
	for py := y0; py < y1; py++ {
		for px := x0; px < x1; px++ {
			i := py*fr.w + px
			if float64(fr.z[i]) < depth*0.97 {
				continue
			}
			d := cam.ray(float64(px), float64(py))
			den := n.dot(d)
			if den <= 0 {
				continue
			}
			p := cam.pos.add(d.mul(planeD / den))
			q := p.sub(pl.base)
			h := q.dot(upv)
			if h < -2 || h > pl.height {
				continue
			}
			hh := math.Max(h, 0)
			centre := pl.wind.mul(hh).dot(right)
			x := q.dot(right) - centre
			w := pl.width*0.5 + hh*0.28
			r := math.Abs(x) / w
			if r > 1.35 {
				continue
			}
			nx := fbm(x/(w*0.9)+3, (h-hh*0.15)/(w*0.8), 3, pl.seed)
			a := (1 - smoothstep(0.35, 1.1, r+0.5*(nx-0.5))) * smoothstep(-2, 4, h) * (1 - smoothstep(pl.height*0.55, pl.height, h))
			a *= pl.dens * (0.55 + 0.6*nx)
			if a <= 0.004 {
				continue
			}
			shade := 0.7 + 0.5*vnoise(x/(w*0.5), h/(w*0.5), pl.seed+9)
			c := pl.col.times(lit).mul(shade)
			fr.blend(i, c, float32(math.Min(a, 0.95)))
		}
	}
}
