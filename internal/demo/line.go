package demo

import "math"

// line3 is a thin 3D line (a wire, a rod of rebar, an antenna), drawn as a
// band at least minPx wide on screen.
type line3 struct {
	a, b  vec3
	width float64 // metres
	sag   float64 // droop at the middle, metres (wires)
	col   rgb
	minPx float64
}

func (fr *frame) drawLine(cam *camera, ln *line3, L *light) {
	r := &fr.r
	const segs = 16
	point := func(t float64) vec3 {
		p := ln.a.lerp(ln.b, t)
		p.Y -= ln.sag * 4 * t * (1 - t)
		return p
	}
	lit := L.skyCol.add(L.sunCol.mul(0.6))
	c0 := ln.col.times(lit)
	for s := 0; s < segs; s++ {
		p0, p1 := cam.toCam(point(float64(s)/segs)), cam.toCam(point(float64(s+1)/segs))
		if p0.Z < near && p1.Z < near {
			continue
		}
		if p0.Z < near {
			p0 = p0.lerp(p1, (near-p0.Z)/(p1.Z-p0.Z))
		} else if p1.Z < near {
			p1 = p1.lerp(p0, (near-p1.Z)/(p0.Z-p1.Z))
		}
		x0, y0, z0 := cam.screen(p0)
		x1, y1, z1 := cam.screen(p1)
		zm := (z0 + z1) / 2
		w := math.Max(ln.minPx, ln.width*cam.f/zm) / 2
		dx, dy := x1-x0, y1-y0
		l := math.Hypot(dx, dy)
		if l < 1e-9 {
			continue
		}
		nx, ny := -dy/l*w, dx/l*w
		poly := [][2]float64{{x0 + nx, y0 + ny}, {x1 + nx, y1 + ny}, {x1 - nx, y1 - ny}, {x0 - nx, y0 - ny}}
		bx, by, bw, bh, mask, ok := r.cover(poly, fr.w, fr.h)
		if !ok {
			continue
		}
		c := c0
		if L.fogDensity > 0 {
			c = c.mix(L.fogCol, 1-math.Exp(-zm*L.fogDensity))
		}
		// Thinner than a pixel: fade instead.
		fade := float32(math.Min(1, ln.width*cam.f/zm/math.Max(ln.minPx, 1e-9)))
		for yy := 0; yy < bh; yy++ {
			for xx := 0; xx < bw; xx++ {
				m := mask[yy*bw+xx]
				if m == 0 {
					continue
				}
				i := (by+yy)*fr.w + bx + xx
				if float32(zm) >= fr.z[i] {
					continue
				}
				fr.blend(i, c, float32(m)/255*fade)
			}
		}
	}
}
