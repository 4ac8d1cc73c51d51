package geo

import (
	"image"
	"image/color"
	"testing"
)

func near(c color.RGBA, want color.RGBA, tol int) bool {
	d := func(a, b uint8) int {
		if a > b {
			return int(a - b)
		}
		return int(b - a)
	}
	return d(c.R, want.R) <= tol && d(c.G, want.G) <= tol && d(c.B, want.B) <= tol
}

// Sites are circles of their radius in metres, ringed, tinted inside;
// footprints are outlines; crowded points are one disc with their count;
// nothing is drawn at 0°, 0°.
func TestRenderLayers(t *testing.T) {
	site := Circle{ID: 1, Pos: Project(35.95, 39.0), RadiusM: 50, Label: "Bakery"}
	v := View{Center: site.Pos, Scale: 1 << 26, W: 600, H: 400}
	r := radiusPx(v, site)
	if r < 40 || r > 200 {
		t.Fatalf("radius %v px: choose another scale", r)
	}
	fp := Outline{ID: 2, Label: "sat.tif", Ring: []Point{
		v.FromScreen(40, 40), v.FromScreen(40, 360), v.FromScreen(200, 360), v.FromScreen(200, 40)}}
	var crowd []Marker
	for i := range 5 {
		crowd = append(crowd, Marker{ID: int64(10 + i), Pos: v.FromScreen(500+float64(i)*0.5, 300)})
	}
	lone := Marker{ID: 20, Pos: v.FromScreen(500, 100)}
	img := RenderLayers(v, Layers{Sites: []Circle{site}, Footprints: []Outline{fp}, Markers: append(crowd, lone)}, 0, nil, LightStyle, 1)
	at := func(x, y float64) color.RGBA { return img.RGBAAt(int(x), int(y)) }
	tests := []struct {
		name string
		x, y float64
		want color.RGBA
		tol  int
	}{
		{"the site's ring, east", 300 + r, 200, siteStroke, 40},
		{"the site's ring, north", 300, 200 - r, siteStroke, 40},
		{"the footprint's west edge", 40, 200, footprintStroke, 10},
		{"the footprint's south edge", 120, 360, footprintStroke, 10},
		{"the crowd, one disc", 501, 300 - 7, clusterFill, 10},
		{"the lone point", 500, 100, LightStyle.Marker, 10},
	}
	for _, tc := range tests {
		if got := at(tc.x, tc.y); !near(got, tc.want, tc.tol) {
			t.Errorf("%s at (%.0f, %.0f): %v, want %v", tc.name, tc.x, tc.y, got, tc.want)
		}
	}
	// Inside the circle: the land, tinted.
	if in := at(300+r/2, 200); near(in, LightStyle.Land, 4) || in.B <= in.G {
		t.Errorf("inside the circle %v: want the land tinted violet", in)
	}
	// Outside everything: the land.
	if out := at(420, 30); !near(out, LightStyle.Land, 0) && !near(out, LightStyle.Grid, 0) {
		t.Errorf("outside %v", out)
	}
	// The count of the crowd: white pixels in its disc.
	if !hasColor(img, image.Rect(490, 290, 512, 310), color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, 60) {
		t.Error("no count in the crowd's disc")
	}
}

// A point at 0°, 0° (no position recorded) is never drawn, nor a site.
func TestNullIslandNotDrawn(t *testing.T) {
	z := Project(0, 0)
	v := View{Center: z, Scale: 1 << 20, W: 200, H: 200}
	img := RenderLayers(v, Layers{Markers: []Marker{{ID: 1, Pos: z, Label: "x.jpg"}}, Sites: []Circle{{ID: 1, Pos: z, RadiusM: 5000, Label: "Nowhere"}}}, 1, nil, LightStyle, 1)
	for _, c := range []color.RGBA{LightStyle.Marker, LightStyle.Selected, siteStroke} {
		if hasColor(img, img.Bounds(), c, 10) {
			t.Errorf("something drawn at 0°, 0° in %v", c)
		}
	}
}

func hasColor(img *image.RGBA, r image.Rectangle, c color.RGBA, tol int) bool {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if near(img.RGBAAt(x, y), c, tol) {
				return true
			}
		}
	}
	return false
}
