package annot

import (
	"errors"
	"fmt"
	"math"

	"github.com/exhibit-app/exhibit/catalog"
)

// Transform kinds. Only "affine" is implemented; the field leaves room for
// a homography or a geographic registration later.
const (
	KindAffine = "affine"
)

// Transform aligns an "after" image onto a "before" image: it maps a point
// of the after image, in fractions of its upright image, to the same place
// in the before image, in fractions of the before's upright image. It is
// meant to be stored as JSON ({"kind":"affine","m":[a,b,c,d,e,f]}).
//
// For the affine kind, M = [a b c d e f] maps (x, y) to
// (a·x + b·y + c, d·x + e·y + f). The zero Transform (no Kind) is treated as
// affine, so a zero M is a (degenerate) affine map; use Identity.
type Transform struct {
	Kind string     `json:"kind"`
	M    [6]float64 `json:"m"`
}

// ErrDegenerate is wrapped by the errors of FitAffine and Invert when the
// points or the transform cannot define an alignment.
var ErrDegenerate = errors.New("degenerate alignment")

// degenerate is an error that says in its own words why an alignment
// cannot be made, and is ErrDegenerate for errors.Is.
type degenerate string

func (d degenerate) Error() string        { return string(d) }
func (d degenerate) Is(target error) bool { return target == ErrDegenerate }

// Identity returns the affine transform that leaves every point in place.
func Identity() Transform { return Transform{Kind: KindAffine, M: [6]float64{1, 0, 0, 0, 1, 0}} }

// Validate reports whether t is a transform this package can apply: of a
// known kind, with finite coefficients and invertible.
func (t Transform) Validate() error {
	if t.Kind != KindAffine && t.Kind != "" {
		return fmt.Errorf("alignment kind %q is not supported", t.Kind)
	}
	for _, v := range t.M {
		if !finite(v) {
			return degenerate("the alignment has a coefficient that is not a number")
		}
	}
	if _, err := t.Invert(); err != nil {
		return err
	}
	return nil
}

// Apply maps p, in fractions of the after image, into the before image.
func (t Transform) Apply(p catalog.Point) catalog.Point {
	m := &t.M
	return catalog.Point{X: m[0]*p.X + m[1]*p.Y + m[2], Y: m[3]*p.X + m[4]*p.Y + m[5]}
}

// det returns the determinant of the linear part.
func (t Transform) det() float64 { return t.M[0]*t.M[4] - t.M[1]*t.M[3] }

// Invert returns the transform mapping the before image back into the
// after image. It fails when t collapses the plane (or nearly so).
func (t Transform) Invert() (Transform, error) {
	m := t.M
	d := t.det()
	scale := math.Max(math.Abs(m[0])+math.Abs(m[1]), math.Abs(m[3])+math.Abs(m[4]))
	if !finite(d) || scale == 0 || math.Abs(d) < 1e-12*scale*scale {
		return Transform{}, degenerate("the alignment collapses the image (it cannot be inverted)")
	}
	// inverse([[a b][d e]]) = [[e -b][-d a]] / det; the translation
	// follows as -inverse·(c, f).
	ia, ib, id, ie := m[4]/d, -m[1]/d, -m[3]/d, m[0]/d
	return Transform{Kind: KindAffine, M: [6]float64{
		ia, ib, -(ia*m[2] + ib*m[5]),
		id, ie, -(id*m[2] + ie*m[5]),
	}}, nil
}

// FitAffine finds, by least squares, the affine transform that best maps
// the after points onto the before points (pairs of the same feature, in
// fractions of each upright image). It returns the transform and, for each
// pair, the distance left between the mapped after point and its before
// point, in fractions of the before image (use Residuals for pixels).
//
// It needs at least 3 pairs that are not all on one line, in each image;
// otherwise, or with mismatched or non-finite input, it returns an error
// wrapping ErrDegenerate or explaining the input.
//
// Least squares is solved on coordinates centred on their means, which
// keeps it exact to rounding for noise-free points. Fitting in fractions
// gives the same transform as fitting in pixels: each output coordinate is
// fitted separately and scaling the axes only reparametrises the fit.
func FitAffine(after, before []catalog.Point) (Transform, []float64, error) {
	n := len(after)
	if n != len(before) {
		return Transform{}, nil, fmt.Errorf("fit alignment: %d after points for %d before points", n, len(before))
	}
	if n < 3 {
		return Transform{}, nil, fmt.Errorf("fit alignment: %w", degenerate(fmt.Sprintf("%d point pair(s); at least 3 are needed", n)))
	}
	for i := range n {
		if !finite(after[i].X) || !finite(after[i].Y) || !finite(before[i].X) || !finite(before[i].Y) {
			return Transform{}, nil, fmt.Errorf("fit alignment: point pair %d is not a number", i+1)
		}
	}
	ma, mb := mean(after), mean(before)
	// Sums of the centred products.
	var sxx, sxy, syy, uxx, uxy, uyx, uyy float64
	for i := range n {
		x, y := after[i].X-ma.X, after[i].Y-ma.Y
		u, v := before[i].X-mb.X, before[i].Y-mb.Y
		sxx += x * x
		sxy += x * y
		syy += y * y
		uxx += u * x
		uxy += u * y
		uyx += v * x
		uyy += v * y
	}
	if err := checkSpread(sxx, sxy, syy, n); err != nil {
		return Transform{}, nil, fmt.Errorf("fit alignment: the points on the after image are %w", err)
	}
	bxx, bxy, byy := 0.0, 0.0, 0.0
	for i := range n {
		u, v := before[i].X-mb.X, before[i].Y-mb.Y
		bxx += u * u
		bxy += u * v
		byy += v * v
	}
	if err := checkSpread(bxx, bxy, byy, n); err != nil {
		return Transform{}, nil, fmt.Errorf("fit alignment: the points on the before image are %w", err)
	}
	// A = [[uxx uxy][uyx uyy]] · inverse([[sxx sxy][sxy syy]]).
	d := sxx*syy - sxy*sxy
	ia, ib, id := syy/d, -sxy/d, sxx/d
	a := uxx*ia + uxy*ib
	b := uxx*ib + uxy*id
	c := uyx*ia + uyy*ib
	e := uyx*ib + uyy*id
	t := Transform{Kind: KindAffine, M: [6]float64{
		a, b, mb.X - a*ma.X - b*ma.Y,
		c, e, mb.Y - c*ma.X - e*ma.Y,
	}}
	if _, err := t.Invert(); err != nil {
		return Transform{}, nil, fmt.Errorf("fit alignment: %w", err)
	}
	return t, Residuals(t, after, before, 1, 1), nil
}

// checkSpread fails when points whose centred second moments are given
// lie (nearly) on one line or on one point.
func checkSpread(sxx, sxy, syy float64, n int) error {
	// Eigenvalues of the 2×2 scatter matrix.
	tr, det := sxx+syy, sxx*syy-sxy*sxy
	disc := math.Sqrt(math.Max(0, tr*tr/4-det))
	hi, lo := tr/2+disc, tr/2-disc
	switch {
	case math.Sqrt(hi/float64(n)) < 1e-9:
		return degenerate("all at the same place; pick points spread across the image")
	case lo <= 0 || math.Sqrt(lo/hi) < 1e-4:
		return degenerate("(nearly) on one line; pick points spread across the image")
	}
	return nil
}

func mean(ps []catalog.Point) catalog.Point {
	var m catalog.Point
	for _, p := range ps {
		m.X += p.X
		m.Y += p.Y
	}
	k := 1 / float64(len(ps))
	return catalog.Point{X: m.X * k, Y: m.Y * k}
}

// Residuals returns, for each pair, the distance between t.Apply(after[i])
// and before[i] in pixels of the before image shown at w×h (its upright
// size for pixels of the original; w = h = 1 gives fractions). Pairs
// missing from the shorter slice are not reported.
func Residuals(t Transform, after, before []catalog.Point, w, h float64) []float64 {
	n := min(len(after), len(before))
	out := make([]float64, n)
	for i := range n {
		q := t.Apply(after[i])
		out[i] = math.Hypot((q.X-before[i].X)*w, (q.Y-before[i].Y)*h)
	}
	return out
}

// RMS returns the root mean square of residuals (0 for none).
func RMS(res []float64) float64 {
	if len(res) == 0 {
		return 0
	}
	s := 0.0
	for _, r := range res {
		s += r * r
	}
	return math.Sqrt(s / float64(len(res)))
}
