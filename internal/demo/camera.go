package demo

import "math"

// camera is a pinhole camera. Yaw is the heading in degrees clockwise from
// north, pitch is up from the horizon, roll turns the picture clockwise.
type camera struct {
	pos             vec3
	fwd, right, up  vec3
	f               float64 // focal length in pixels
	w, h            int
	yaw, pitch, fov float64
}

func newCamera(pos vec3, yaw, pitch, roll, hfov float64, w, h int) camera {
	y, p, r := deg(yaw), deg(pitch), deg(roll)
	fwd := v3(math.Sin(y)*math.Cos(p), math.Sin(p), math.Cos(y)*math.Cos(p))
	right := v3(math.Cos(y), 0, -math.Sin(y))
	up := fwd.cross(right)
	// Roll: turn right and up about fwd; a positive roll turns the picture
	// clockwise, that is, the camera counter-clockwise.
	cr, sr := math.Cos(r), math.Sin(r)
	right, up = right.mul(cr).add(up.mul(-sr)), up.mul(cr).add(right.mul(sr))
	return camera{
		pos: pos, fwd: fwd, right: right, up: up,
		f: float64(w) / 2 / math.Tan(deg(hfov)/2), w: w, h: h,
		yaw: math.Mod(yaw+360, 360), pitch: pitch, fov: hfov,
	}
}

// lookAt aims a camera at a point.
func lookAt(pos, target vec3, roll, hfov float64, w, h int) camera {
	d := target.sub(pos)
	yaw := math.Atan2(d.X, d.Z) * 180 / math.Pi
	pitch := math.Atan2(d.Y, math.Hypot(d.X, d.Z)) * 180 / math.Pi
	return newCamera(pos, yaw, pitch, roll, hfov, w, h)
}

// toCam returns p in camera coordinates: x right, y up, z depth.
func (c *camera) toCam(p vec3) vec3 {
	d := p.sub(c.pos)
	return v3(d.dot(c.right), d.dot(c.up), d.dot(c.fwd))
}

// project returns the pixel position of p and its depth (negative behind
// the camera).
func (c *camera) project(p vec3) (x, y, z float64) {
	q := c.toCam(p)
	return c.screen(q)
}

func (c *camera) screen(q vec3) (x, y, z float64) {
	return float64(c.w)/2 + c.f*q.X/q.Z, float64(c.h)/2 - c.f*q.Y/q.Z, q.Z
}

// frac returns the position of p in fractions of the picture.
func (c *camera) frac(p vec3) [2]float64 {
	x, y, _ := c.project(p)
	return [2]float64{x / float64(c.w), y / float64(c.h)}
}

// ray returns the direction through the centre of pixel (px, py), scaled
// so that its component along fwd is 1 (so a ray parameter is a depth).
func (c *camera) ray(px, py float64) vec3 {
	sx := (px + 0.5 - float64(c.w)/2) / c.f
	sy := -(py + 0.5 - float64(c.h)/2) / c.f
	return c.fwd.add(c.right.mul(sx)).add(c.up.mul(sy))
}
