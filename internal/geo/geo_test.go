package geo

import (
	"image"
	"image/color"
	"math"
	"testing"
)

func TestProjectRoundTrip(t *testing.T) {
	tests := []struct {
		name     string
		lat, lon float64
		want     Point // zero: not checked
	}{
		{"null island", 0, 0, Point{0.5, 0.5}},
		{"date line west", 0, -180, Point{0, 0.5}},
		{"Raqqa", 35.9528, 39.0079, Point{}},
		{"Tierra del Fuego", -54.8, -68.3, Point{}},
		{"north edge", MaxLat, 10, Point{}},
	}
	for _, tt := range tests {
		p := Project(tt.lat, tt.lon)
		if tt.want != (Point{}) && (math.Abs(p.X-tt.want.X) > 1e-12 || math.Abs(p.Y-tt.want.Y) > 1e-12) {
			t.Errorf("%s: Project = %v, want %v", tt.name, p, tt.want)
		}
		lat, lon := Unproject(p)
		if math.Abs(lat-tt.lat) > 1e-9 || math.Abs(lon-tt.lon) > 1e-9 {
			t.Errorf("%s: round trip gives %.10f, %.10f", tt.name, lat, lon)
		}
	}
	if p := Project(89.9, 0); p.Y < -1e-9 || p.Y > 1e-6 {
		t.Errorf("a latitude beyond the edge is not clamped: %v", p)
	}
}

func TestFitShowsEveryPoint(t *testing.T) {
	pts := []Point{Project(35.95, 39.00), Project(35.96, 39.02), Project(35.94, 39.01)}
	v := Fit(pts, 800, 600, 40, 300)
	for _, p := range pts {
		x, y := v.ToScreen(p)
		if x < 39.9 || x > 760.1 || y < 39.9 || y > 560.1 {
			t.Errorf("point %v drawn at %.1f, %.1f: outside the padded view", p, x, y)
		}
	}
	// One point: about 300 m across the narrower side.
	one := Fit(pts[:1], 800, 600, 40, 300)
	if across := one.MetresPerPixel() * (600 - 80); across < 290 || across > 310 {
		t.Errorf("a single point shows %.0f m across, want about 300", across)
	}
	if x, y := one.ToScreen(pts[0]); math.Abs(x-400) > 1e-6 || math.Abs(y-300) > 1e-6 {
		t.Errorf("a single point is drawn at %.1f, %.1f, not at the centre", x, y)
	}
}

func TestZoomKeepsThePointUnderTheCursor(t *testing.T) {
	v := Fit([]Point{Project(35.95, 39.0)}, 800, 600, 40, 500)
	under := v.FromScreen(200, 150)
	z := v.ZoomAt(2, 200, 150)
	if z.Scale != 2*v.Scale {
		t.Errorf("scale %g, want %g", z.Scale, 2*v.Scale)
	}
	if x, y := z.ToScreen(under); math.Abs(x-200) > 1e-6 || math.Abs(y-150) > 1e-6 {
		t.Errorf("the point under the cursor moved to %.3f, %.3f", x, y)
	}
	p := v.Pan(30, -20)
	if x, y := p.ToScreen(v.Center); math.Abs(x-430) > 1e-6 || math.Abs(y-280) > 1e-6 {
		t.Errorf("after a pan of (30, -20) the old centre is at %.1f, %.1f", x, y)
	}
	if out := v.ZoomAt(1e30, 0, 0); out.Scale != MaxScale {
		t.Errorf("zoom is not bounded: scale %g", out.Scale)
	}
}

func TestScaleBarIsRound(t *testing.T) {
	v := Fit([]Point{Project(0, 0)}, 800, 600, 0, 1000) // about 1.67 m a pixel
	m, px := v.ScaleBar(120)
	if m != 200 || px > 120 || px < 100 {
		t.Errorf("scale bar %g m over %.1f px, want 200 m under 120 px", m, px)
	}
	for _, tt := range []struct{ in, want float64 }{{0.0003, 0.0005}, {0.0011, 0.002}, {0.7, 1}, {3, 5}, {0, 1}} {
		if got := gridStep(tt.in); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("gridStep(%g) = %g, want %g", tt.in, got, tt.want)
		}
	}
}

// The markers land where their positions project, the direction of view
// points the right way, and the selected one is drawn in its own colour.
func TestRenderMarkers(t *testing.T) {
	north, east := 0.0, 90.0
	a := Marker{ID: 1, Pos: Project(35.950, 39.000), Direction: &north}
	b := Marker{ID: 2, Pos: Project(35.951, 39.002), Direction: &east}
	v := Fit([]Point{a.Pos, b.Pos}, 400, 300, 60, 100)
	img := Render(v, []Marker{a, b}, 2, nil, LightStyle, 1)
	at := func(m Marker, dx, dy float64) color.RGBA {
		x, y := v.ToScreen(m.Pos)
		return img.RGBAAt(int(math.Round(x+dx)), int(math.Round(y+dy)))
	}
	if c := at(a, 0, 0); c != LightStyle.Marker {
		t.Errorf("marker 1 centre is %v, want the marker colour", c)
	}
	if c := at(b, 0, 0); c != LightStyle.Selected {
		t.Errorf("selected marker 2 centre is %v, want the selection colour", c)
	}
	// 20 px along the view direction: the cone's red tint; 20 px behind:
	// land or grid, not tinted.
	reddish := func(c color.RGBA) bool { return int(c.R) > int(c.G)+25 }
	if c := at(a, 0, -20); !reddish(c) {
		t.Errorf("north of marker 1, which faces north, is %v: no view cone", c)
	}
	if c := at(a, 0, 20); reddish(c) {
		t.Errorf("south of marker 1 is %v: the cone points the wrong way", c)
	}
	// The selected marker's cone is in the selection's blue.
	if c := at(b, 20, 0); int(c.B) <= int(c.R)+25 {
		t.Errorf("east of marker 2, selected and facing east, is %v: no blue view cone", c)
	}
}

// tileSource is a basemap of one solid colour per zoom level.
type tileSource struct{ lo, hi int }

func (s tileSource) Zooms() (int, int) { return s.lo, s.hi }
func (s tileSource) Name() string      { return "test tiles" }
func (s tileSource) Tile(z, x, y int) (image.Image, error) {
	return image.NewUniform(color.RGBA{uint8(10 * z), 0x80, 0x40, 0xFF}), nil
}

func TestRenderTilesAtTheNearestZoom(t *testing.T) {
	v := Fit([]Point{Project(35.95, 39.0)}, 300, 200, 0, 2000) // about zoom 14
	img := Render(v, nil, 0, tileSource{0, 18}, LightStyle, 1)
	z := int(math.Round(math.Log2(v.Scale / TileSize)))
	if c := img.RGBAAt(150, 60); c.R != uint8(10*z) || c.G != 0x80 {
		t.Errorf("map pixel %v, want the colour of zoom %d's tiles", c, z)
	}
	// A source with only zooms 0 to 5 is drawn at zoom 5, enlarged.
	img = Render(v, nil, 0, tileSource{0, 5}, LightStyle, 1)
	if c := img.RGBAAt(150, 60); c.R != 50 {
		t.Errorf("map pixel %v, want zoom 5's colour", c)
	}
}

// A point half out of the picture is drawn where it is, cut at the edge.
func TestRenderMarkerAtTheEdge(t *testing.T) {
	m := Marker{ID: 1, Pos: Project(10, 10)}
	v := View{Center: m.Pos, Scale: 1 << 24, W: 100, H: 100}
	v = v.Pan(-50, -50) // the point is now at (0, 0), the top left corner
	img := Render(v, []Marker{m}, 0, nil, LightStyle, 1)
	if c := img.RGBAAt(1, 1); c != LightStyle.Marker {
		t.Errorf("pixel (1, 1) is %v: the marker at the corner is misplaced", c)
	}
	if c := img.RGBAAt(12, 12); c == LightStyle.Marker {
		t.Error("the marker at the corner spreads too far")
	}
}

// BenchmarkRender20000 draws a map of 20,000 images (a large case), each
// with a direction of view.
func BenchmarkRender20000(b *testing.B) {
	ms := make([]Marker, 20000)
	pts := make([]Point, len(ms))
	for i := range ms {
		d := float64(i % 360)
		ms[i] = Marker{ID: int64(i + 1), Pos: Project(35.94+float64(i%141)*0.0002, 39.0+float64(i/141)*0.0002), Direction: &d}
		pts[i] = ms[i].Pos
	}
	v := Fit(pts, 1400, 900, 40, 100)
	for b.Loop() {
		Render(v, ms, 5, nil, LightStyle, 1)
	}
}
