package annot

import (
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

func TestHitAt(t *testing.T) {
	// A 1000×1000 frame: one 1000-px unit is one pixel, 0.001 is 1 px.
	ann := func(k catalog.AnnotationKind, p []catalog.Point, label string) catalog.Annotation {
		a := catalog.Annotation{Kind: k, Points: p, Color: "#FF0000", Width: 3, Label: label}
		if k == catalog.KindCallout {
			a.Number = 1
		}
		return a
	}
	rect := ann(catalog.KindRect, pts(0.2, 0.2, 0.6, 0.6), "")
	ell := ann(catalog.KindEllipse, pts(0.3, 0.4, 0.7, 0.6), "")
	arrow := ann(catalog.KindArrow, pts(0.1, 0.5, 0.5, 0.5), "")
	poly := ann(catalog.KindPolyline, pts(0.1, 0.1, 0.5, 0.1, 0.5, 0.5), "")
	call := ann(catalog.KindCallout, pts(0.5, 0.5), "")
	callLabel := ann(catalog.KindCallout, pts(0.5, 0.5), "Window")
	text := ann(catalog.KindText, pts(0.3, 0.3), "Gate")
	rectLabel := ann(catalog.KindRect, pts(0.2, 0.2, 0.6, 0.6), "Crater")

	tests := []struct {
		name string
		a    catalog.Annotation
		p    catalog.Point
		tol  float64
		want bool
	}{
		{"rect edge", rect, pt(0.2, 0.4), 5, true},
		{"rect just outside, within tolerance", rect, pt(0.2-0.006, 0.4), 5, true},
		{"rect outside beyond tolerance", rect, pt(0.2-0.010, 0.4), 5, false},
		{"rect inside", rect, pt(0.4, 0.4), 5, true},
		{"rect far", rect, pt(0.8, 0.8), 5, false},
		{"rect label tag", rectLabel, pt(0.21, 0.2-0.008), 0, true},
		{"rect without label, same place", rect, pt(0.21, 0.2-0.008), 0, false},
		{"ellipse boundary", ell, pt(0.7, 0.5), 5, true},
		{"ellipse inside", ell, pt(0.5, 0.5), 5, true},
		{"ellipse bbox corner, outside the ellipse", ell, pt(0.31, 0.41), 5, false},
		{"arrow shaft", arrow, pt(0.3, 0.5), 5, true},
		{"arrow beside the shaft", arrow, pt(0.3, 0.52), 5, false},
		{"arrow head, off the shaft", arrow, pt(0.485, 0.506), 0, true},
		{"arrow beyond the tip", arrow, pt(0.52, 0.5), 5, false},
		{"polyline segment", poly, pt(0.3, 0.1), 5, true},
		{"polyline second segment", poly, pt(0.5, 0.3), 5, true},
		{"polyline is not closed", poly, pt(0.3, 0.3), 5, false},
		{"callout disc", call, pt(0.51, 0.5), 0, true},
		{"callout beside", call, pt(0.53, 0.5), 5, false},
		{"callout label", callLabel, pt(0.53, 0.5), 0, true},
		{"text tag", text, pt(0.305, 0.305), 0, true},
		{"text before its anchor", text, pt(0.29, 0.29), 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HitAt(tt.a, tt.p, tt.tol, 1000, 1000); got != tt.want {
				t.Errorf("HitAt(%v) = %v, want %v", tt.p, got, tt.want)
			}
		})
	}
}

func TestHitScalesWithDisplay(t *testing.T) {
	// The same click in pixels hits at every display size: the tolerance
	// is in screen pixels, and an elongated image does not distort it.
	rect := catalog.Annotation{Kind: catalog.KindRect, Points: pts(0.25, 0.25, 0.5, 0.75), Color: "#00FF00", Width: 1}
	for _, sz := range [][2]float64{{400, 300}, {2000, 500}, {500, 2000}, {6000, 4000}} {
		w, h := sz[0], sz[1]
		sw := 1 * max(w, h) / 1000
		near := pt(0.5+(sw/2+4)/w, 0.5) // 4 px right of the stroke's outer edge
		far := pt(0.5+(sw/2+9)/w, 0.5)
		if !HitAt(rect, near, 5, w, h) {
			t.Errorf("%vx%v: a click 4 px off the stroke missed", w, h)
		}
		if HitAt(rect, far, 5, w, h) {
			t.Errorf("%vx%v: a click 9 px off the stroke hit with tolerance 5", w, h)
		}
		nearY := pt(0.3, 0.75+(sw/2+4)/h)
		if !HitAt(rect, nearY, 5, w, h) {
			t.Errorf("%vx%v: a click 4 px below the stroke missed", w, h)
		}
	}
	// Hit works in the unit square.
	if !Hit(rect, pt(0.25, 0.5), 0.002) || Hit(rect, pt(0.9, 0.9), 0.002) {
		t.Error("Hit in fractions is wrong")
	}
}

func TestHitTest(t *testing.T) {
	small := catalog.Annotation{ID: 1, Kind: catalog.KindRect, Points: pts(0.4, 0.4, 0.6, 0.6), Color: "#FF0000"}
	big := catalog.Annotation{ID: 2, Kind: catalog.KindRect, Points: pts(0.1, 0.1, 0.9, 0.9), Color: "#00FF00"}
	line := catalog.Annotation{ID: 3, Kind: catalog.KindArrow, Points: pts(0.05, 0.5, 0.95, 0.5), Color: "#0000FF"}
	tests := []struct {
		name string
		anns []catalog.Annotation
		p    catalog.Point
		want int
	}{
		{"inside both: the smaller, though below", []catalog.Annotation{small, big}, pt(0.5, 0.45), 0},
		{"inside both, other order", []catalog.Annotation{big, small}, pt(0.5, 0.45), 1},
		{"the big one's edge wins over the small one's inside", []catalog.Annotation{small, big}, pt(0.1, 0.3), 1},
		{"a stroke wins over an inside", []catalog.Annotation{line, small}, pt(0.5, 0.5), 0},
		{"topmost of two strokes", []catalog.Annotation{line, big}, pt(0.1, 0.5), 1},
		{"nothing", []catalog.Annotation{small, big}, pt(0.95, 0.05), -1},
		{"empty", nil, pt(0.5, 0.5), -1},
	}
	for _, tt := range tests {
		if got := HitTest(tt.anns, tt.p, 4, 800, 600); got != tt.want {
			t.Errorf("%s: HitTest = %d, want %d", tt.name, got, tt.want)
		}
	}
}
