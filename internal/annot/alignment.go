package annot

import (
	"fmt"

	"github.com/exhibit-app/exhibit/catalog"
)

// FitAlignment fits an affine alignment of a pair from corresponding points
// (after[i] shows the same place as before[i], in fractions of each upright
// image) and returns it ready to store, with each point's residual in
// pixels of the before image (beforeW × beforeH, upright).
func FitAlignment(after, before []catalog.Point, beforeW, beforeH int) (*catalog.Alignment, error) {
	t, _, err := FitAffine(after, before)
	if err != nil {
		return nil, err
	}
	if beforeW <= 0 || beforeH <= 0 {
		return nil, fmt.Errorf("fit alignment: the before image's size %d×%d is unknown", beforeW, beforeH)
	}
	return &catalog.Alignment{
		Kind:      t.Kind,
		M:         t.M[:],
		After:     append([]catalog.Point(nil), after...),
		Before:    append([]catalog.Point(nil), before...),
		Residuals: Residuals(t, after, before, float64(beforeW), float64(beforeH)),
	}, nil
}

// TransformOf returns the transform of a stored alignment. Only affine
// alignments are known here; others are refused.
func TransformOf(a *catalog.Alignment) (Transform, error) {
	if a == nil {
		return Identity(), nil
	}
	if a.Kind != KindAffine || len(a.M) != 6 {
		return Transform{}, fmt.Errorf("alignment of kind %q with %d coefficients is not supported by this version", a.Kind, len(a.M))
	}
	var t Transform
	t.Kind = a.Kind
	copy(t.M[:], a.M)
	return t, t.Validate()
}
