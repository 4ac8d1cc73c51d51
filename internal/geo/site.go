package geo

import (
	"image"
	"image/color"
	"math"
	"strconv"
)

// Circle is a site on the map: its position, how far it reaches (its
// radius, or the precision of its position when larger) and its name.
type Circle struct {
	ID      int64
	Pos     Point
	RadiusM float64
	Label   string
}

// Outline is the footprint of a georeferenced image: the ground it
// covers, as a ring of world positions, and its label (the file name).
type Outline struct {
	ID    int64
	Ring  []Point
	Label string
}

// Layers is what a map shows over its basemap.
type Layers struct {
	Markers      []Marker
	Sites        []Circle
	Footprints   []Outline
	SelectedSite int64
	// Swipe, when set, draws two georeferenced images in their
	// footprints, one each side of a handle.
	Swipe *Swipe
}

// Colours of sites and footprints (premultiplied where translucent).
var (
	siteStroke      = color.RGBA{0x6A, 0x1B, 0x9A, 0xFF}
	siteFill        = color.RGBA{0x6A * 0x38 / 0xFF, 0x1B * 0x38 / 0xFF, 0x9A * 0x38 / 0xFF, 0x38}
	siteSelected    = color.RGBA{0x19, 0x76, 0xD2, 0xFF}
	footprintStroke = color.RGBA{0x00, 0x83, 0x8F, 0xFF}
	clusterFill     = color.RGBA{0x37, 0x47, 0x4F, 0xFF}
)

// clusterPx is how near (pixels at scale 1) points are drawn as one.
const clusterPx = 12

// nullIsland reports whether p is 0°, 0°: a position never recorded,
// most often, and never drawn.
func nullIsland(p Point) bool {
	return math.Abs(p.X-0.5) < 1e-12 && math.Abs(p.Y-0.5) < 1e-12
}

// PointAt returns the world position metres east and north of p.
func PointAt(p Point, east, north float64) Point {
	lat, _ := Unproject(p)
	m := metresPerWorldUnit(lat)
	return Point{X: p.X + east/m, Y: p.Y - north/m}
}

// radiusPx is a circle's radius in pixels in view v.
func radiusPx(v View, c Circle) float64 {
	lat, _ := Unproject(c.Pos)
	return c.RadiusM / metresPerWorldUnit(lat) * v.Scale
}

// drawSites draws each site as a translucent disc of its radius ringed in
// its colour, with its name above it; the selected one in the selection's
// colour. A site too small to see is drawn a few pixels across.
func drawSites(dst *image.RGBA, v View, sites []Circle, selected int64, st Style, k float64, labels *labelSet) {
	for _, c := range sites {
		if nullIsland(c.Pos) {
			continue
		}
		x, y := v.ToScreen(c.Pos)
		r := math.Max(radiusPx(v, c), 5*k)
		if x+r < 0 || y+r < 0 || x-r > v.W || y-r > v.H {
			continue
		}
		stroke := siteStroke
		if c.ID == selected && selected != 0 {
			stroke = siteSelected
		}
		disc(dst, x, y, r, siteFill)
		ring(dst, x, y, r, 2*k, stroke)
		disc(dst, x, y, 2.5*k, stroke)
		if c.Label != "" {
			rank := rankSite
			if c.ID == selected && selected != 0 {
				rank = rankSelected
			}
			labels.add(c.Label, int(x)-textWidth(c.Label, k)/2, int(y-r-5*k), rank)
		}
	}
}

// drawFootprints draws each footprint's outline, its label inside its
// northernmost corner.
func drawFootprints(dst *image.RGBA, v View, fps []Outline, st Style, k float64, labels *labelSet) {
	for _, o := range fps {
		if len(o.Ring) < 3 {
			continue
		}
		pts := make([][2]float64, 0, len(o.Ring))
		top := 0
		skip := false
		for i, p := range o.Ring {
			if nullIsland(p) {
				skip = true
				break
			}
			x, y := v.ToScreen(p)
			pts = append(pts, [2]float64{x, y})
			if y < pts[top][1] {
				top = i
			}
		}
		if skip {
			continue
		}
		stroke(dst, pts, 2*k, footprintStroke, true)
		if o.Label != "" {
			labels.add(o.Label, int(pts[top][0]+4*k), int(pts[top][1]+14*k), rankFootprint)
		}
	}
}

// ring strokes a circle.
func ring(dst *image.RGBA, cx, cy, r, width float64, c color.RGBA) {
	const n = 64
	pts := make([][2]float64, n)
	for i := range pts {
		a := 2 * math.Pi * float64(i) / n
		pts[i] = [2]float64{cx + r*math.Cos(a), cy + r*math.Sin(a)}
	}
	stroke(dst, pts, width, c, true)
}

// stroke draws the lines joining pts (and the last to the first when
// closed), width pixels wide.
func stroke(dst *image.RGBA, pts [][2]float64, width float64, c color.RGBA, closed bool) {
	n := len(pts)
	segs := n - 1
	if closed {
		segs = n
	}
	for i := range segs {
		a, b := pts[i], pts[(i+1)%n]
		dx, dy := b[0]-a[0], b[1]-a[1]
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		// Extended by half the width at each end, so that corners close.
		ux, uy := dx/l*width/2, dy/l*width/2
		nx, ny := -uy, ux
		polygon(dst, c, [][2]float64{
			{a[0] - ux + nx, a[1] - uy + ny}, {b[0] + ux + nx, b[1] + uy + ny},
			{b[0] + ux - nx, b[1] + uy - ny}, {a[0] - ux - nx, a[1] - uy - ny},
		})
	}
}

// pointCluster is points drawn as one: where, and how many.
type pointCluster struct {
	x, y float64
	n    int
}

// cluster splits the points into those drawn alone and clusters: points
// that fall in the same cell of a grid of clusterPx pixels are drawn as
// one disc with their count.
func cluster(v View, ms []*Marker, k float64) (alone []*Marker, out []pointCluster) {
	cell := clusterPx * k
	type key [2]int
	groups := map[key][]*Marker{}
	var order []key
	for _, m := range ms {
		x, y := v.ToScreen(m.Pos)
		kk := key{int(math.Floor(x / cell)), int(math.Floor(y / cell))}
		if groups[kk] == nil {
			order = append(order, kk)
		}
		groups[kk] = append(groups[kk], m)
	}
	for _, kk := range order {
		g := groups[kk]
		if len(g) == 1 {
			alone = append(alone, g[0])
			continue
		}
		var sx, sy float64
		for _, m := range g {
			x, y := v.ToScreen(m.Pos)
			sx, sy = sx+x, sy+y
		}
		out = append(out, pointCluster{x: sx / float64(len(g)), y: sy / float64(len(g)), n: len(g)})
	}
	return alone, out
}

// drawCluster draws a cluster: a dark disc, larger for more points, with
// the count in it.
func drawCluster(dst *image.RGBA, c pointCluster, st Style, k float64) {
	r := (9 + 2*math.Log10(float64(c.n))*3) * k
	disc(dst, c.x, c.y, r+1.5*k, st.Outline)
	disc(dst, c.x, c.y, r, clusterFill)
	s := strconv.Itoa(c.n)
	text(dst, s, int(c.x)-textWidth(s, k)/2, int(c.y+4*k), k, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF})
}
