package annot

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// knownTransform is a rotation by 7°, scales 1.08 and 0.93, a shear of 0.05
// and a translation, as between two photos taken from nearby spots.
func knownTransform() Transform {
	th := 7 * math.Pi / 180
	c, s := math.Cos(th), math.Sin(th)
	sx, sy, sh := 1.08, 0.93, 0.05
	// [c -s; s c] · [sx sh; 0 sy]
	return Transform{Kind: KindAffine, M: [6]float64{
		c * sx, c*sh - s*sy, 0.04,
		s * sx, s*sh + c*sy, -0.03,
	}}
}

func TestFitAffineExact(t *testing.T) {
	want := knownTransform()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{3, 4, 10, 50} {
		after := make([]catalog.Point, n)
		before := make([]catalog.Point, n)
		for i := range n {
			after[i] = pt(0.05+0.9*rng.Float64(), 0.05+0.9*rng.Float64())
			before[i] = want.Apply(after[i])
		}
		got, res, err := FitAffine(after, before)
		if err != nil {
			t.Fatalf("n=%d: FitAffine: %v", n, err)
		}
		for i := range got.M {
			if math.Abs(got.M[i]-want.M[i]) > 1e-12 {
				t.Errorf("n=%d: M[%d] = %.15g, want %.15g", n, i, got.M[i], want.M[i])
			}
		}
		if len(res) != n {
			t.Fatalf("n=%d: %d residuals", n, len(res))
		}
		for i, r := range res {
			if r > 1e-12 {
				t.Errorf("n=%d: residual %d = %g on exact points", n, i, r)
			}
		}
		if got.Kind != KindAffine {
			t.Errorf("kind %q", got.Kind)
		}
	}
}

func TestFitAffineNoisy(t *testing.T) {
	const (
		w, h  = 4000.0, 3000.0 // before image, pixels
		sigma = 1.5            // noise per coordinate, pixels
		n     = 40
	)
	want := knownTransform()
	rng := rand.New(rand.NewPCG(5, 6))
	after := make([]catalog.Point, n)
	before := make([]catalog.Point, n)
	for i := range n {
		after[i] = pt(0.05+0.9*rng.Float64(), 0.05+0.9*rng.Float64())
		q := want.Apply(after[i])
		before[i] = pt(q.X+rng.NormFloat64()*sigma/w, q.Y+rng.NormFloat64()*sigma/h)
	}
	got, resFrac, err := FitAffine(after, before)
	if err != nil {
		t.Fatalf("FitAffine: %v", err)
	}
	// The fitted transform moves points by less than a few sigmas.
	for _, p := range []catalog.Point{pt(0, 0), pt(1, 0), pt(0, 1), pt(1, 1), pt(0.5, 0.5)} {
		a, b := got.Apply(p), want.Apply(p)
		if d := math.Hypot((a.X-b.X)*w, (a.Y-b.Y)*h); d > 3*sigma {
			t.Errorf("at %v the fit is %.2f px from the true transform", p, d)
		}
	}
	res := Residuals(got, after, before, w, h)
	if len(res) != n || len(resFrac) != n {
		t.Fatalf("%d and %d residuals, want %d", len(res), len(resFrac), n)
	}
	// The residual RMS of a 6-parameter fit of 2n coordinates with noise
	// sigma is sigma·sqrt(2(n-3)/n).
	expect := sigma * math.Sqrt(2*float64(n-3)/n)
	rms := RMS(res)
	t.Logf("residual RMS %.3f px (expected %.3f px)", rms, expect)
	if math.Abs(rms-expect) > 0.25*expect {
		t.Errorf("residual RMS %.3f px, expected about %.3f px for noise %.1f px", rms, expect, sigma)
	}
	// FitAffine's own residuals are the same distances in fractions.
	for i := range res {
		if math.Abs(Residuals(got, after[i:i+1], before[i:i+1], 1, 1)[0]-resFrac[i]) > 1e-15 {
			t.Fatalf("residual %d: FitAffine says %g", i, resFrac[i])
		}
	}
	// An outlier stands out in the residuals.
	before[7] = pt(before[7].X+50/w, before[7].Y)
	got, _, err = FitAffine(after, before)
	if err != nil {
		t.Fatal(err)
	}
	res = Residuals(got, after, before, w, h)
	worst := 0
	for i := range res {
		if res[i] > res[worst] {
			worst = i
		}
	}
	if worst != 7 {
		t.Errorf("the worst residual is pair %d (%.1f px), not the outlier 7 (%.1f px)", worst, res[worst], res[7])
	}
}

func TestFitAffineDegenerate(t *testing.T) {
	good := pts(0.1, 0.1, 0.9, 0.2, 0.4, 0.8)
	tests := []struct {
		name          string
		after, before []catalog.Point
		want          string
		degenerate    bool
	}{
		{"no points", nil, nil, "at least 3", true},
		{"two points", pts(0.1, 0.1, 0.5, 0.5), pts(0.1, 0.1, 0.5, 0.5), "at least 3", true},
		{"mismatched", good, good[:2], "2 before points", false},
		{"collinear after", pts(0.1, 0.1, 0.5, 0.5, 0.9, 0.9, 0.3, 0.3), pts(0.1, 0.1, 0.9, 0.2, 0.4, 0.8, 0.5, 0.5), "one line", true},
		{"nearly collinear after", pts(0.1, 0.1, 0.5, 0.5+1e-7, 0.9, 0.9), good, "one line", true},
		{"coincident after", pts(0.3, 0.3, 0.3, 0.3, 0.3, 0.3), good, "same place", true},
		{"collinear before", good, pts(0.1, 0.5, 0.5, 0.5, 0.9, 0.5), "points on the before image are (nearly) on one line", true},
		{"NaN", pts(0.1, 0.1, math.NaN(), 0.2, 0.4, 0.8), good, "not a number", false},
	}
	for _, tt := range tests {
		_, _, err := FitAffine(tt.after, tt.before)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q does not say %q", tt.name, err, tt.want)
		}
		if errors.Is(err, ErrDegenerate) != tt.degenerate {
			t.Errorf("%s: errors.Is(ErrDegenerate) = %v", tt.name, !tt.degenerate)
		}
	}
}

func TestTransformInvertJSON(t *testing.T) {
	tr := knownTransform()
	inv, err := tr.Invert()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 100 {
		p := pt(rng.Float64(), rng.Float64())
		if q := inv.Apply(tr.Apply(p)); dist(p, q) > 1e-12 {
			t.Fatalf("Invert∘Apply(%v) = %v", p, q)
		}
		if q := Identity().Apply(p); q != p {
			t.Fatalf("Identity moved %v to %v", p, q)
		}
	}
	if _, err := (Transform{Kind: KindAffine, M: [6]float64{1, 2, 0, 2, 4, 0}}).Invert(); !errors.Is(err, ErrDegenerate) {
		t.Errorf("Invert of a singular transform: %v", err)
	}
	if err := (Transform{}).Validate(); err == nil {
		t.Error("the zero Transform validates")
	}
	if err := (Transform{Kind: "homography", M: Identity().M}).Validate(); err == nil || !strings.Contains(err.Error(), "not supported") {
		t.Errorf("Validate(homography) = %v", err)
	}
	if err := Identity().Validate(); err != nil {
		t.Errorf("Validate(Identity) = %v", err)
	}

	b, err := json.Marshal(tr)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), `{"kind":"affine","m":[`) {
		t.Errorf("JSON = %s", b)
	}
	var back Transform
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back != tr {
		t.Errorf("JSON round trip: %+v, want %+v", back, tr)
	}
}
