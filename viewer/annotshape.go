package viewer

import (
	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

// The annotation layer draws the shapes of annotations itself, at the
// screen's resolution and only over the visible part of the image, so that
// they stay crisp at any zoom; labels and callout numbers are Fyne text.
// The geometry (shapes, label placement, sizes) is annot's (Frame.Fills,
// PlaceLabel), so that a mark looks on screen as it does burnt into an
// export, and is hit where it is drawn.

// vec is a point or a vector in the units of a shapeFrame.
type vec = annot.Vec

// shapeFrame is the upright image shown at (ox, oy) with size w×h, in some
// unit (device pixels for the raster, Fyne units for the labels).
type shapeFrame struct{ ox, oy, w, h float64 }

// geom returns the frame for annot's geometry.
func (f shapeFrame) geom() annot.Frame { return annot.Frame{X: f.ox, Y: f.oy, W: f.w, H: f.h} }

func clamp01(v float64) float64 {
	if v > 1 {
		return 1
	}
	if v >= 0 {
		return v
	}
	return 0
}

// drawable reports whether the annotation has a known kind and its number
// of points.
func drawable(a catalog.Annotation) bool {
	lo, hi, ok := catalog.PointCount(a.Kind)
	return ok && len(a.Points) >= lo && len(a.Points) <= hi
}

// fill is a set of polygons filled in one colour with the nonzero rule
// (annot.Fill), which the layer rasterises itself (annotraster.go).
type fill annot.Fill

// shapeFills returns the fills that draw a's shape (not its label) in f,
// in drawing order.
func shapeFills(f shapeFrame, a catalog.Annotation) []fill {
	fs := f.geom().Fills(a)
	out := make([]fill, len(fs))
	for i, fl := range fs {
		out[i] = fill(fl)
	}
	return out
}
