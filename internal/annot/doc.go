// Package annot holds the display-free logic of Exhibit's annotations:
// their geometry (validation, hit testing, handles, callout numbers), the
// mapping between upright fractions and stored pixels under the EXIF
// orientation, the affine alignment of an "after" image onto a "before"
// image, the compositing used by the compare modes, the burning of
// annotations into an image, and an undo/redo history.
//
// It imports no Fyne package: the viewer's widgets and the PDF sheet writer
// both build on it, and everything here is tested without a display.
//
// # Coordinates
//
// Annotations are stored as [catalog.Annotation], whose points are
// fractions of the UPRIGHT image (after the EXIF orientation is applied):
// (0,0) is its top-left corner, (1,1) its bottom-right. A pixel (i, j) of an
// image of w×h pixels covers [i, i+1)×[j, j+1) in pixel coordinates, so the
// fraction (x, y) is the pixel position (x·w, y·h) and a pixel's centre is
// ((i+0.5)/w, (j+0.5)/h). These continuous conventions make every mapping in
// this package (orientation, scaling, alignment) exact and invertible.
//
// Lengths that must look the same at every resolution (stroke widths, label
// sizes, callout radii, arrow heads) are expressed in pixels of the image
// scaled to a 1000 px long side ("1000-px units") and multiplied by
// longSide/1000 when drawn.
//
// # Drawing marks elsewhere
//
// The viewer's annotation layer draws marks on screen and package sheet
// prints them in a PDF; both lay them out with this package's geometry
// (Frame, Sizes, Fills, ArrowBetween, TagSize, PlaceLabel, Contrast), in
// their own units, so that a mark looks the same on screen, burnt into an
// export and on paper.
package annot
