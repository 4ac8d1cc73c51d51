package georef

import (
	"errors"
	"fmt"
	"math"
)

// affine maps a pixel position (i across, j down) to model coordinates:
// x = A·i + B·j + C, y = D·i + E·j + F.
type affine struct{ A, B, C, D, E, F float64 }

func (a affine) apply(i, j float64) (x, y float64) {
	return a.A*i + a.B*j + a.C, a.D*i + a.E*j + a.F
}

// Footprint is where an image lies: its corners in WGS 84.
type Footprint struct {
	// Ring is the corners as [longitude, latitude], upper left, lower
	// left, lower right, upper right, and the upper left again (closed).
	Ring [5][2]float64
	// EPSG is the code of the coordinate system the image was
	// georeferenced in.
	EPSG int
	// Source says where the georeference was read: "geotiff", or "world"
	// for a world file.
	Source string
}

// footprint computes the corners of a w×h image whose pixel corners
// (i, j) map to model coordinates through a at (i+shift, j+shift).
func footprint(crs CRS, a affine, w, h, shift float64, source string) (*Footprint, error) {
	for _, v := range []float64{a.A, a.B, a.C, a.D, a.E, a.F} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, errors.New("the georeference holds a number that is not finite")
		}
	}
	if a.A*a.E-a.B*a.D == 0 {
		return nil, errors.New("the georeference maps the image to a line or a point (pixel size 0)")
	}
	f := &Footprint{EPSG: crs.EPSG, Source: source}
	corners := [4][2]float64{{0, 0}, {0, h}, {w, h}, {w, 0}}
	for k, p := range corners {
		x, y := a.apply(p[0]+shift, p[1]+shift)
		lon, lat := crs.ToLonLat(x, y)
		if math.IsNaN(lon) || math.IsNaN(lat) || lat < -90 || lat > 90 || lon < -540 || lon > 540 {
			return nil, fmt.Errorf("corner %d (%g, %g in EPSG %d) is not on the Earth", k+1, x, y, crs.EPSG)
		}
		f.Ring[k] = [2]float64{lon, lat}
	}
	f.Ring[4] = f.Ring[0]
	return f, nil
}

// GeoJSON returns the footprint as a GeoJSON Polygon geometry.
func (f *Footprint) GeoJSON() map[string]any {
	ring := make([][2]float64, 5)
	copy(ring, f.Ring[:])
	return map[string]any{"type": "Polygon", "coordinates": [][][2]float64{ring}}
}

// Contains reports whether the point (lon, lat) lies inside the footprint
// or on its edge (in longitude and latitude, which is exact enough for an
// image a few kilometres across).
func (f *Footprint) Contains(lon, lat float64) bool {
	inside := false
	const eps = 1e-12
	for i, j := 0, 3; i < 4; j, i = i, i+1 {
		xi, yi := f.Ring[i][0], f.Ring[i][1]
		xj, yj := f.Ring[j][0], f.Ring[j][1]
		// On the edge counts as inside.
		cross := (xj-xi)*(lat-yi) - (yj-yi)*(lon-xi)
		if math.Abs(cross) < eps && lon >= math.Min(xi, xj)-eps && lon <= math.Max(xi, xj)+eps &&
			lat >= math.Min(yi, yj)-eps && lat <= math.Max(yi, yj)+eps {
			return true
		}
		if (yi > lat) != (yj > lat) && lon < (xj-xi)*(lat-yi)/(yj-yi)+xi {
			inside = !inside
		}
	}
	return inside
}

// Centre returns the mean of the four corners (longitude, latitude).
func (f *Footprint) Centre() (lon, lat float64) {
	for _, p := range f.Ring[:4] {
		lon += p[0] / 4
		lat += p[1] / 4
	}
	return lon, lat
}
