package sheet

import (
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

// TestLegendNamesEachKind: the legend names every kind of mark by its one
// name (annot.KindName) and draws its own symbol; a mark drawn as another
// shape (an aligned rectangle, drawn as a polyline) keeps the name and
// symbol of the kind it was made as.
func TestLegendNamesEachKind(t *testing.T) {
	for _, k := range annot.Kinds {
		a := catalog.Annotation{ID: 7, Kind: k, Label: "the mark", Number: 1}
		pn := &Panel{}
		if got := pn.legendKind(a); got != k {
			t.Errorf("%s: symbol of %s", k, got)
		}
		text := legendText(a, pn.legendKind(a))
		if k != catalog.KindCallout && !strings.HasPrefix(text, annot.KindName(k)+": ") {
			t.Errorf("%s: legend %q, want it named %q", k, text, annot.KindName(k))
		}
		for _, o := range annot.Kinds {
			if o != k && k != catalog.KindCallout && strings.HasPrefix(text, annot.KindName(o)+":") {
				t.Errorf("%s: legend %q names it %s", k, text, o)
			}
		}
	}

	// An aligned rectangle: drawn as a closed polyline, named and drawn
	// in the legend as a rectangle.
	drawn := catalog.Annotation{ID: 9, Kind: catalog.KindPolyline, Label: "Collapsed floors", Color: "#E53935", Width: 3,
		Points: []catalog.Point{{X: 0.3, Y: 0.3}, {X: 0.6, Y: 0.32}, {X: 0.58, Y: 0.6}, {X: 0.28, Y: 0.58}, {X: 0.3, Y: 0.3}}}
	pn := &Panel{Annotations: []catalog.Annotation{drawn}, MadeAs: map[int64]catalog.AnnotationKind{9: catalog.KindRect}}
	if k := pn.legendKind(drawn); k != catalog.KindRect {
		t.Errorf("aligned rectangle: legend symbol %s", k)
	}
	if text := legendText(drawn, pn.legendKind(drawn)); text != "Rectangle: Collapsed floors" {
		t.Errorf("aligned rectangle: legend %q", text)
	}
}

// TestAlignedRectangleLegendInPDF writes a pair sheet whose after image
// has an aligned rectangle (drawn as a polyline): the PDF's legend calls
// it a rectangle.
func TestAlignedRectangleLegendInPDF(t *testing.T) {
	needPoppler(t)
	s := pairSheet(400, 300)
	after := &s.Images[1]
	after.Annotations = []catalog.Annotation{{ID: 9, Kind: catalog.KindPolyline, Label: "Collapsed floors", Color: "#E53935", Width: 3,
		Points: []catalog.Point{{X: 0.3, Y: 0.3}, {X: 0.6, Y: 0.32}, {X: 0.58, Y: 0.6}, {X: 0.28, Y: 0.58}, {X: 0.3, Y: 0.3}}}}
	after.MadeAs = map[int64]catalog.AnnotationKind{9: catalog.KindRect}
	path, _ := writePDF(t, []Sheet{s}, testOptions())
	text := extracted(t, path)
	if !strings.Contains(text, "Rectangle: Collapsed floors") || strings.Contains(text, "Line: Collapsed floors") {
		t.Errorf("the legend of the aligned rectangle: %q", text)
	}
}
