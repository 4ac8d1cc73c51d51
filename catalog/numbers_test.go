package catalog

import (
	"context"
	"math"
	"strings"
	"testing"
)

var (
	nan  = math.NaN()
	inf  = math.Inf(1)
	ninf = math.Inf(-1)
)

// TestNumbersValidate: every number that is not finite or out of its range
// is refused with a message saying what, and good ones pass.
func TestNumbersValidate(t *testing.T) {
	good := &Alignment{Kind: "affine", M: []float64{1, 0, 0, 0, 1, 0},
		After: []Point{{0.1, 0.1}, {0.9, 0.1}, {0.5, 0.9}}, Before: []Point{{0.1, 0.1}, {0.9, 0.1}, {0.5, 0.9}}, Residuals: []float64{0, 0, 0}}
	align := func(change func(a *Alignment)) error {
		a := *good
		a.M = append([]float64(nil), good.M...)
		a.After = append([]Point(nil), good.After...)
		a.Residuals = append([]float64(nil), good.Residuals...)
		change(&a)
		return a.Validate()
	}
	tests := []struct {
		name string
		err  error
		want string // "" when valid
	}{
		{"point", Point{0.5, 1}.Validate(), ""},
		{"point NaN", Point{nan, 0.5}.Validate(), "not a number"},
		{"point Inf", Point{0.5, inf}.Validate(), "not a number"},
		{"point -Inf", Point{ninf, 0.5}.Validate(), "not a number"},
		{"point 1.5", Point{1.5, 0.5}.Validate(), "outside the image"},
		{"point -0.1", Point{0.5, -0.1}.Validate(), "outside the image"},

		{"region", Region{0.1, 0.2, 0.3, 0.4}.Validate(), ""},
		{"region NaN", Region{nan, 0.2, 0.3, 0.4}.Validate(), "not made of numbers"},
		{"region W NaN", Region{0.1, 0.2, nan, 0.4}.Validate(), "not made of numbers"},
		{"region Inf", Region{0.1, 0.2, 0.3, inf}.Validate(), "not made of numbers"},
		{"region -Inf", Region{ninf, 0.2, 0.3, 0.4}.Validate(), "not made of numbers"},
		{"region W 0", Region{0.1, 0.2, 0, 0.4}.Validate(), "must lie within the image"},
		{"region H negative", Region{0.1, 0.2, 0.3, -0.4}.Validate(), "must lie within the image"},
		{"region X negative", Region{-0.1, 0.2, 0.3, 0.4}.Validate(), "must lie within the image"},
		{"region past the edge", Region{0.8, 0.2, 0.3, 0.4}.Validate(), "must lie within the image"},

		{"near", Near{35.95, 39.01, 2}.Validate(), ""},
		{"near the pole and the antimeridian", Near{-90, 180, 0.5}.Validate(), ""},
		{"near lat NaN", Near{nan, 39, 2}.Validate(), "latitude"},
		{"near lat Inf", Near{inf, 39, 2}.Validate(), "latitude"},
		{"near lat 91", Near{91, 39, 2}.Validate(), "latitude 91"},
		{"near lat -90.5", Near{-90.5, 39, 2}.Validate(), "latitude"},
		{"near lon 181", Near{35, 181, 2}.Validate(), "longitude 181"},
		{"near lon -Inf", Near{35, ninf, 2}.Validate(), "longitude"},
		{"near lon NaN", Near{35, nan, 2}.Validate(), "longitude"},
		{"near km negative", Near{35, 39, -1}.Validate(), "distance -1"},
		{"near km 0", Near{35, 39, 0}.Validate(), "distance 0"},
		{"near km Inf", Near{35, 39, inf}.Validate(), "distance"},
		{"near km NaN", Near{35, 39, nan}.Validate(), "distance"},
		{"filter near", Filter{Near: &Near{35, 39, nan}}.Validate(), "near: distance"},
		{"filter", Filter{}.Validate(), ""},

		{"alignment", good.Validate(), ""},
		{"alignment after NaN", align(func(a *Alignment) { a.After[1].X = nan }), "after point 2"},
		{"alignment before Inf", align(func(a *Alignment) { a.Before = []Point{{0.1, 0.1}, {0.9, inf}, {0.5, 0.9}} }), "before point 2"},
		{"alignment point outside", align(func(a *Alignment) { a.After[0].Y = 3 }), "outside the image"},
		{"alignment coefficient NaN", align(func(a *Alignment) { a.M[2] = nan }), "coefficient 3"},
		{"alignment coefficient -Inf", align(func(a *Alignment) { a.M[0] = ninf }), "coefficient 1"},
		{"alignment 5 coefficients", align(func(a *Alignment) { a.M = a.M[:5] }), "6 coefficients"},
		{"alignment residual Inf", align(func(a *Alignment) { a.Residuals[0] = inf }), "residual of point 1"},
		{"alignment residual negative", align(func(a *Alignment) { a.Residuals[2] = -1 }), "residual of point 3"},
		{"alignment points mismatched", align(func(a *Alignment) { a.After = a.After[:2] }), "as many after points"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			switch {
			case tt.want == "" && tt.err != nil:
				t.Errorf("refused: %v", tt.err)
			case tt.want != "" && (tt.err == nil || !strings.Contains(tt.err.Error(), tt.want)):
				t.Errorf("error %v, want one saying %q", tt.err, tt.want)
			}
		})
	}
}

// TestBadNumbersWriteNothing: links, annotations and alignments with a
// number that is not finite or out of range are refused by the case, and
// the audit trail is as it was; a filter with a bad position is refused.
func TestBadNumbersWriteNothing(t *testing.T) {
	c, ids := caseWithImages(t, "DSCN0010.jpg", "DSCN0012.jpg")
	ctx := context.Background()
	rep, err := c.AddReport(ctx, writeReport(t, t.TempDir(), "r.md", reportV1), ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := c.Excerpts(ctx, rep.Report.ID, false)
	if err != nil || len(ex) == 0 {
		t.Fatalf("excerpts: %v", err)
	}
	pair, err := c.AddPair(ctx, ids[0], ids[1], PairOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rect := func(x0, y0, x1, y1, width float64) Annotation {
		return Annotation{ImageID: ids[0], Kind: KindRect, Points: []Point{{x0, y0}, {x1, y1}}, Width: width}
	}
	alignment := func(x float64, m0 float64) *Alignment {
		return &Alignment{Kind: "affine", M: []float64{m0, 0, 0, 0, 1, 0},
			After: []Point{{x, 0.1}, {0.9, 0.1}, {0.5, 0.9}}, Before: []Point{{0.1, 0.1}, {0.9, 0.1}, {0.5, 0.9}}}
	}
	link := func(r Region) error { _, err := c.AddLink(ctx, ids[0], ex[0].ID, "", &r); return err }
	annotate := func(a Annotation) error { _, err := c.AddAnnotations(ctx, []Annotation{a}); return err }
	tests := []struct {
		name string
		do   func() error
		want string
	}{
		{"link region NaN", func() error { return link(Region{nan, 0.1, 0.2, 0.2}) }, "not made of numbers"},
		{"link region Inf", func() error { return link(Region{0.1, 0.1, inf, 0.2}) }, "not made of numbers"},
		{"link region W 0", func() error { return link(Region{0.1, 0.1, 0, 0.2}) }, "within the image"},
		{"link region outside", func() error { return link(Region{0.9, 0.1, 0.2, 0.2}) }, "within the image"},
		{"annotation NaN", func() error { return annotate(rect(nan, 0.1, 0.5, 0.5, 3)) }, "not a number"},
		{"annotation Inf", func() error { return annotate(rect(0.1, inf, 0.5, 0.5, 3)) }, "not a number"},
		{"annotation -Inf", func() error { return annotate(rect(0.1, 0.1, ninf, 0.5, 3)) }, "not a number"},
		{"annotation outside", func() error { return annotate(rect(0.1, 0.1, 1.5, 0.5, 3)) }, "outside the image"},
		{"annotation width NaN", func() error { return annotate(rect(0.1, 0.1, 0.5, 0.5, nan)) }, "width"},
		{"annotation width Inf", func() error { return annotate(rect(0.1, 0.1, 0.5, 0.5, inf)) }, "width"},
		{"annotation width negative", func() error { return annotate(rect(0.1, 0.1, 0.5, 0.5, -2)) }, "width"},
		{"alignment NaN", func() error { return c.SetAlignment(ctx, pair.ID, alignment(nan, 1)) }, "not a number"},
		{"alignment outside", func() error { return c.SetAlignment(ctx, pair.ID, alignment(-2, 1)) }, "outside the image"},
		{"alignment coefficient Inf", func() error { return c.SetAlignment(ctx, pair.ID, alignment(0.1, inf)) }, "coefficient 1"},
		{"images near NaN", func() error { _, err := c.Images(ctx, Filter{Near: &Near{nan, 39, 2}}); return err }, "latitude"},
		{"images near lat 91", func() error { _, err := c.Images(ctx, Filter{Near: &Near{91, 39, 2}}); return err }, "latitude"},
		{"images near km -1", func() error { _, err := c.Images(ctx, Filter{Near: &Near{35, 39, -1}}); return err }, "distance"},
		{"csv near lon 181", func() error {
			_, err := c.WriteCSV(ctx, &strings.Builder{}, Filter{Near: &Near{35, 181, 2}})
			return err
		}, "longitude"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, err := c.Audit(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.do(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
			if after, _ := c.Audit(ctx, ""); len(after) != len(before) {
				t.Errorf("%d audit entries, %d before", len(after), len(before))
			}
		})
	}
	if p, _ := c.Pair(ctx, pair.ID); p.Alignment != nil {
		t.Errorf("alignment stored: %+v", p.Alignment)
	}
	if anns, _ := c.Annotations(ctx, AnnotationScope{ImageID: ids[0]}); len(anns) != 0 {
		t.Errorf("%d annotations stored", len(anns))
	}
}
