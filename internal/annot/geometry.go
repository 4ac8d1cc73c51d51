package annot

import (
	"errors"
	"fmt"
	"image/color"
	"math"

	"github.com/exhibit-app/exhibit/catalog"
)

// Limits and defaults of an annotation's geometry, in 1000-px units where
// they are lengths (see the package documentation). They are the catalog's:
// one set of rules for what is stored and what is drawn.
const (
	DefaultWidth      = catalog.DefaultWidth
	MaxWidth          = catalog.MaxWidth
	PointTolerance    = catalog.PointTolerance
	MaxLabelRunes     = catalog.MaxLabelRunes
	MaxPolylinePoints = catalog.MaxPolylinePoints
)

// ErrInvalid is wrapped by every error Validate returns.
var ErrInvalid = errors.New("invalid annotation")

// pointCount returns how many points an annotation of the kind has.
func pointCount(k catalog.AnnotationKind) (lo, hi int, ok bool) { return catalog.PointCount(k) }

// Validate reports whether an annotation can be stored and drawn. It
// checks, with a message fit for the user:
//
//   - the kind is known and has its number of points (rect, ellipse and
//     arrow 2; polyline 2..MaxPolylinePoints; callout and text 1);
//   - every point is finite and within [0,1], give or take PointTolerance.
//     Validate rejects points further out rather than clamping them: the
//     editing functions here (MoveHandle, Translate, Clamp) already keep
//     points on the image, so a point off it is a bug or a corrupt record
//     the caller must hear about, not something to fix silently;
//   - a rect or ellipse is not a single point and an arrow's tail and head
//     differ (such a mark would be invisible or have no direction);
//   - Color is "#RRGGBB" (see ParseColor);
//   - Width is 0 (meaning DefaultWidth) or in (0, MaxWidth];
//   - a callout has a Number of at least 1, other kinds have 0;
//   - a text annotation has a Label; labels are valid UTF-8 of at most
//     MaxLabelRunes runes.
//
// The error wraps ErrInvalid.
func Validate(a catalog.Annotation) error {
	if err := a.Validate(); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return nil
}

// ParseColor parses "#RRGGBB" (hex digits in either case) into an opaque
// colour.
func ParseColor(s string) (color.NRGBA, error) {
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{}, fmt.Errorf("colour %q is not of the form #RRGGBB", s)
	}
	var v [3]uint8
	for i := range 3 {
		hi, ok1 := hexDigit(s[1+2*i])
		lo, ok2 := hexDigit(s[2+2*i])
		if !ok1 || !ok2 {
			return color.NRGBA{}, fmt.Errorf("colour %q is not of the form #RRGGBB", s)
		}
		v[i] = hi<<4 | lo
	}
	return color.NRGBA{v[0], v[1], v[2], 0xff}, nil
}

// FormatColor returns c as "#RRGGBB", ignoring alpha.
func FormatColor(c color.Color) string {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return fmt.Sprintf("#%02X%02X%02X", n.R, n.G, n.B)
}

func hexDigit(c byte) (uint8, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// BBox returns the smallest box holding the annotation's points, in
// fractions. It does not include the stroke or the label (see PixelBounds).
// An annotation without points has an empty box at the origin.
func BBox(a catalog.Annotation) (lo, hi catalog.Point) {
	if len(a.Points) == 0 {
		return catalog.Point{}, catalog.Point{}
	}
	lo, hi = a.Points[0], a.Points[0]
	for _, p := range a.Points[1:] {
		lo.X, lo.Y = math.Min(lo.X, p.X), math.Min(lo.Y, p.Y)
		hi.X, hi.Y = math.Max(hi.X, p.X), math.Max(hi.Y, p.Y)
	}
	return lo, hi
}

// Clamp returns a copy of a with every point moved onto the image
// ([0,1]²); NaN coordinates become 0.
func Clamp(a catalog.Annotation) catalog.Annotation {
	a.Points = clonePoints(a.Points)
	for i := range a.Points {
		a.Points[i] = clampPoint(a.Points[i])
	}
	return a
}

// Handles returns the points a user drags to reshape an annotation, in
// fractions: a rect or ellipse has its four corners, clockwise from the
// first stored corner (P0, (P1.X,P0.Y), P1, (P0.X,P1.Y)); an arrow its tail
// and head; a polyline its vertices; a callout or text its anchor.
func Handles(a catalog.Annotation) []catalog.Point {
	switch a.Kind {
	case catalog.KindRect, catalog.KindEllipse:
		if len(a.Points) != 2 {
			return nil
		}
		p0, p1 := a.Points[0], a.Points[1]
		return []catalog.Point{p0, {X: p1.X, Y: p0.Y}, p1, {X: p0.X, Y: p1.Y}}
	}
	return clonePoints(a.Points)
}

// MoveHandle returns a copy of a with handle i (an index into Handles)
// moved to p, clamped onto the image. A rect's or ellipse's corner moves
// its two sides and the opposite corner stays. An index out of range
// returns an unchanged copy. a itself is never modified.
func MoveHandle(a catalog.Annotation, i int, p catalog.Point) catalog.Annotation {
	a.Points = clonePoints(a.Points)
	p = clampPoint(p)
	switch a.Kind {
	case catalog.KindRect, catalog.KindEllipse:
		if len(a.Points) != 2 {
			return a
		}
		p0, p1 := &a.Points[0], &a.Points[1]
		switch i {
		case 0:
			*p0 = p
		case 1:
			p1.X, p0.Y = p.X, p.Y
		case 2:
			*p1 = p
		case 3:
			p0.X, p1.Y = p.X, p.Y
		}
		return a
	}
	if i >= 0 && i < len(a.Points) {
		a.Points[i] = p
	}
	return a
}

// Translate returns a copy of a moved by (dx, dy) fractions, the move
// shortened so that the whole shape stays on the image (its shape never
// changes; a shape already partly off the image is first clamped).
func Translate(a catalog.Annotation, dx, dy float64) catalog.Annotation {
	a = Clamp(a)
	if len(a.Points) == 0 {
		return a
	}
	if !finite(dx) {
		dx = 0
	}
	if !finite(dy) {
		dy = 0
	}
	lo, hi := BBox(a)
	dx = math.Max(-lo.X, math.Min(1-hi.X, dx))
	dy = math.Max(-lo.Y, math.Min(1-hi.Y, dy))
	for i := range a.Points {
		a.Points[i] = clampPoint(catalog.Point{X: a.Points[i].X + dx, Y: a.Points[i].Y + dy})
	}
	return a
}

func clonePoints(ps []catalog.Point) []catalog.Point {
	if ps == nil {
		return nil
	}
	return append([]catalog.Point(nil), ps...)
}

func clampPoint(p catalog.Point) catalog.Point {
	return catalog.Point{X: clamp01(p.X), Y: clamp01(p.Y)}
}

func clamp01(v float64) float64 {
	switch {
	case v > 1:
		return 1
	case v >= 0:
		return v
	}
	return 0 // negative or NaN
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func dist(p, q catalog.Point) float64 { return math.Hypot(p.X-q.X, p.Y-q.Y) }
