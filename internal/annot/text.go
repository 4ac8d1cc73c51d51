package annot

import (
	"image"
	"image/color"

	"golang.org/x/image/vector"

	"github.com/exhibit-app/exhibit/internal/glyphs"
)

// Labels are shaped by package glyphs (the embedded fonts and their
// fallbacks, right-to-left runs, Arabic joined); their glyph outlines are
// filled here by the same antialiased rasterizer as the shapes.

// face returns the regular or bold face, or nil when the fonts could not
// be loaded (then text is measured approximately and not drawn).
func face(bold bool) *glyphs.Face {
	if bold {
		return glyphs.Bold()
	}
	return glyphs.Regular()
}

// drawText draws the line s with its baseline starting at (x, y) in dst,
// at size pixels, in colour c. Without fonts it draws nothing: a label is
// never worth a crash.
func drawText(dst *image.RGBA, t *glyphs.Face, size float64, s string, x, y float64, c color.Color, z *vector.Rasterizer) {
	var sh shape
	for _, contour := range t.Outlines(s, x, y, size) {
		ps := make([]vec, len(contour))
		for i, p := range contour {
			ps[i] = vec{p.X, p.Y}
		}
		sh.addRaw(ps) // glyph contours keep their winding: holes stay holes
	}
	sh.fill(dst, c, z)
}
