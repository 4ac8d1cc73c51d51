package geo

import (
	"image"
	"image/color"
	"testing"
)

// Two images over the same footprint, swiped: left of the handle the
// left one is seen, right of it the right one; outside the footprint,
// neither; the handle moved, the sides follow.
func TestSwipe(t *testing.T) {
	red := image.NewUniform(color.RGBA{0xFF, 0, 0, 0xFF})
	blue := image.NewUniform(color.RGBA{0, 0, 0xFF, 0xFF})
	img := func(u *image.Uniform) image.Image {
		m := image.NewRGBA(image.Rect(0, 0, 40, 30))
		for y := range 30 {
			for x := range 40 {
				m.Set(x, y, u.C)
			}
		}
		return m
	}
	c := Project(36, 38.9)
	ring := []Point{PointAt(c, -100, 75), PointAt(c, -100, -75), PointAt(c, 100, -75), PointAt(c, 100, 75)}
	v := Fit(ring, 400, 300, 50, 10)
	for _, at := range []float64{0.5, 0.3} {
		sw := &Swipe{Left: Overlay{ID: 1, Ring: ring, Img: img(red)}, Right: Overlay{ID: 2, Ring: ring, Img: img(blue)}, At: at}
		dst := RenderLayers(v, Layers{Swipe: sw}, 0, nil, LightStyle, 1)
		hx := int(sw.HandleX(v))
		x0, y0 := v.ToScreen(ring[0])
		x1, y1 := v.ToScreen(ring[2])
		y := int((y0+y1)/2) + 30 // below the knob
		for _, c := range []struct {
			x    int
			want string
		}{
			{int(x0) + 5, "red"}, {hx - 6, "red"}, {hx + 6, "blue"}, {int(x1) - 5, "blue"}, {int(x0) - 10, "neither"}, {int(x1) + 10, "neither"},
		} {
			p := dst.RGBAAt(c.x, y)
			got := "neither"
			switch {
			case p.R > 200 && p.G < 60 && p.B < 60:
				got = "red"
			case p.B > 200 && p.R < 60 && p.G < 60:
				got = "blue"
			}
			if got != c.want {
				t.Errorf("handle at %v (x %d): pixel %d,%d is %v (%s), want %s", at, hx, c.x, y, p, got, c.want)
			}
		}
		if p := dst.RGBAAt(hx, int(y0)-20); p != LightStyle.Selected {
			t.Errorf("handle at %v: no handle at x %d: %v", at, hx, p)
		}
	}
}
