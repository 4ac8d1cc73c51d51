package catalog

// AnnotationKind names the shape of an annotation.
type AnnotationKind string

// The kinds of annotation.
const (
	KindRect     AnnotationKind = "rect"     // two opposite corners
	KindEllipse  AnnotationKind = "ellipse"  // two opposite corners of its bounding box
	KindArrow    AnnotationKind = "arrow"    // tail, then head
	KindPolyline AnnotationKind = "polyline" // its vertices
	KindCallout  AnnotationKind = "callout"  // one anchor point; has a Number
	KindText     AnnotationKind = "text"     // one anchor point; shows Label
)

// Point is a position in fractions of the upright image: (0,0) is its top
// left corner, (1,1) its bottom right, whatever its size or resolution.
type Point struct{ X, Y float64 }

// Annotation is a mark on an image, stored apart from the original, in
// fractions of the upright image so that it stays in place at any zoom, on
// the preview and on the full image.
type Annotation struct {
	ID      int64
	ImageID int64
	// PairID is set for a mark made in a pair (shown there only); 0 for a
	// mark on the image itself (shown wherever the image is).
	PairID int64
	Kind   AnnotationKind
	Points []Point
	Color  string  // "#RRGGBB"
	Width  float64 // stroke width, in pixels of the image scaled to a 1000 px long side
	Label  string
	Note   string
	Number int // callouts: their number, in order; 0 for other kinds
	// Author is who drew it ("user@computer, program"; "" when the record
	// does not say): in a team case, which investigator.
	Author string
}
