package annot

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

func pt(x, y float64) catalog.Point { return catalog.Point{X: x, Y: y} }

func pts(v ...float64) []catalog.Point {
	out := make([]catalog.Point, 0, len(v)/2)
	for i := 0; i+1 < len(v); i += 2 {
		out = append(out, pt(v[i], v[i+1]))
	}
	return out
}

func TestValidate(t *testing.T) {
	ok := func(k catalog.AnnotationKind, p []catalog.Point) catalog.Annotation {
		a := catalog.Annotation{Kind: k, Points: p, Color: "#FF0000", Width: 3}
		switch k {
		case catalog.KindCallout:
			a.Number = 1
		case catalog.KindText:
			a.Label = "Gate"
		}
		return a
	}
	with := func(a catalog.Annotation, f func(*catalog.Annotation)) catalog.Annotation { f(&a); return a }
	rect := ok(catalog.KindRect, pts(0.1, 0.1, 0.5, 0.5))
	tests := []struct {
		name    string
		a       catalog.Annotation
		wantErr string // "" when valid
	}{
		{"rect", rect, ""},
		{"ellipse", ok(catalog.KindEllipse, pts(0.9, 0.9, 0.1, 0.2)), ""},
		{"arrow", ok(catalog.KindArrow, pts(0, 0, 1, 1)), ""},
		{"polyline 2", ok(catalog.KindPolyline, pts(0, 0, 1, 1)), ""},
		{"polyline 5", ok(catalog.KindPolyline, pts(0, 0, 1, 1, 0.5, 0.5, 0.2, 0.9, 0.3, 0.3)), ""},
		{"callout", ok(catalog.KindCallout, pts(0.5, 0.5)), ""},
		{"text", ok(catalog.KindText, pts(0.5, 0.5)), ""},
		{"lowercase colour", with(rect, func(a *catalog.Annotation) { a.Color = "#a0b0c0" }), ""},
		{"width 0 means default", with(rect, func(a *catalog.Annotation) { a.Width = 0 }), ""},
		{"width max", with(rect, func(a *catalog.Annotation) { a.Width = MaxWidth }), ""},
		{"within tolerance", ok(catalog.KindRect, pts(-PointTolerance/2, 0, 1+PointTolerance/2, 1)), ""},
		{"label", with(rect, func(a *catalog.Annotation) { a.Label = "الرقة — crater" }), ""},

		{"unknown kind", with(rect, func(a *catalog.Annotation) { a.Kind = "circle" }), `unknown kind "circle"`},
		{"empty kind", with(rect, func(a *catalog.Annotation) { a.Kind = "" }), "unknown kind"},
		{"rect 1 point", ok(catalog.KindRect, pts(0.1, 0.1)), "needs 2 point(s), has 1"},
		{"rect 3 points", ok(catalog.KindRect, pts(0.1, 0.1, 0.2, 0.2, 0.3, 0.3)), "has 3"},
		{"callout 2 points", ok(catalog.KindCallout, pts(0.1, 0.1, 0.2, 0.2)), "needs 1 point(s)"},
		{"polyline 1 point", ok(catalog.KindPolyline, pts(0.1, 0.1)), "needs 2 to 10000 points"},
		{"no points", ok(catalog.KindText, nil), "has 0"},
		{"outside", ok(catalog.KindRect, pts(0.1, 0.1, 1.01, 0.5)), "outside the image"},
		{"negative", ok(catalog.KindArrow, pts(-0.001, 0.1, 0.5, 0.5)), "outside the image"},
		{"NaN", ok(catalog.KindCallout, pts(math.NaN(), 0.1)), "not a number"},
		{"Inf", ok(catalog.KindCallout, pts(0.1, math.Inf(1))), "not a number"},
		{"rect a point", ok(catalog.KindRect, pts(0.3, 0.3, 0.3, 0.3)), "two distinct corners"},
		{"arrow no length", ok(catalog.KindArrow, pts(0.3, 0.3, 0.3, 0.3)), "same place"},
		{"colour missing", with(rect, func(a *catalog.Annotation) { a.Color = "" }), "#RRGGBB"},
		{"colour short", with(rect, func(a *catalog.Annotation) { a.Color = "#FFF" }), "#RRGGBB"},
		{"colour name", with(rect, func(a *catalog.Annotation) { a.Color = "red" }), "#RRGGBB"},
		{"colour bad hex", with(rect, func(a *catalog.Annotation) { a.Color = "#GG0000" }), "#RRGGBB"},
		{"width negative", with(rect, func(a *catalog.Annotation) { a.Width = -1 }), "width"},
		{"width huge", with(rect, func(a *catalog.Annotation) { a.Width = MaxWidth + 1 }), "width"},
		{"width NaN", with(rect, func(a *catalog.Annotation) { a.Width = math.NaN() }), "width"},
		{"callout number 0", with(ok(catalog.KindCallout, pts(0.5, 0.5)), func(a *catalog.Annotation) { a.Number = 0 }), "number of 1 or more"},
		{"rect with number", with(rect, func(a *catalog.Annotation) { a.Number = 2 }), "only callouts"},
		{"text without label", with(ok(catalog.KindText, pts(0.5, 0.5)), func(a *catalog.Annotation) { a.Label = " \n" }), "needs a label"},
		{"label too long", with(rect, func(a *catalog.Annotation) { a.Label = strings.Repeat("é", MaxLabelRunes+1) }), "at most"},
		{"label bad utf8", with(rect, func(a *catalog.Annotation) { a.Label = "a\xffb" }), "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.a)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Validate: %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate: nil, want error containing %q", tt.wantErr)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestParseFormatColor(t *testing.T) {
	for _, s := range []string{"#000000", "#FFFFFF", "#12AB9F", "#7F3300"} {
		c, err := ParseColor(s)
		if err != nil {
			t.Fatalf("ParseColor(%q): %v", s, err)
		}
		if c.A != 0xff {
			t.Errorf("ParseColor(%q) alpha = %d", s, c.A)
		}
		if got := FormatColor(c); got != s {
			t.Errorf("FormatColor(ParseColor(%q)) = %q", s, got)
		}
	}
	c, _ := ParseColor("#0a80fF")
	if c.R != 0x0a || c.G != 0x80 || c.B != 0xff {
		t.Errorf("ParseColor(#0a80fF) = %v", c)
	}
}

func TestBBoxClamp(t *testing.T) {
	a := catalog.Annotation{Kind: catalog.KindPolyline, Points: pts(0.5, 0.2, 0.1, 0.9, 0.7, 0.4)}
	lo, hi := BBox(a)
	if lo != pt(0.1, 0.2) || hi != pt(0.7, 0.9) {
		t.Errorf("BBox = %v %v", lo, hi)
	}
	b := catalog.Annotation{Kind: catalog.KindArrow, Points: pts(-0.2, 0.5, 1.5, math.NaN())}
	c := Clamp(b)
	if c.Points[0] != pt(0, 0.5) || c.Points[1] != pt(1, 0) {
		t.Errorf("Clamp = %v", c.Points)
	}
	if b.Points[0].X != -0.2 {
		t.Error("Clamp modified its argument")
	}
}

func TestHandles(t *testing.T) {
	r := catalog.Annotation{Kind: catalog.KindRect, Points: pts(0.2, 0.3, 0.6, 0.8)}
	h := Handles(r)
	want := pts(0.2, 0.3, 0.6, 0.3, 0.6, 0.8, 0.2, 0.8)
	if len(h) != 4 {
		t.Fatalf("rect has %d handles, want 4", len(h))
	}
	for i := range want {
		if h[i] != want[i] {
			t.Errorf("rect handle %d = %v, want %v", i, h[i], want[i])
		}
	}
	// Moving each corner moves exactly that corner; the opposite stays.
	for i := range 4 {
		moved := MoveHandle(r, i, pt(0.05, 0.95))
		hm := Handles(moved)
		if hm[i] != pt(0.05, 0.95) {
			t.Errorf("corner %d: moved to %v", i, hm[i])
		}
		if opp := (i + 2) % 4; hm[opp] != h[opp] {
			t.Errorf("corner %d: opposite corner moved from %v to %v", i, h[opp], hm[opp])
		}
	}
	if r.Points[0] != pt(0.2, 0.3) || r.Points[1] != pt(0.6, 0.8) {
		t.Error("MoveHandle modified its argument")
	}
	// Clamped onto the image.
	if got := MoveHandle(r, 2, pt(1.4, -3)).Points[1]; got != pt(1, 0) {
		t.Errorf("MoveHandle off the image: %v", got)
	}
	// Out of range: unchanged.
	if got := MoveHandle(r, 4, pt(0, 0)); got.Points[0] != r.Points[0] || got.Points[1] != r.Points[1] {
		t.Errorf("MoveHandle(4) changed the rect: %v", got.Points)
	}
	pl := catalog.Annotation{Kind: catalog.KindPolyline, Points: pts(0.1, 0.1, 0.2, 0.2, 0.3, 0.1)}
	if n := len(Handles(pl)); n != 3 {
		t.Errorf("polyline has %d handles, want 3", n)
	}
	if got := MoveHandle(pl, 1, pt(0.5, 0.6)).Points; got[1] != pt(0.5, 0.6) || got[0] != pl.Points[0] || got[2] != pl.Points[2] {
		t.Errorf("MoveHandle polyline = %v", got)
	}
	co := catalog.Annotation{Kind: catalog.KindCallout, Points: pts(0.4, 0.4), Number: 2}
	if h := Handles(co); len(h) != 1 || h[0] != pt(0.4, 0.4) {
		t.Errorf("callout handles = %v", h)
	}
	hs := Handles(pl)
	hs[0] = pt(0.9, 0.9)
	if pl.Points[0] != pt(0.1, 0.1) {
		t.Error("Handles aliases the annotation's points")
	}
}

func TestTranslate(t *testing.T) {
	a := catalog.Annotation{Kind: catalog.KindRect, Points: pts(0.2, 0.3, 0.6, 0.8)}
	tests := []struct {
		dx, dy float64
		want   []catalog.Point
	}{
		{0.1, -0.1, pts(0.3, 0.2, 0.7, 0.7)},
		{0.9, 0, pts(0.6, 0.3, 1, 0.8)},  // stopped at the right edge, shape kept
		{-0.5, 0.5, pts(0, 0.5, 0.4, 1)}, // stopped at both edges
		{math.NaN(), 0, pts(0.2, 0.3, 0.6, 0.8)},
	}
	for _, tt := range tests {
		got := Translate(a, tt.dx, tt.dy)
		for i := range tt.want {
			if dist(got.Points[i], tt.want[i]) > 1e-12 {
				t.Errorf("Translate(%g,%g) = %v, want %v", tt.dx, tt.dy, got.Points, tt.want)
				break
			}
		}
	}
	if a.Points[0] != pt(0.2, 0.3) {
		t.Error("Translate modified its argument")
	}
}

func TestNextNumberRenumber(t *testing.T) {
	call := func(id int64, n int) catalog.Annotation {
		return catalog.Annotation{ID: id, Kind: catalog.KindCallout, Points: pts(0.5, 0.5), Number: n}
	}
	rect := catalog.Annotation{ID: 9, Kind: catalog.KindRect, Points: pts(0, 0, 1, 1)}
	if n := NextNumber(nil); n != 1 {
		t.Errorf("NextNumber(none) = %d, want 1", n)
	}
	// After deleting callout 3 of 1..5, the next is 6: 3 is never reused.
	anns := []catalog.Annotation{call(1, 1), call(2, 2), rect, call(4, 4), call(5, 5)}
	if n := NextNumber(anns); n != 6 {
		t.Errorf("NextNumber with a gap = %d, want 6", n)
	}
	// Renumber, on request only, closes the gap in the order of the numbers.
	shuffled := []catalog.Annotation{call(5, 5), rect, call(1, 1), call(4, 4), call(2, 2)}
	out, changes := Renumber(shuffled)
	wantNum := []int{4, 0, 1, 3, 2}
	for i, w := range wantNum {
		if out[i].Number != w {
			t.Errorf("Renumber: annotation %d (id %d) numbered %d, want %d", i, out[i].ID, out[i].Number, w)
		}
	}
	if len(changes) != 2 {
		t.Fatalf("Renumber changes = %+v, want 2 (5→4 and 4→3)", changes)
	}
	for _, c := range changes {
		if out[c.Index].ID != c.ID || out[c.Index].Number != c.New || shuffled[c.Index].Number != c.Old {
			t.Errorf("change %+v does not match", c)
		}
	}
	if shuffled[0].Number != 5 {
		t.Error("Renumber modified its argument")
	}
	// Already in order: no change.
	if _, ch := Renumber([]catalog.Annotation{call(1, 1), call(2, 2)}); len(ch) != 0 {
		t.Errorf("Renumber of 1,2 changed %+v", ch)
	}
}
