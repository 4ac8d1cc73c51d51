package demo

import "math"

// hash2 mixes two integer coordinates and a seed into 32 random-looking
// bits. Everything random in the demo comes from it (or from rng), so the
// output is the same on every run.
func hash2(x, y int64, seed uint32) uint32 {
	h := uint32(x)*0x8da6b343 ^ uint32(y)*0xd8163841 ^ seed*0xcb1ab31f
	h ^= h >> 13
	h *= 0x5bd1e995
	h ^= h >> 15
	h *= 0x27d4eb2d
	h ^= h >> 16
	return h
}

// hashf is hash2 as a float in [0,1).
func hashf(x, y int64, seed uint32) float64 {
	return float64(hash2(x, y, seed)>>8) / (1 << 24)
}

// lattice holds the random values at the integer points of value noise,
// repeating every latN points.
const latN = 512

var lattice = func() []float32 {
	t := make([]float32, latN*latN)
	for y := 0; y < latN; y++ {
		for x := 0; x < latN; x++ {
			t[y*latN+x] = float32(hashf(int64(x), int64(y), 0x51ed))
		}
	}
	return t
}()

// vnoise is smooth value noise in [0,1). Each seed reads the lattice from
// its own offset.
func vnoise(x, y float64, seed uint32) float64 {
	fx, fy := math.Floor(x), math.Floor(y)
	tx, ty := x-fx, y-fy
	tx = tx * tx * (3 - 2*tx)
	ty = ty * ty * (3 - 2*ty)
	h := seed * 0x9e3779b9
	ix := (int(int64(fx)) + int(h>>7)) & (latN - 1)
	iy := (int(int64(fy)) + int(h>>19)) & (latN - 1)
	ix1, iy1 := (ix+1)&(latN-1), (iy+1)&(latN-1)
	r0, r1 := iy*latN, iy1*latN
	a := float64(lattice[r0+ix])
	b := float64(lattice[r0+ix1])
	c := float64(lattice[r1+ix])
	d := float64(lattice[r1+ix1])
	return a + (b-a)*tx + (c-a)*ty + (a-b-c+d)*tx*ty
}

// fbm sums octaves of value noise; the result is in [0,1).
func fbm(x, y float64, octaves int, seed uint32) float64 {
	sum, amp, norm := 0.0, 0.5, 0.0
	for i := 0; i < octaves; i++ {
		sum += amp * vnoise(x, y, seed+uint32(i)*101)
		norm += amp
		amp *= 0.5
		x, y = x*2.03+17.1, y*2.03-9.7
	}
	return sum / norm
}

// rng is a small deterministic random number generator (splitmix64).
type rng struct{ s uint64 }

func newRNG(seed uint64) *rng { return &rng{s: seed*0x9e3779b97f4a7c15 + 1} }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// f returns a float in [0,1).
func (r *rng) f() float64 { return float64(r.next()>>11) / (1 << 53) }

// rangef returns a float in [a,b).
func (r *rng) rangef(a, b float64) float64 { return a + (b-a)*r.f() }

// intn returns an int in [0,n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// cells is cellular (Worley) noise on a jittered grid: the id of the cell
// whose point is nearest to (x, y), and how far (x, y) is from the edge with
// the next cell (F2 - F1).
func cells(x, y float64, seed uint32) (id uint32, edge float64) {
	id, edge, _, _ = cellsAt(x, y, seed)
	return id, edge
}

// cellsAt is cells, also returning (x, y) less the nearest cell point.
func cellsAt(x, y float64, seed uint32) (id uint32, edge, rx, ry float64) {
	fx, fy := math.Floor(x), math.Floor(y)
	ix, iy := int64(fx), int64(fy)
	d1, d2 := 9.0, 9.0
	for dy := int64(-1); dy <= 1; dy++ {
		for dx := int64(-1); dx <= 1; dx++ {
			h := hash2(ix+dx, iy+dy, seed)
			px := float64(ix+dx) + float64(h&0xffff)/65536
			py := float64(iy+dy) + float64(h>>16)/65536
			d := (px-x)*(px-x) + (py-y)*(py-y)
			if d < d1 {
				d2, d1, id = d1, d, h
				rx, ry = x-px, y-py
			} else if d < d2 {
				d2 = d
			}
		}
	}
	return id, math.Sqrt(d2) - math.Sqrt(d1), rx, ry
}
