package glyphs

import (
	"math"

	gtfont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// Point is a point of a glyph's contour, in pixels, y down.
type Point struct{ X, Y float64 }

func (a Point) lerp(b Point, t float64) Point {
	return Point{a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t}
}

// Outlines returns the contours of the glyphs of the line s drawn at size
// pixels with its baseline starting at (x, y): closed polygons (the last
// point joins the first), to be filled with the non-zero winding rule (a
// glyph's holes turn the other way). Nil for a nil Face, an empty line or
// a size that is not a positive number.
func (f *Face) Outlines(s string, x, y, size float64) [][]Point {
	if f == nil || !(size > 0) || math.IsInf(size, 1) {
		return nil
	}
	line := f.shape(s)
	var out [][]Point
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, g := range line.glyphs {
		ox, oy := x+g.x*size, y+g.y*size
		for _, contour := range g.from.outline(g.gid) { // f.mu guards its fallbacks too
			ps := make([]Point, len(contour))
			for i, p := range contour {
				ps[i] = Point{ox + p.X*size, oy + p.Y*size}
			}
			out = append(out, ps)
		}
	}
	return out
}

// outline returns a glyph's contours in em units, y down (cached; the
// caller holds the mutex of the face whose fallback f may be).
func (f *Face) outline(gid gtfont.GID) [][]Point {
	if o, ok := f.outlines[gid]; ok {
		return o
	}
	var contours [][]Point
	var cur []Point
	var pen Point
	k := 1 / f.upem
	pt := func(p gtfont.SegmentPoint) Point { return Point{float64(p.X) * k, -float64(p.Y) * k} }
	var segs []gtfont.Segment
	switch d := f.face.GlyphData(gid).(type) {
	case gtfont.GlyphOutline:
		segs = d.Segments
	case gtfont.GlyphSVG:
		segs = d.Outline.Segments
	case gtfont.GlyphBitmap:
		if d.Outline != nil {
			segs = d.Outline.Segments
		}
	}
	// Curves are flattened finely enough for text up to a few hundred
	// pixels (a 24 MP image's labels are under 100 px).
	const steps = 8
	for _, s := range segs {
		switch s.Op {
		case ot.SegmentOpMoveTo:
			if len(cur) > 2 {
				contours = append(contours, cur)
			}
			pen = pt(s.Args[0])
			cur = []Point{pen}
		case ot.SegmentOpLineTo:
			pen = pt(s.Args[0])
			cur = append(cur, pen)
		case ot.SegmentOpQuadTo:
			c, e := pt(s.Args[0]), pt(s.Args[1])
			for i := 1; i <= steps; i++ {
				u := float64(i) / steps
				cur = append(cur, pen.lerp(c, u).lerp(c.lerp(e, u), u))
			}
			pen = e
		case ot.SegmentOpCubeTo:
			c1, c2, e := pt(s.Args[0]), pt(s.Args[1]), pt(s.Args[2])
			for i := 1; i <= steps; i++ {
				u := float64(i) / steps
				a, b, c := pen.lerp(c1, u), c1.lerp(c2, u), c2.lerp(e, u)
				cur = append(cur, a.lerp(b, u).lerp(b.lerp(c, u), u))
			}
			pen = e
		}
	}
	if len(cur) > 2 {
		contours = append(contours, cur)
	}
	f.outlines[gid] = contours
	return contours
}
