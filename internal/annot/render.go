package annot

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"golang.org/x/image/vector"

	"github.com/exhibit-app/exhibit/catalog"
)

// FallbackColor is drawn for an annotation whose colour cannot be parsed.
var FallbackColor = color.NRGBA{0xff, 0x00, 0xff, 0xff}

// Render returns a copy of img, the UPRIGHT image at any resolution (a
// preview or the full image), with the annotations burnt in, antialiased.
// Lengths scale with the image (see the package documentation), so a
// preview and the full image look alike. The original is never modified.
//
// Shapes are drawn first, in order, then all labels on top, so that no
// shape hides a label. Drawing:
//
//   - rect and ellipse: their outline;
//   - arrow: a shaft with a round tail and a filled head at the second point;
//   - polyline: round-jointed strokes through the vertices;
//   - callout: a filled disc with a thin contrasting rim and its Number,
//     white (black on light colours, where white would not read);
//   - text: its Label, at the anchor as the top-left corner, Width setting
//     its size (LabelSize at DefaultWidth);
//   - a Label of any other kind: a tag filled with the annotation's colour,
//     text white or black for contrast, placed beside the mark (above a
//     rect or ellipse, beyond an arrow's tail or a polyline's first vertex,
//     right of a callout) and kept on the image.
//
// Render never fails: an annotation of an unknown kind or with the wrong
// number of points is skipped, points off the image are clamped and a bad
// colour is drawn in FallbackColor. Exports should use RenderChecked,
// which refuses such annotations instead. Note is never drawn.
func Render(img image.Image, anns []catalog.Annotation) *image.RGBA {
	dst := cloneRGBA(img)
	renderInto(dst, anns)
	return dst
}

// RenderChecked is Render for exports: it first validates every annotation
// and returns an error naming the first invalid one instead of drawing
// anything.
func RenderChecked(img image.Image, anns []catalog.Annotation) (*image.RGBA, error) {
	if img == nil {
		return nil, fmt.Errorf("render annotations: no image")
	}
	for i, a := range anns {
		if err := Validate(a); err != nil {
			return nil, fmt.Errorf("render annotation %d (id %d): %w", i+1, a.ID, err)
		}
	}
	return Render(img, anns), nil
}

// renderInto draws the annotations onto dst, in place.
func renderInto(dst *image.RGBA, anns []catalog.Annotation) {
	b := dst.Bounds()
	if b.Empty() {
		return
	}
	f := frame{float64(b.Dx()), float64(b.Dy())}
	var z vector.Rasterizer
	for _, a := range anns {
		if drawable(a) {
			drawShape(dst, f, a, &z)
		}
	}
	for _, a := range anns {
		if drawable(a) {
			drawLabel(dst, f, a, &z)
		}
	}
}

func drawable(a catalog.Annotation) bool {
	lo, hi, ok := pointCount(a.Kind)
	return ok && len(a.Points) >= lo && len(a.Points) <= hi
}

func drawShape(dst *image.RGBA, f frame, a catalog.Annotation, z *vector.Rasterizer) {
	for _, fl := range f.exported().Fills(a) {
		var s shape
		for _, p := range fl.Polygons {
			ps := make([]vec, len(p))
			for i, v := range p {
				ps[i] = v.in()
			}
			s.addRaw(ps) // oriented already
		}
		s.fill(dst, fl.Color, z)
	}
	if a.Kind == catalog.KindCallout {
		num, size, at := f.calloutNumber(a)
		drawText(dst, face(true), size, num, at.x, at.y, Contrast(ColorOf(a)), z)
	}
}

func drawLabel(dst *image.RGBA, f frame, a catalog.Annotation, z *vector.Rasterizer) {
	l, ok := f.label(a)
	if !ok {
		return
	}
	c := ColorOf(a)
	var s shape
	s.addPoly(roundRect(l.box, 0.2*l.size))
	s.fill(dst, c, z)
	tc := Contrast(c)
	t := face(false)
	for i, line := range l.lines {
		drawText(dst, t, l.size, line, l.box.x0+l.padX, l.box.y0+l.ascent+float64(i)*l.lineH, tc, z)
	}
}

func rectPoly(r rectF) []vec {
	return []vec{{r.x0, r.y0}, {r.x1, r.y0}, {r.x1, r.y1}, {r.x0, r.y1}}
}

// roundRect returns r with corners rounded to radius rad.
func roundRect(r rectF, rad float64) []vec {
	rad = math.Min(rad, math.Min(r.x1-r.x0, r.y1-r.y0)/2)
	if rad <= 0.5 {
		return rectPoly(r)
	}
	const steps = 6
	corners := []struct {
		c     vec
		start float64
	}{
		{vec{r.x1 - rad, r.y0 + rad}, -math.Pi / 2},
		{vec{r.x1 - rad, r.y1 - rad}, 0},
		{vec{r.x0 + rad, r.y1 - rad}, math.Pi / 2},
		{vec{r.x0 + rad, r.y0 + rad}, math.Pi},
	}
	out := make([]vec, 0, 4*(steps+1))
	for _, k := range corners {
		for i := 0; i <= steps; i++ {
			t := k.start + float64(i)/steps*math.Pi/2
			out = append(out, vec{k.c.x + rad*math.Cos(t), k.c.y + rad*math.Sin(t)})
		}
	}
	return out
}
