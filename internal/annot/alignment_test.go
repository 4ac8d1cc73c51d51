package annot

import (
	"math"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

func TestFitAlignmentRoundTrip(t *testing.T) {
	want := Transform{Kind: "affine", M: [6]float64{0.98, 0.05, 0.02, -0.04, 1.01, -0.03}}
	after := []catalog.Point{{X: 0.1, Y: 0.1}, {X: 0.9, Y: 0.15}, {X: 0.5, Y: 0.9}, {X: 0.2, Y: 0.7}}
	var before []catalog.Point
	for _, p := range after {
		before = append(before, want.Apply(p))
	}
	before[3].X += 0.002 // one point 4 px off on a 2000 px image
	a, err := FitAlignment(after, before, 2000, 1500)
	if err != nil {
		t.Fatal(err)
	}
	if a.Kind != "affine" || len(a.M) != 6 || len(a.Residuals) != 4 {
		t.Fatalf("alignment = %+v", a)
	}
	worst := 0
	for i, r := range a.Residuals {
		if r > a.Residuals[worst] {
			worst = i
		}
	}
	if worst != 3 || a.Residuals[3] < 1 || a.Residuals[3] > 4 {
		t.Errorf("residuals %v: the displaced point should stand out, by a few pixels", a.Residuals)
	}
	got, err := TransformOf(a)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 6 {
		if math.Abs(got.M[i]-want.M[i]) > 0.01 {
			t.Errorf("M[%d] = %g, want about %g", i, got.M[i], want.M[i])
		}
	}
	if _, err := TransformOf(&catalog.Alignment{Kind: "homography", M: make([]float64, 9)}); err == nil {
		t.Error("an unknown kind was accepted")
	}
	if _, err := FitAlignment(after[:2], before[:2], 2000, 1500); err == nil {
		t.Error("two points fitted")
	}
}
