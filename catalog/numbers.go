package catalog

import (
	"errors"
	"fmt"
	"math"
)

// The numbers a case stores or selects by (points on an image, regions,
// alignments, positions on the Earth) are checked here, in one place for
// the app and the command line: a number that is not finite (NaN, ±Inf)
// or out of its range is refused with a message saying which and why,
// never clamped, and nothing is written.

// Validate reports whether p is a place on an image: both coordinates
// finite and within [0,1], give or take PointTolerance.
func (p Point) Validate() error {
	if !finite(p.X) || !finite(p.Y) {
		return fmt.Errorf("[%g, %g] is not a number", p.X, p.Y)
	}
	if p.X < -PointTolerance || p.X > 1+PointTolerance || p.Y < -PointTolerance || p.Y > 1+PointTolerance {
		return fmt.Errorf("[%.4g, %.4g] is outside the image: points are fractions 0..1 of the upright image", p.X, p.Y)
	}
	return nil
}

// Validate checks that the region's numbers are finite and that it lies
// within the image and is not empty.
func (r Region) Validate() error {
	const eps = 1e-9
	if !finite(r.X) || !finite(r.Y) || !finite(r.W) || !finite(r.H) {
		return fmt.Errorf("region %g,%g,%g,%g is not made of numbers: X,Y,W,H in fractions 0..1", r.X, r.Y, r.W, r.H)
	}
	if r.W <= 0 || r.H <= 0 || r.X < -eps || r.Y < -eps || r.X+r.W > 1+eps || r.Y+r.H > 1+eps {
		return fmt.Errorf("region %g,%g,%g,%g must lie within the image: X,Y,W,H in fractions 0..1 with X+W and Y+H at most 1 and W,H positive", r.X, r.Y, r.W, r.H)
	}
	return nil
}

// Validate checks a position and a distance: latitude within ±90,
// longitude within ±180, a distance in kilometres more than 0, all finite.
func (n Near) Validate() error {
	switch {
	case !finite(n.Lat) || n.Lat < -90 || n.Lat > 90:
		return fmt.Errorf("latitude %g must be a number within ±90", n.Lat)
	case !finite(n.Lon) || n.Lon < -180 || n.Lon > 180:
		return fmt.Errorf("longitude %g must be a number within ±180", n.Lon)
	case !finite(n.Km) || n.Km <= 0:
		return fmt.Errorf("distance %g km must be a number more than 0", n.Km)
	}
	return nil
}

// Validate checks what a filter holds that can be out of range: its
// position (Near).
func (f Filter) Validate() error {
	if f.Near != nil {
		if err := f.Near.Validate(); err != nil {
			return fmt.Errorf("near: %w", err)
		}
	}
	return nil
}

// Validate checks an alignment before it is stored: a kind, as many after
// points as before points, every point on its image (see Point.Validate),
// finite coefficients (six for an affine one) and finite residuals.
func (a *Alignment) Validate() error {
	if a.Kind == "" || len(a.After) != len(a.Before) {
		return errors.New("an alignment needs a kind and as many after points as before points")
	}
	if a.Kind == "affine" && len(a.M) != 6 {
		return fmt.Errorf("an affine alignment has 6 coefficients, not %d", len(a.M))
	}
	for i := range a.After {
		if err := a.After[i].Validate(); err != nil {
			return fmt.Errorf("after point %d %w", i+1, err)
		}
		if err := a.Before[i].Validate(); err != nil {
			return fmt.Errorf("before point %d %w", i+1, err)
		}
	}
	for i, v := range a.M {
		if !finite(v) {
			return fmt.Errorf("coefficient %d (%g) is not a number", i+1, v)
		}
	}
	for i, v := range a.Residuals {
		if !finite(v) || v < 0 {
			return fmt.Errorf("the residual of point %d (%g) is not a distance", i+1, v)
		}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
