package demo

import "math"

// The town of Kafr Nadim is fictional. Its streets (metres, X east, Z north):
// Souq Street runs north–south along x = 0 (14 m wide with pavements) up to
// the mosque square; cross streets run east–west every 60 m.

const (
	floorH    = 3.3
	mainHalf  = 7.0 // Souq Street half width, pavements included
	roadHalf  = 4.5 // carriageway half width of Souq Street
	sideHalf  = 4.5 // half width of the other streets
	townHalfX = 215.0
	townHalfZ = 235.0
)

var (
	nsStreets = []float64{-186, -124, -62, 0, 62, 124, 186}
	ewStreets = []float64{-210, -150, -90, -30, 30, 90, 150, 210}
)

// spotKind is a kind of damage mark.
type spotKind int

const (
	spotScorch spotKind = iota // soot, stretched upwards
	spotHole                   // a hole punched through a wall or roof
	spotPocks                  // shrapnel pockmarks
)

// spot is a mark of damage at a world position.
type spot struct {
	kind spotKind
	c    vec3
	r    float64
	up   float64 // scorch: how much longer upwards
	seed uint32
}

// ghost is the inside of a neighbour's party wall laid bare by a collapse:
// painted rooms, floor scars.
type ghost struct {
	side           int
	a0, a1, y0, y1 float64 // along the wall (world X or Z) and height
	seed           uint32
}

// building is one box-shaped building.
type building struct {
	x0, z0, x1, z1 float64
	h              float64
	floors         int
	col, roofCol   rgb
	frameCol       rgb
	shutterCol     rgb
	doorCol        rgb
	seed           uint32
	front          int // side with the entrance (and shops on Souq Street)
	shops          bool
	collapsed      bool
	broken         float64 // share of broken windows
	sooty          float64 // share of broken windows with soot above
	spots          []spot
	ghosts         []ghost
	balconies      bool
	openShops      float64 // share of shops open
	number         int     // house number on Souq Street, 0 elsewhere
}

func (b *building) centre() vec3 { return v3((b.x0+b.x1)/2, b.h/2, (b.z0+b.z1)/2) }

// crater is a shell or bomb crater in the ground.
type crater struct {
	x, z, r float64
	seed    uint32
}

// car is a parked car.
type car struct {
	x, z, heading float64 // heading in degrees from north
	col           rgb
	burnt         bool
}

// rubblePile is what is left of a collapsed building.
type rubblePile struct {
	b              *building
	x0, z0, x1, z1 float64 // extent of the heap
	peak           float64
	seed           uint32
}

// town is the model of Kafr Nadim before or after the strike.
type town struct {
	after     bool
	buildings []*building
	craters   []crater
	scorches  []spot // on the ground
	cars      []car
	piles     []rubblePile
	palms     []vec3
	poles     []vec3
	target    *building   // No. 12 Souq Street, which collapses
	south     *building   // No. 10
	north     *building   // No. 14, on the corner of Al-Madrasa Street
	opposite  *building   // No. 11, across the street
	others    []*building // the two other buildings that collapse
}

var (
	plasters = []uint32{0xd9c8a9, 0xcdb894, 0xe3d6bd, 0xc9b08a, 0xd8cfc0, 0xbfa882, 0xd6b8a8, 0xdcc99a, 0xb8b2a6, 0xe0cfb0, 0xc7bba5}
	roofs    = []uint32{0xb9ae9c, 0xa9a090, 0xc4b8a4, 0xb0a898, 0xbdb3a1, 0xd2cbbd, 0x9c948a, 0xc7b597, 0xa89a86, 0xdcd6cc}
	frames   = []uint32{0xdcdcd4, 0xd0d2cc, 0x4a3a2a, 0x6d6d68, 0xe6e2d6}
	shutters = []uint32{0x4f6b4a, 0x46607a, 0x6b5035, 0xb9ab8c, 0x5a6e6e, 0x7a7a74}
	doors    = []uint32{0x5b3b2a, 0x2f4f5f, 0x7a2f25, 0x3c3c3c, 0x4e5d3a, 0x6f6a60}
	carCols  = []uint32{0xe8e8e4, 0xb8bcbf, 0x9e1f1f, 0x2a4a7a, 0xe0b020, 0x2f2f2f, 0x3f6b46, 0xe8e8e4, 0xc9c2b0}
)

func pick(r *rng, pal []uint32) rgb { return hex(pal[r.intn(len(pal))]) }

// makeTown builds the town, before the strike or after it. Both share the
// same seed, so the town is the same except for the damage.
func makeTown(after bool) *town {
	t := &town{after: after}
	r := newRNG(1710)
	for i := 0; i+1 < len(nsStreets); i++ {
		for j := 0; j+1 < len(ewStreets); j++ {
			bx0 := nsStreets[i] + halfOf(nsStreets[i])
			bx1 := nsStreets[i+1] - halfOf(nsStreets[i+1])
			bz0 := ewStreets[j] + sideHalf
			bz1 := ewStreets[j+1] - sideHalf
			seed := r.next()
			if bz0 > 90 && bz1 < 150 && bx0 < 60 && bx1 > -60 {
				t.mosqueBlock(bx0, bz0, bx1, bz1, newRNG(seed))
				continue
			}
			t.block(bx0, bz0, bx1, bz1, newRNG(seed))
		}
	}
	// Clear the ground under the water tower.
	kept := t.buildings[:0]
	for _, b := range t.buildings {
		if b.x1 > towerAt.X-6 && b.x0 < towerAt.X+6 && b.z1 > towerAt.Z-6 && b.z0 < towerAt.Z+6 {
			continue
		}
		kept = append(kept, b)
	}
	t.buildings = kept
	t.streetLife(newRNG(77))
	if after {
		t.damage(newRNG(1014))
	}
	return t
}

func halfOf(x float64) float64 {
	if x == 0 {
		return mainHalf
	}
	return sideHalf
}

func (t *town) add(x0, z0, x1, z1 float64, floors int, front int, r *rng) *building {
	b := &building{
		x0: x0, z0: z0, x1: x1, z1: z1, floors: floors,
		h:          float64(floors)*floorH + 0.9,
		col:        pick(r, plasters),
		roofCol:    pick(r, roofs),
		frameCol:   pick(r, frames),
		shutterCol: pick(r, shutters),
		doorCol:    pick(r, doors),
		seed:       uint32(r.next()),
		front:      front,
		balconies:  r.f() < 0.45,
		openShops:  0.5,
	}
	if t.after {
		b.openShops = 0.12
	}
	onMain := (front == sideE && x1 <= -mainHalf+0.01) || (front == sideW && x0 >= mainHalf-0.01)
	b.shops = onMain || r.f() < 0.08
	t.buildings = append(t.buildings, b)
	return b
}

// row fills a strip along one edge of a block with buildings, each
// width..width*1.8 wide, from a to b along the edge.
func (t *town) row(a, b float64, r *rng, mk func(a0, a1 float64)) {
	for a < b-4 {
		w := r.rangef(7, 13)
		if b-(a+w) < 6 {
			w = b - a
		}
		mk(a, a+w)
		a += w
	}
}

func (t *town) floors(r *rng, main bool) int {
	if main {
		return 3 + r.intn(3)
	}
	f := []int{1, 2, 2, 2, 3, 3, 3, 4}
	return f[r.intn(len(f))]
}

// block fills a block with buildings around its edges and a few inside.
func (t *town) block(bx0, bz0, bx1, bz1 float64, r *rng) {
	if bx0 < -townHalfX || bx1 > townHalfX {
		return
	}
	westMain := bx0 == mainHalf
	eastMain := bx1 == -mainHalf
	dS, dN := r.rangef(11, 15), r.rangef(11, 15)
	if bz0 < -200 {
		dS = 0 // the southern edge of town: open ground
	}
	empty := func() bool { return r.f() < 0.07 }
	// The block east of Souq Street between the two cross streets holds
	// the buildings the sample report is about; lay it out by hand.
	special := westMain && bz0 == -30+sideHalf
	dW, dE := r.rangef(11, 15), r.rangef(11, 15)
	if special {
		dW = 14
	}
	// Along Souq Street the main rows run the whole length of the block;
	// elsewhere the north and south rows do.
	rx0, rx1 := bx0, bx1
	if westMain {
		rx0 = bx0 + dW + 1
	}
	if eastMain {
		rx1 = bx1 - dE - 1
	}
	if dS > 0 {
		t.row(rx0, rx1, r, func(a0, a1 float64) {
			if !empty() {
				d := dS + r.rangef(-1.5, 1.5)
				t.add(a0, bz0, a1, bz0+d, t.floors(r, false), sideS, r)
			}
		})
	}
	t.row(rx0, rx1, r, func(a0, a1 float64) {
		if !empty() {
			d := dN + r.rangef(-1.5, 1.5)
			t.add(a0, bz1-d, a1, bz1, t.floors(r, false), sideN, r)
		}
	})
	za, zb := bz0+dS+1.5, bz1-dN-1.5
	if westMain {
		za, zb = bz0, bz1
	}
	if special {
		t.specialRow(bx0, bz0, bz1, r)
	} else {
		t.row(za, zb, r, func(a0, a1 float64) {
			if westMain || !empty() {
				t.add(bx0, a0, bx0+dW+r.rangef(-1, 1), a1, t.floors(r, westMain), sideW, r)
			}
		})
	}
	za, zb = bz0+dS+1.5, bz1-dN-1.5
	if eastMain {
		za, zb = bz0, bz1
	}
	t.row(za, zb, r, func(a0, a1 float64) {
		if eastMain || !empty() {
			t.add(bx1-dE-r.rangef(-1, 1), a0, bx1, a1, t.floors(r, eastMain), sideE, r)
		}
	})
	// A building or two in the courtyard space.
	ix0, ix1 := bx0+dW+4, bx1-dE-4
	iz0, iz1 := bz0+dS+4, bz1-dN-4
	if ix1-ix0 > 12 && iz1-iz0 > 10 && r.f() < 0.6 {
		w, d := r.rangef(8, math.Min(16, ix1-ix0)), r.rangef(7, math.Min(13, iz1-iz0))
		x := r.rangef(ix0, ix1-w)
		z := r.rangef(iz0, iz1-d)
		t.add(x, z, x+w, z+d, 1+r.intn(2), sideS, r)
	}
}

// specialRow lays out the east side of Souq Street between Al-Furn Street
// and Al-Madrasa Street.
func (t *town) specialRow(x0, bz0, bz1 float64, r *rng) {
	type lot struct {
		z0, z1 float64
		depth  float64
		floors int
		num    int
	}
	lots := []lot{
		{bz0, -15, 12, 3, 4},
		{-15, -3, 13, 4, 6},
		{-3, 6, 12.5, 3, 10},
		{6, 18, 13, 4, 12},
		{18, bz1, 14, 5, 14},
	}
	for _, l := range lots {
		b := t.add(x0, l.z0, x0+l.depth, l.z1, l.floors, sideW, r)
		b.number = l.num
		b.shops = true
		switch l.num {
		case 12:
			t.target = b
			b.col = hex(0xd8c6a2)
			b.balconies = true
		case 10:
			t.south = b
			b.col = hex(0xcfc3b0)
		case 14:
			t.north = b
			b.col = hex(0xdcc99a)
			b.balconies = false
		}
	}
}

// mosqueBlock holds the mosque, its square and a ring of buildings.
func (t *town) mosqueBlock(bx0, bz0, bx1, bz1 float64, r *rng) {
	t.row(bx0, -24, r, func(a0, a1 float64) {
		t.add(a0, bz0, a1, bz0+13, t.floors(r, false), sideS, r)
	})
	t.row(24, bx1, r, func(a0, a1 float64) {
		t.add(a0, bz0, a1, bz0+13, t.floors(r, false), sideS, r)
	})
	t.row(bx0, bx1, r, func(a0, a1 float64) {
		if a1 < -18 || a0 > 18 {
			t.add(a0, bz1-12, a1, bz1, t.floors(r, false), sideN, r)
		}
	})
}

// The mosque and its minaret (drawn by mosque in scene.go).
var (
	minaretAt = v3(5.5, 0, 112)
	domeAt    = v3(0, 9, 128)
	towerAt   = v3(-32, 0, 60)
)

// streetLife places parked cars, palms and electricity poles.
func (t *town) streetLife(r *rng) {
	for z := -200.0; z < 88; z += r.rangef(5.5, 8) {
		if math.Abs(math.Mod(z+30+600, 60)-30) < 7 {
			continue // keep crossings clear
		}
		for _, side := range []float64{-1, 1} {
			if side > 0 && z > -6 && z < 24 || z > -48 && z < -28 {
				continue // where the heap will be, and clear of the street views
			}
			if r.f() < 0.42 {
				t.cars = append(t.cars, car{x: side * (5.6 + r.rangef(-0.15, 0.15)), z: z + r.rangef(-0.5, 0.5), col: pick(r, carCols)})
			}
		}
	}
	for _, z := range []float64{-150, 40, 62} {
		t.cars = append(t.cars, car{x: 2.2, z: z, col: pick(r, carCols)})
	}
	for _, x := range []float64{-62, 62, -124, 124} {
		for z := -200.0; z < 200; z += r.rangef(25, 70) {
			if math.Abs(math.Mod(z+30+600, 60)-30) < 7 {
				continue
			}
			t.cars = append(t.cars, car{x: x + 3.2, z: z, heading: 0, col: pick(r, carCols)})
		}
	}
	for z := -205.0; z < 90; z += 24 {
		t.poles = append(t.poles, v3(-6.3, 0, z))
	}
	t.palms = append(t.palms, []vec3{{-16, 0, 100}, {16, 0, 100}, {-16, 0, 108}, {16, 0, 108}, {-5.8, 0, 48}, {5.8, 0, -52}, {-5.8, 0, -110}}...)
}

// damage applies the fictional strike of 14 October 2017 to the town.
func (t *town) damage(r *rng) {
	tg := t.target
	tg.collapsed = true
	t.piles = append(t.piles, rubblePile{b: tg, x0: tg.x0 - 4.5, z0: tg.z0 - 1, x1: tg.x1 + 0.5, z1: tg.z1 + 0.5, peak: 4.6, seed: 12})
	// Neighbours: broken windows, soot, pockmarks, and the party walls laid
	// bare by the collapse.
	t.south.broken, t.south.sooty = 0.7, 0.4
	t.south.spots = append(t.south.spots,
		spot{kind: spotScorch, c: v3(7, 7.2, 2.4), r: 2.6, up: 2.2, seed: 3},
		spot{kind: spotPocks, c: v3(7, 4, 4), r: 4.5, seed: 4},
	)
	t.south.ghosts = append(t.south.ghosts, ghost{side: sideN, a0: 7, a1: 19.5, y0: 0, y1: 13.1, seed: 5})
	t.north.broken, t.north.sooty = 0.85, 0.5
	t.north.spots = append(t.north.spots,
		spot{kind: spotScorch, c: v3(8, 5, 18), r: 3.4, up: 2.5, seed: 6},
		spot{kind: spotScorch, c: v3(7, 8.5, 21.5), r: 1.8, up: 2.4, seed: 7},
		spot{kind: spotHole, c: v3(7, 10.6, 23.6), r: 0.9, seed: 8},
		spot{kind: spotPocks, c: v3(7, 3, 20), r: 5, seed: 9},
	)
	t.north.ghosts = append(t.north.ghosts, ghost{side: sideS, a0: 7, a1: 20, y0: 0, y1: 13.1, seed: 10})
	for _, b := range t.buildings {
		if b.number == 0 && b.x1 <= -mainHalf+0.01 && b.z1 > -10 && b.z0 < 40 {
			// Across the street: windows blown in, pockmarks.
			if b.z0 < 16 && b.z1 > 4 {
				t.opposite = b
				b.number = 11
			}
			b.broken = 0.5
			b.spots = append(b.spots, spot{kind: spotPocks, c: v3(-7, 3, 12), r: 8, seed: 11})
		}
		if b.number == 4 || b.number == 6 {
			b.broken = 0.25
		}
	}
	t.craters = append(t.craters,
		crater{x: 1.8, z: 3.5, r: 2.6, seed: 21},
		crater{x: 38, z: 52, r: 3.4, seed: 22},
		crater{x: -28, z: -58, r: 2.8, seed: 23},
		crater{x: 70, z: 8, r: 2.2, seed: 24},
		crater{x: -40, z: 14, r: 3.0, seed: 25},
	)
	t.scorches = append(t.scorches,
		spot{kind: spotScorch, c: v3(3, 0, 8), r: 7, seed: 31},
		spot{kind: spotScorch, c: v3(38, 0, 52), r: 6, seed: 32},
		spot{kind: spotScorch, c: v3(-3.6, 0, 17), r: 3.2, seed: 33}, // under the burnt car
	)
	// Two more collapses a block away.
	for _, at := range []vec3{{45, 0, 60}, {-45, 0, -45}} {
		var best *building
		bd := math.Inf(1)
		for _, b := range t.buildings {
			c := b.centre()
			if d := math.Hypot(c.X-at.X, c.Z-at.Z); d < bd && b.number == 0 && b.floors >= 2 {
				best, bd = b, d
			}
		}
		if best != nil {
			b := best
			b.collapsed = true
			t.piles = append(t.piles, rubblePile{b: b, x0: b.x0 - 1.5, z0: b.z0 - 1.5, x1: b.x1 + 1.5, z1: b.z1 + 1.5, peak: 2 + float64(b.floors)*0.6, seed: uint32(r.next())})
			t.others = append(t.others, b)
		}
	}
	// Roofs holed.
	for _, b := range t.buildings {
		c := b.centre()
		if !b.collapsed && b.number == 0 && math.Hypot(c.X-10, c.Z-10) < 90 && r.f() < 0.12 {
			b.spots = append(b.spots, spot{kind: spotHole, c: v3(c.X+r.rangef(-2, 2), b.h, c.Z+r.rangef(-2, 2)), r: r.rangef(0.8, 1.8), seed: uint32(r.next())})
			b.spots = append(b.spots, spot{kind: spotScorch, c: v3(c.X, b.h, c.Z), r: 3.5, up: 1, seed: uint32(r.next())})
			b.broken = 0.3
		}
	}
	// The car outside No. 11 burnt out.
	for i := range t.cars {
		c := &t.cars[i]
		if c.x < 0 && c.z > 8 && c.z < 26 {
			c.burnt = true
			c.z = 17
		}
	}
	found := false
	for _, c := range t.cars {
		found = found || c.burnt
	}
	if !found {
		t.cars = append(t.cars, car{x: -5.6, z: 17, col: hex(0xe8e8e4), burnt: true})
	}
}
