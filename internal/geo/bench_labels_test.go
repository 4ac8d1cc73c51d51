package geo

import (
	"fmt"
	"image"
	"image/draw"
	"testing"
)

// labelledMarkers returns n markers on a grid, each named like a photo,
// and a view that shows them all.
func labelledMarkers(n int) ([]Marker, View) {
	ms := make([]Marker, n)
	pts := make([]Point, n)
	for i := range ms {
		ms[i] = Marker{ID: int64(i + 1), Pos: Project(35.94+float64(i%20)*0.002, 39.0+float64(i/20)*0.004),
			Label: fmt.Sprintf("IMG_%04d-drone.jpg", i+1)}
		pts[i] = ms[i].Pos
	}
	return ms, Fit(pts, 1400, 900, 40, 100)
}

// BenchmarkRenderLabels200 draws a map of 200 named images over the
// built-in world basemap.
func BenchmarkRenderLabels200(b *testing.B) {
	ms, v := labelledMarkers(200)
	for b.Loop() {
		RenderLayers(v, Layers{Markers: ms}, 0, nil, LightStyle, 1)
	}
}

// BenchmarkMapLabels200 is the labels alone: 200 names measured, thinned
// and written with their halo.
func BenchmarkMapLabels200(b *testing.B) {
	ms, v := labelledMarkers(200)
	dst := image.NewRGBA(image.Rect(0, 0, int(v.W), int(v.H)))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(LightStyle.Land), image.Point{}, draw.Src)
	for b.Loop() {
		ls := newLabelSet(1)
		for _, m := range ms {
			x, y := v.ToScreen(m.Pos)
			ls.add(m.Label, int(x+10), int(y-5), rankMarker)
		}
		ls.draw(dst, LightStyle)
	}
}
