package geo

import "math"

// MaxLat is the latitude where Web Mercator ends (north and south).
const MaxLat = 85.05112878

// earthRadius is the WGS 84 equatorial radius, in metres.
const earthRadius = 6378137.0

// Point is a position in world units: the Web Mercator square of the whole
// Earth, x from 0 (180° W) to 1 (180° E), y from 0 (north) to 1 (south).
type Point struct{ X, Y float64 }

// Project returns the world position of a latitude and longitude, in
// decimal degrees (latitudes beyond MaxLat are clamped).
func Project(lat, lon float64) Point {
	lat = math.Max(-MaxLat, math.Min(MaxLat, lat))
	s := math.Sin(lat * math.Pi / 180)
	return Point{
		X: (lon + 180) / 360,
		Y: 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi),
	}
}

// Unproject returns the latitude and longitude of a world position.
func Unproject(p Point) (lat, lon float64) {
	lon = p.X*360 - 180
	n := math.Pi * (1 - 2*p.Y)
	lat = math.Atan(math.Sinh(n)) * 180 / math.Pi
	return lat, lon
}

// metresPerWorldUnit is how many metres one world unit spans at latitude
// lat (the projection stretches away from the equator).
func metresPerWorldUnit(lat float64) float64 {
	return 2 * math.Pi * earthRadius * math.Cos(lat*math.Pi/180)
}

// WrapLon brings a longitude read east or west of the first copy of the
// world (a map wraps) back into [-180, 180].
func WrapLon(lon float64) float64 { return wrapLon(lon) }
