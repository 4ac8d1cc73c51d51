package demo

import "math"

var (
	asphalt   = hex(0x5b5955)
	dustyRoad = hex(0x77716a)
	paving    = hex(0xb9b1a2)
	dirt      = hex(0xb9a27f)
	sand      = hex(0xcdb48c)
	soil      = hex(0x8a7458)
	plazaCol  = hex(0xd3c8b2)
)

// groundShader paints the ground of the town: streets with kerbs and
// pavements, the mosque square, yards, the desert around, and after the
// strike craters, scorch marks and debris.
func (t *town) groundShader(sun vec3) shader {
	sx, sz := sun.X, sun.Z
	l := math.Hypot(sx, sz)
	if l > 0 {
		sx, sz = sx/l, sz/l
	}
	return func(p vec3, _, _ float64) (rgb, float64) {
		x, z := p.X, p.Z
		c := t.groundBase(x, z)
		s := 1.0
		if t.after {
			c, s = t.groundDamage(c, x, z, sx, sz)
		}
		return c, s
	}
}

func (t *town) groundBase(x, z float64) rgb {
	big := fbm(x/25, z/25, 2, 901)
	fine := vnoise(x*3.1, z*3.1, 902)
	ax := math.Abs(x)
	inTown := ax < townHalfX && math.Abs(z) < townHalfZ
	if !inTown {
		ripple := 0.5 + 0.5*math.Sin((x*0.8+z*0.35)*2+4*big)
		return sand.mul(0.86 + 0.22*big + 0.04*ripple + 0.04*(fine-0.5))
	}
	// Souq Street.
	if ax < mainHalf && z < 94.5 {
		if ax < roadHalf {
			c := asphalt.mul(0.88 + 0.2*big + 0.08*(fine-0.5))
			// Worn patches and oil.
			if n := vnoise(x*0.7, z*0.25, 903); n > 0.7 {
				c = c.mul(1 - 0.25*(n-0.7))
			}
			if ax < 0.08 && math.Mod(z+600, 6) < 3 {
				w := vnoise(x*20, z*4, 904)
				c = c.mix(hex(0xdedace), 0.85-0.5*w)
			}
			return c
		}
		if ax < roadHalf+0.25 {
			// Kerb stones painted black and white.
			if math.Mod(z+600, 1.0) < 0.5 {
				return hex(0xd9d6cb).mul(0.9 + 0.1*fine)
			}
			return hex(0x2e2e2e)
		}
		c := paving.mul(0.9 + 0.14*big + 0.06*(fine-0.5))
		if math.Mod(ax, 0.4) < 0.02 || math.Mod(z+600, 0.4) < 0.02 {
			c = c.mul(0.82)
		}
		return c
	}
	// The mosque square.
	if ax < 24 && z > 94.5 && z < 114 {
		c := plazaCol.mul(0.92 + 0.1*big + 0.05*(fine-0.5))
		gx, gz := math.Mod(x+600, 1.2), math.Mod(z+600, 1.2)
		if gx < 0.03 || gz < 0.03 {
			c = c.mul(0.85)
		}
		if math.Mod(math.Floor((x+600)/1.2)+math.Floor((z+600)/1.2), 2) == 0 {
			c = c.mul(0.95)
		}
		return c
	}
	// Other streets, dustier.
	d := math.Inf(1)
	for _, s := range nsStreets {
		if s != 0 {
			d = math.Min(d, math.Abs(x-s))
		}
	}
	for _, s := range ewStreets {
		d = math.Min(d, math.Abs(z-s))
	}
	if ax < mainHalf+0.5 && z < 94.5 {
		d = 0
	}
	yard := dirt.mul(0.84 + 0.22*big + 0.08*(fine-0.5))
	if d < sideHalf+0.8 {
		road := dustyRoad.mul(0.9 + 0.18*big + 0.07*(fine-0.5))
		edge := smoothstep(sideHalf-1.2+0.8*vnoise(x*0.5, z*0.5, 905), sideHalf+0.8, d)
		return road.mix(yard, edge)
	}
	return yard
}

// groundDamage marks craters (with some relief shading from the sun
// direction sx, sz), scorch and debris.
func (t *town) groundDamage(c rgb, x, z, sx, sz float64) (rgb, float64) {
	sun := 1.0
	for _, cr := range t.craters {
		dx, dz := x-cr.x, z-cr.z
		if math.Abs(dx) > cr.r*3.5 || math.Abs(dz) > cr.r*3.5 {
			continue
		}
		dist := math.Hypot(dx, dz)
		if dist > cr.r*3.7 {
			continue
		}
		ang := math.Atan2(dz, dx)
		n := fbm(math.Cos(ang)*2+float64(cr.seed), math.Sin(ang)*2, 3, cr.seed)
		r := dist / (cr.r * (0.85 + 0.3*n))
		inward := 0.0
		if dist > 0 {
			inward = -(dx*sx + dz*sz) / dist // > 0 on the slope facing the sun
		}
		switch {
		case r < 0.5:
			c = soil.mul(0.42 + 0.2*vnoise(x*4, z*4, cr.seed) + 0.12*inward)
			sun *= 0.6
		case r < 1:
			k := (r - 0.5) / 0.5
			c = soil.mul(0.5 + 0.25*k + 0.35*inward*(1-k) + 0.15*vnoise(x*5, z*5, cr.seed))
		case r < 1.35:
			// The torn edge: lumps of asphalt and earth thrown up.
			id, edge := cells(x*5, z*5, cr.seed)
			k := float64(id>>8&255) / 255
			c = asphalt.mix(soil, k*0.7).mul(0.7 + 0.5*k - 0.25*inward)
			if edge < 0.1 {
				c = c.mul(0.5)
			}
		case r < 3.2:
			// Ejecta and soot thrown out in rays.
			ray := fbm(ang*6/math.Pi+float64(cr.seed), r*0.4, 2, cr.seed+1)
			k := (1 - smoothstep(1.3, 3.2, r)) * smoothstep(0.35, 0.75, ray)
			c = c.mix(burnt.mix(soil, 0.35), k*0.85)
			id, edge := cells(x*6, z*6, cr.seed+2)
			if float64(id&1023)/1024 < 0.3*(1-smoothstep(1.3, 3.2, r)) && edge > 0.12 {
				c = asphalt.mix(soil, float64(id>>10&255)/400).mul(0.8 + 0.4*float64(id>>20&255)/255)
			}
		}
	}
	for i := range t.scorches {
		c, sun = t.scorches[i].apply(c, v3(x, 0, z), sun)
	}
	for _, pl := range t.piles {
		m := 7.0
		if x < pl.x0-m || x > pl.x1+m || z < pl.z0-m || z > pl.z1+m {
			continue
		}
		dx := math.Max(0, math.Max(pl.x0-x, x-pl.x1))
		dz := math.Max(0, math.Max(pl.z0-z, z-pl.z1))
		k := 1 - math.Hypot(dx, dz)/m
		if k <= 0 {
			continue
		}
		// Dust over everything, then scattered chunks.
		c = c.mix(hex(0xb2aa9c), 0.5*k*(0.6+0.4*vnoise(x*0.8, z*0.8, pl.seed)))
		id, edge := cells(x*4.5, z*4.5, pl.seed)
		if float64(id&1023)/1024 < 0.4*k*k && edge > 0.1 {
			c = concrete.mix(pl.b.col, float64(id>>10&255)/255).mul(0.4 + 0.35*float64(id>>18&255)/255)
			if edge < 0.2 {
				c = c.mul(0.75)
			}
		}
	}
	return c, sun
}

// craterFaces raises the torn rim of each crater above the street.
func (t *town) craterFaces(fs []*face) []*face {
	for _, cr := range t.craters {
		sh := func(p vec3, _, _ float64) (rgb, float64) {
			id, edge := cells(p.X*9, p.Z*9+p.Y*5, cr.seed)
			k := float64(id>>8&255) / 255
			c := asphalt.mix(soil, k*0.8).mul(0.45 + 0.45*k)
			if edge < 0.08 {
				c = c.mul(0.5)
			}
			return c.mix(burnt, 0.3*vnoise(p.X*2, p.Z*2, cr.seed)), 1
		}
		const n = 28
		ring := func(i int, rf, h float64) vec3 {
			a := 2 * math.Pi * float64(i%n) / n
			j := 0.85 + 0.3*fbm(math.Cos(a)*2+float64(cr.seed), math.Sin(a)*2, 3, cr.seed)
			r := cr.r * rf * j
			hh := h * (0.6 + 0.8*vnoise(float64(i%n)*0.7, 3, cr.seed+5))
			return v3(cr.x+r*math.Sin(a), hh, cr.z+r*math.Cos(a))
		}
		for i := 0; i < n; i++ {
			in0, in1 := ring(i, 0.95, -0.02), ring(i+1, 0.95, -0.02)
			top0, top1 := ring(i, 1.08, 0.28), ring(i+1, 1.08, 0.28)
			out0, out1 := ring(i, 1.32, -0.02), ring(i+1, 1.32, -0.02)
			c := v3(cr.x, 0, cr.z)
			inner := []vec3{in0, in1, top1, top0}
			fs = append(fs, orient(inner[:3], c.sub(top0).add(v3(0, 0.5, 0)), sh), orient([]vec3{in0, top1, top0}, c.sub(top0).add(v3(0, 0.5, 0)), sh))
			fs = append(fs, orient([]vec3{top0, top1, out1}, top0.sub(c).add(v3(0, 0.5, 0)), sh), orient([]vec3{top0, out1, out0}, top0.sub(c).add(v3(0, 0.5, 0)), sh))
		}
	}
	return fs
}
