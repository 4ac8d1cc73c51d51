package demo

import "math"

// shader gives the albedo of a surface at world point p (u, v are the
// point's coordinates in the face's plane, in metres) and how much direct
// sun reaches it (1 lit, 0 in shadow).
type shader func(p vec3, u, v float64) (albedo rgb, sun float64)

// face is a flat polygon of the scene.
type face struct {
	pts      []vec3
	o, u, v  vec3 // origin and unit axes of the face's plane
	n        vec3 // unit normal, v × u
	shade    shader
	twoSided bool
	glow     float64 // 0..1: how much of the albedo shows regardless of light
}

// newFace makes a face whose plane coordinates start at o along the unit
// vectors u and v; its normal is v × u, so that seen from the front u runs
// to the right and v up.
func newFace(pts []vec3, o, u, v vec3, s shader) *face {
	u, v = u.norm(), v.norm()
	return &face{pts: pts, o: o, u: u, v: v, n: v.cross(u).norm(), shade: s}
}

// polyFace makes a two-sided face from a planar polygon.
func polyFace(pts []vec3, s shader) *face {
	var n vec3 // Newell's method
	for i := range pts {
		a, b := pts[i], pts[(i+1)%len(pts)]
		n.X += (a.Y - b.Y) * (a.Z + b.Z)
		n.Y += (a.Z - b.Z) * (a.X + b.X)
		n.Z += (a.X - b.X) * (a.Y + b.Y)
	}
	n = n.norm()
	u := pts[1].sub(pts[0]).norm()
	v := u.cross(n).norm()
	f := &face{pts: pts, o: pts[0], u: u, v: v, n: n, shade: s, twoSided: true}
	return f
}

// light describes the sun and sky of a scene.
type light struct {
	sun        vec3 // unit vector towards the sun
	sunCol     rgb
	skyCol     rgb // ambient light from the sky
	bounceCol  rgb // light reflected from the ground
	fogCol     rgb
	fogDensity float64 // per metre
	skyTop     rgb
	skyHorizon rgb
	clouds     float64 // 0 clear .. 1 overcast
	seed       uint32
}

// scene is what a camera sees: faces, light, and optional smoke.
type scene struct {
	faces  []*face
	ground *face // drawn first
	light  light
	smoke  []plume
	shadow *shadowMap
	lines  []line3
}

// frame is a picture being rendered. Faces are first rasterized into two
// depth layers (the nearest face at each pixel with its coverage, and the
// one behind it), then each pixel is shaded once per layer it shows, so
// that hidden surfaces cost nothing and edges stay anti-aliased.
type frame struct {
	w, h  int
	rgb   []float32
	z     []float32 // depth of the nearest face
	id1   []int32   // nearest face, -1 for none
	cov1  []uint8   // its coverage
	id2   []int32   // the face behind it, -1 for none
	z2    []float32
	infos []faceInfo
	r     raster // rasterizes the faces and lines, its buffers reused
}

// faceInfo is what shading a face needs, worked out once per render.
type faceInfo struct {
	f         *face
	n         vec3 // normal towards the camera side
	planeD    float64
	amb       rgb
	direct    rgb
	hasDirect bool
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// reset makes fr a blank w×h frame, reusing its buffers when they are
// large enough (a frame of a full-size shot is about 100 MB).
func (fr *frame) reset(w, h int) {
	n := w * h
	fr.w, fr.h = w, h
	fr.rgb, fr.z, fr.z2 = grow(fr.rgb, 3*n), grow(fr.z, n), grow(fr.z2, n)
	fr.id1, fr.id2, fr.cov1 = grow(fr.id1, n), grow(fr.id2, n), grow(fr.cov1, n)
	fr.infos = fr.infos[:0]
	clear(fr.cov1)
	for i := 0; i < n; i++ {
		fr.z[i], fr.z2[i] = math.MaxFloat32, math.MaxFloat32
		fr.id1[i], fr.id2[i] = -1, -1
	}
}

// render draws the scene as the camera sees it, in a new frame.
func render(sc *scene, cam *camera) *frame {
	fr := &frame{}
	fr.render(sc, cam)
	return fr
}

// render draws the scene as the camera sees it, in fr (reset first).
func (fr *frame) render(sc *scene, cam *camera) {
	fr.reset(cam.w, cam.h)
	if sc.ground != nil {
		fr.rasterFace(cam, sc.ground, &sc.light, &fr.r)
	}
	for _, f := range sc.faces {
		if !f.twoSided && f.n.dot(cam.pos.sub(f.o)) <= 0 {
			continue
		}
		fr.rasterFace(cam, f, &sc.light, &fr.r)
	}
	fr.shade(cam, &sc.light, sc.shadow)
	for i := range sc.lines {
		fr.drawLine(cam, &sc.lines[i], &sc.light)
	}
	for i := range sc.smoke {
		fr.drawPlume(cam, &sc.smoke[i], &sc.light)
	}
}

const near = 0.05

// rasterFace puts one face into the depth layers.
func (fr *frame) rasterFace(cam *camera, f *face, L *light, r *raster) {
	// To camera space, clipped to the near plane.
	var buf [8]vec3
	cp := buf[:0]
	for _, p := range f.pts {
		cp = append(cp, cam.toCam(p))
	}
	cp = clipNear(cp)
	if len(cp) < 3 {
		return
	}
	var pbuf [10][2]float64
	poly := pbuf[:0]
	for _, q := range cp {
		x, y, _ := cam.screen(q)
		poly = append(poly, [2]float64{x, y})
	}
	x0, y0, bw, bh, mask, ok := r.cover(poly, fr.w, fr.h)
	if !ok {
		return
	}
	n := f.n
	if f.twoSided && n.dot(cam.pos.sub(f.o)) < 0 {
		n = n.mul(-1)
	}
	planeD := n.dot(f.o) - n.dot(cam.pos)
	// The ray through pixel (px, py) is fwd + right*sx + up*sy, so n·ray is
	// linear in the pixel position.
	a := n.dot(cam.fwd)
	bx := n.dot(cam.right) / cam.f
	by := -n.dot(cam.up) / cam.f
	a += bx*(0.5-float64(fr.w)/2) + by*(0.5-float64(fr.h)/2)
	id := int32(-1)
	for yy := 0; yy < bh; yy++ {
		py := y0 + yy
		row := mask[yy*bw : yy*bw+bw]
		rowDen := a + by*float64(py)
		for xx, m := range row {
			if m == 0 {
				continue
			}
			px := x0 + xx
			den := rowDen + bx*float64(px)
			if den == 0 {
				continue
			}
			t := float32(planeD / den)
			if t <= near {
				continue
			}
			i := py*fr.w + px
			if t < fr.z[i] {
				if id < 0 {
					id = fr.addInfo(f, n, planeD, L)
				}
				if m == 255 {
					// Fully hidden now; nothing shows behind.
					fr.id2[i], fr.z2[i] = -1, math.MaxFloat32
				} else {
					fr.id2[i], fr.z2[i] = fr.id1[i], fr.z[i]
				}
				fr.id1[i], fr.z[i], fr.cov1[i] = id, t, m
			} else if t < fr.z2[i] && fr.cov1[i] < 255 {
				if id < 0 {
					id = fr.addInfo(f, n, planeD, L)
				}
				fr.id2[i], fr.z2[i] = id, t
			}
		}
	}
}

func (fr *frame) addInfo(f *face, n vec3, planeD float64, L *light) int32 {
	// Light on this face: sky from above, bounce from below, sun direct.
	up := 0.5 + 0.5*n.Y
	amb := L.skyCol.mul(0.55 + 0.45*up).add(L.bounceCol.mul(1 - up))
	direct := L.sunCol.mul(math.Max(0, n.dot(L.sun)))
	fr.infos = append(fr.infos, faceInfo{f: f, n: n, planeD: planeD, amb: amb, direct: direct, hasDirect: n.dot(L.sun) > 0})
	return int32(len(fr.infos) - 1)
}

// shade colours every pixel from its layers, and the sky where no face
// covers it fully.
func (fr *frame) shade(cam *camera, L *light, shadow *shadowMap) {
	for py := 0; py < fr.h; py++ {
		for px := 0; px < fr.w; px++ {
			i := py*fr.w + px
			d := cam.ray(float64(px), float64(py))
			var c rgb
			cov := 0.0
			if id := fr.id1[i]; id >= 0 {
				c = fr.shadeAt(cam, d, &fr.infos[id], L, shadow)
				cov = float64(fr.cov1[i]) / 255
			}
			if cov < 1 {
				var back rgb
				if id := fr.id2[i]; id >= 0 {
					back = fr.shadeAt(cam, d, &fr.infos[id], L, shadow)
				} else {
					back = L.skyAt(cam.pos, d.norm())
				}
				c = c.mul(cov).add(back.mul(1 - cov))
			}
			k := 3 * i
			fr.rgb[k], fr.rgb[k+1], fr.rgb[k+2] = float32(c.R), float32(c.G), float32(c.B)
		}
	}
}

// shadeAt is the colour of face fi seen along ray d.
func (fr *frame) shadeAt(cam *camera, d vec3, fi *faceInfo, L *light, shadow *shadowMap) rgb {
	t := fi.planeD / fi.n.dot(d)
	p := cam.pos.add(d.mul(t))
	f := fi.f
	q := p.sub(f.o)
	alb, sun := f.shade(p, q.dot(f.u), q.dot(f.v))
	if sun > 0 && fi.hasDirect {
		sun *= shadow.lit(p)
	} else {
		sun = 0
	}
	c := alb.times(fi.amb.add(fi.direct.mul(sun)))
	if f.glow > 0 {
		c = c.mix(alb, f.glow)
	}
	if L.fogDensity > 0 {
		dist := t * d.length()
		c = c.mix(L.fogCol, fogAmount(dist*L.fogDensity))
	}
	return c
}

// blend puts colour c over pixel i with coverage a.
func (fr *frame) blend(i int, c rgb, a float32) {
	k := 3 * i
	fr.rgb[k] = fr.rgb[k]*(1-a) + float32(c.R)*a
	fr.rgb[k+1] = fr.rgb[k+1]*(1-a) + float32(c.G)*a
	fr.rgb[k+2] = fr.rgb[k+2]*(1-a) + float32(c.B)*a
}

// clipNear clips a polygon in camera space to z >= near.
func clipNear(in []vec3) []vec3 {
	allIn := true
	for _, q := range in {
		if q.Z < near {
			allIn = false
			break
		}
	}
	if allIn {
		return in
	}
	out := make([]vec3, 0, len(in)+2)
	for i := range in {
		a, b := in[i], in[(i+1)%len(in)]
		if a.Z >= near {
			out = append(out, a)
		}
		if (a.Z >= near) != (b.Z >= near) {
			t := (near - a.Z) / (b.Z - a.Z)
			out = append(out, a.lerp(b, t))
		}
	}
	return out
}

// skyAt is the colour of the sky in direction d.
func (L *light) skyAt(from, d vec3) rgb {
	el := math.Max(d.Y, 0)
	c := L.skyHorizon.mix(L.skyTop, math.Sqrt(el))
	// Sun glow.
	if s := math.Max(0, d.dot(L.sun)); s > 0.5 {
		s2 := s * s
		s4 := s2 * s2
		c = c.add(L.sunCol.mul(0.25 * s4 * s4 * s4))
		if s > 0.99 {
			c = c.add(rgb{1, 0.98, 0.9}.mul(math.Pow(s, 600)))
		}
	}
	if L.clouds > 0 && d.Y > 0.01 {
		// A cloud layer 1500 m up.
		t := (1500 - from.Y) / d.Y
		x, z := (from.X+d.X*t)/900, (from.Z+d.Z*t)/900
		n := fbm(x*1.6, z, 4, L.seed)
		cov := smoothstep(1-L.clouds*0.75, 1.05-L.clouds*0.45, n) * smoothstep(0.01, 0.12, d.Y)
		shade := 0.82 + 0.18*fbm(x*3+5, z*3, 2, L.seed+7)
		cloud := rgb{0.97, 0.96, 0.95}.mul(shade)
		c = c.mix(cloud, cov*0.9)
	}
	// Dusty haze near the horizon.
	c = c.mix(L.fogCol, math.Exp(-el*18)*0.6)
	return c
}

// fogAmount is 1 - exp(-x) for x >= 0, approximately (within 0.4%), fast.
func fogAmount(x float64) float64 {
	if x > 8 {
		return 1
	}
	// exp(-x) = 1/exp(x); exp(x/4)^4 with a short series for exp(x/4).
	y := x / 4
	e := 1 + y*(1+y*(0.5+y*(1.0/6+y/24)))
	e *= e
	e *= e
	return 1 - 1/e
}
