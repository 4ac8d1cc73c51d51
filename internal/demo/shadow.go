package demo

import "math"

// shadowMap is a depth map seen from the sun (orthographic), used to tell
// whether a point gets direct sunlight.
type shadowMap struct {
	lx, ly, lz vec3 // light space axes; lz points away from the sun
	a0, b0     float64
	res        float64 // metres per texel
	n          int
	depth      []float32
	fine       *shadowMap // a sharper map of a smaller area, used first
}

// newShadowMap renders the faces' depth from the sun over a square of half
// size half (metres) around centre.
func newShadowMap(faces []*face, sun, centre vec3, half float64, n int) *shadowMap {
	lz := sun.mul(-1).norm()
	lx := v3(0, 1, 0).cross(lz).norm()
	ly := lz.cross(lx).norm()
	sm := &shadowMap{lx: lx, ly: ly, lz: lz, n: n, depth: make([]float32, n*n)}
	// The map must hold the whole square (and what stands on it) once
	// projected; projected extents grow with the sun's slant.
	ext := half * 1.5
	sm.a0, sm.b0 = centre.dot(lx)-ext, centre.dot(ly)-ext
	sm.res = 2 * ext / float64(n)
	for i := range sm.depth {
		sm.depth[i] = math.MaxFloat32
	}
	var r raster
	for _, f := range faces {
		den := f.n.dot(lz)
		if math.Abs(den) < 1e-6 {
			continue
		}
		poly := make([][2]float64, len(f.pts))
		for i, p := range f.pts {
			poly[i] = [2]float64{(p.dot(lx) - sm.a0) / sm.res, (p.dot(ly) - sm.b0) / sm.res}
		}
		x0, y0, bw, bh, mask, ok := r.cover(poly, n, n)
		if !ok {
			continue
		}
		nd := f.n.dot(f.o)
		na, nb := f.n.dot(lx), f.n.dot(ly)
		for yy := 0; yy < bh; yy++ {
			b := sm.b0 + (float64(y0+yy)+0.5)*sm.res
			for xx := 0; xx < bw; xx++ {
				if mask[yy*bw+xx] < 100 {
					continue
				}
				a := sm.a0 + (float64(x0+xx)+0.5)*sm.res
				t := float32((nd - a*na - b*nb) / den)
				i := (y0+yy)*n + x0 + xx
				if t < sm.depth[i] {
					sm.depth[i] = t
				}
			}
		}
	}
	return sm
}

// lit returns how much of the sun reaches p, 0..1, filtered over the four
// nearest texels.
func (sm *shadowMap) lit(p vec3) float64 {
	if sm == nil {
		return 1
	}
	if f := sm.fine; f != nil {
		fa := (p.dot(f.lx)-f.a0)/f.res - 0.5
		fb := (p.dot(f.ly)-f.b0)/f.res - 0.5
		if fa >= 1 && fb >= 1 && fa < float64(f.n-2) && fb < float64(f.n-2) {
			return f.lit(p)
		}
	}
	fa := (p.dot(sm.lx)-sm.a0)/sm.res - 0.5
	fb := (p.dot(sm.ly)-sm.b0)/sm.res - 0.5
	t := float32(p.dot(sm.lz) - 0.05 - sm.res*1.2)
	ia, ib := int(math.Floor(fa)), int(math.Floor(fb))
	if ia < 0 || ib < 0 || ia+1 >= sm.n || ib+1 >= sm.n {
		return 1
	}
	ta, tb := fa-float64(ia), fb-float64(ib)
	i := ib*sm.n + ia
	s := func(j int) float64 {
		if t <= sm.depth[j] {
			return 1
		}
		return 0
	}
	top := s(i)*(1-ta) + s(i+1)*ta
	bot := s(i+sm.n)*(1-ta) + s(i+sm.n+1)*ta
	return top*(1-tb) + bot*tb
}
