package demo

import "math"

// vec3 is a point or a direction in the town's world frame: X east, Y up,
// Z north, in metres.
type vec3 struct{ X, Y, Z float64 }

func v3(x, y, z float64) vec3              { return vec3{x, y, z} }
func (a vec3) add(b vec3) vec3             { return vec3{a.X + b.X, a.Y + b.Y, a.Z + b.Z} }
func (a vec3) sub(b vec3) vec3             { return vec3{a.X - b.X, a.Y - b.Y, a.Z - b.Z} }
func (a vec3) mul(s float64) vec3          { return vec3{a.X * s, a.Y * s, a.Z * s} }
func (a vec3) dot(b vec3) float64          { return a.X*b.X + a.Y*b.Y + a.Z*b.Z }
func (a vec3) length() float64             { return math.Sqrt(a.dot(a)) }
func (a vec3) lerp(b vec3, t float64) vec3 { return a.add(b.sub(a).mul(t)) }

func (a vec3) cross(b vec3) vec3 {
	return vec3{a.Y*b.Z - a.Z*b.Y, a.Z*b.X - a.X*b.Z, a.X*b.Y - a.Y*b.X}
}

func (a vec3) norm() vec3 {
	l := a.length()
	if l == 0 {
		return a
	}
	return a.mul(1 / l)
}

// rgb is a colour with channels nominally in 0..1 (sRGB values; the
// renderer does not bother with linear light).
type rgb struct{ R, G, B float64 }

func (c rgb) mul(s float64) rgb { return rgb{c.R * s, c.G * s, c.B * s} }
func (c rgb) add(d rgb) rgb     { return rgb{c.R + d.R, c.G + d.G, c.B + d.B} }
func (c rgb) times(d rgb) rgb   { return rgb{c.R * d.R, c.G * d.G, c.B * d.B} }
func (c rgb) mix(d rgb, t float64) rgb {
	return rgb{c.R + (d.R-c.R)*t, c.G + (d.G-c.G)*t, c.B + (d.B-c.B)*t}
}

// hex makes a colour from 0xRRGGBB.
func hex(v uint32) rgb {
	return rgb{float64(v>>16&255) / 255, float64(v>>8&255) / 255, float64(v&255) / 255}
}

func clamp01(x float64) float64 {
	if x < 0 {
		return 0
	}
	if x > 1 {
		return 1
	}
	return x
}

func smoothstep(a, b, x float64) float64 {
	t := clamp01((x - a) / (b - a))
	return t * t * (3 - 2*t)
}

func deg(d float64) float64 { return d * math.Pi / 180 }
