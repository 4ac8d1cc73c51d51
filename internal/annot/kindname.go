package annot

import "github.com/exhibit-app/exhibit/catalog"

// Kinds are the kinds of mark, in the order of the annotation toolbar.
var Kinds = []catalog.AnnotationKind{catalog.KindRect, catalog.KindEllipse, catalog.KindArrow, catalog.KindPolyline,
	catalog.KindCallout, catalog.KindText}

// KindName names a kind of mark for people: the one name the toolbar, the
// marks panel and the sheet's legend give it.
func KindName(k catalog.AnnotationKind) string {
	switch k {
	case catalog.KindRect:
		return "Rectangle"
	case catalog.KindEllipse:
		return "Ellipse"
	case catalog.KindArrow:
		return "Arrow"
	case catalog.KindPolyline:
		return "Line"
	case catalog.KindCallout:
		return "Callout"
	case catalog.KindText:
		return "Text"
	}
	return "Mark (" + string(k) + ")"
}
