package catalog

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// Defaults and limits of annotations. Lengths are in pixels of the image
// scaled to a 1000 px long side.
const (
	// DefaultColor is the colour of a mark that gives none.
	DefaultColor = "#E53935"
	// DefaultWidth is the stroke width of a mark that gives none (0).
	DefaultWidth = 3.0
	// MaxWidth is the widest stroke accepted.
	MaxWidth = 50.0
	// PointTolerance is how far outside [0,1] a point may lie and still be
	// valid: floating-point noise from a zoomed view or an alignment, not a
	// mark off the image.
	PointTolerance = 1e-6
	// MaxLabelRunes is the longest label accepted.
	MaxLabelRunes = 500
	// MaxPolylinePoints is the most vertices a polyline may have.
	MaxPolylinePoints = 10000
)

// PointCount returns how many points an annotation of kind k has, and
// whether k is a known kind.
func PointCount(k AnnotationKind) (lo, hi int, ok bool) {
	switch k {
	case KindRect, KindEllipse, KindArrow:
		return 2, 2, true
	case KindPolyline:
		return 2, MaxPolylinePoints, true
	case KindCallout, KindText:
		return 1, 1, true
	}
	return 0, 0, false
}

// article is "a" or "an" before a kind's name.
func article(k AnnotationKind) string {
	if strings.ContainsRune("aeiou", rune(string(k)[0])) {
		return "an " + string(k)
	}
	return "a " + string(k)
}

// Validate reports, with a message fit for the user, whether an annotation
// can be stored and drawn:
//   - the kind is known and has its number of points (rect, ellipse and
//     arrow 2; polyline 2..MaxPolylinePoints; callout and text 1);
//   - every point is finite and within [0,1], give or take PointTolerance:
//     a point further out is refused, never clamped silently;
//   - a rect or ellipse is not a single point, an arrow's tail and head
//     differ (such a mark would be invisible or have no direction);
//   - Color is "#RRGGBB"; Width is 0 (DefaultWidth) or in (0, MaxWidth];
//   - a callout has a Number of at least 1, other kinds have 0;
//   - a text annotation has a Label; labels are valid UTF-8 of at most
//     MaxLabelRunes characters.
func (a *Annotation) Validate() error {
	lo, hi, ok := PointCount(a.Kind)
	if !ok {
		return fmt.Errorf("unknown kind %q (rect, ellipse, arrow, polyline, callout or text)", a.Kind)
	}
	switch n := len(a.Points); {
	case n < lo || n > hi:
		if lo == hi {
			return fmt.Errorf("%s needs %d point(s), has %d", article(a.Kind), lo, n)
		}
		return fmt.Errorf("%s needs %d to %d points, has %d", article(a.Kind), lo, hi, n)
	}
	for i, p := range a.Points {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("%s point %d %w", a.Kind, i+1, err)
		}
	}
	switch a.Kind {
	case KindRect, KindEllipse:
		if math.Hypot(a.Points[0].X-a.Points[1].X, a.Points[0].Y-a.Points[1].Y) < PointTolerance {
			return fmt.Errorf("%s needs two distinct corners", article(a.Kind))
		}
	case KindArrow:
		if math.Hypot(a.Points[0].X-a.Points[1].X, a.Points[0].Y-a.Points[1].Y) < PointTolerance {
			return errors.New("an arrow's tail and head are at the same place")
		}
	}
	if !validColor(a.Color) {
		return fmt.Errorf("colour %q is not of the form #RRGGBB", a.Color)
	}
	if !finite(a.Width) || a.Width < 0 || a.Width > MaxWidth {
		return fmt.Errorf("width %g is not between 0 and %g", a.Width, MaxWidth)
	}
	if a.Kind == KindCallout && a.Number < 1 {
		return fmt.Errorf("a callout needs a number of 1 or more, has %d", a.Number)
	}
	if a.Kind != KindCallout && a.Number != 0 {
		return fmt.Errorf("only callouts have a number (%s has %d)", article(a.Kind), a.Number)
	}
	if !utf8.ValidString(a.Label) || !utf8.ValidString(a.Note) {
		return errors.New("the label or note is not valid text (UTF-8)")
	}
	if n := utf8.RuneCountInString(a.Label); n > MaxLabelRunes {
		return fmt.Errorf("the label has %d characters, at most %d are allowed", n, MaxLabelRunes)
	}
	if a.Kind == KindText && strings.TrimSpace(a.Label) == "" {
		return errors.New("a text label needs a label")
	}
	return nil
}

// validColor reports whether s is "#RRGGBB" in hex digits of either case.
func validColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, c := range s[1:] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
