package glyphs

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"golang.org/x/image/vector"
)

// Measure returns the advance width of the line s at size pixels.
func (f *Face) Measure(s string, size float64) float64 {
	if f == nil {
		return 0.6 * size * float64(len([]rune(s)))
	}
	return f.shape(s).width * size
}

// Metrics returns the font's ascent and descent (both positive) at size
// pixels.
func (f *Face) Metrics(size float64) (ascent, descent float64) {
	if f == nil {
		return 0.93 * size, 0.24 * size
	}
	return f.ascent * size, f.descent * size
}

// Draw draws the line s with its baseline starting at (x, y) in dst, at
// size pixels, in colour c, antialiased. A nil Face draws nothing.
func (f *Face) Draw(dst *image.RGBA, s string, x, y, size float64, c color.Color) {
	m := f.mask(s, x, y, size, dst.Bounds())
	if m == nil {
		return
	}
	draw.DrawMask(dst, m.Rect, image.NewUniform(c), image.Point{}, m, m.Rect.Min, draw.Over)
}

// Mask returns the coverage of the line s drawn at size pixels with its
// baseline starting at (x, y): an alpha mask whose Rect is the pixels the
// line touches, in the coordinates of the picture it is to be drawn on
// (draw.DrawMask it there, once or more: a halo is the mask drawn at a
// few offsets). Nil when nothing would be drawn.
func (f *Face) Mask(s string, x, y, size float64) *image.Alpha {
	return f.mask(s, x, y, size, image.Rect(math.MinInt32/2, math.MinInt32/2, math.MaxInt32/2, math.MaxInt32/2))
}

// rasterizers are reused between masks: a rasterizer's buffers grow to
// the largest line it has drawn.
var rasterizers = sync.Pool{New: func() any { return &vector.Rasterizer{} }}

// mask returns the coverage of the line within clip, or nil when empty.
func (f *Face) mask(s string, x, y, size float64, clip image.Rectangle) *image.Alpha {
	contours := f.Outlines(s, x, y, size)
	if len(contours) == 0 {
		return nil
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range contours {
		for _, p := range c {
			x0, y0 = math.Min(x0, p.X), math.Min(y0, p.Y)
			x1, y1 = math.Max(x1, p.X), math.Max(y1, p.Y)
		}
	}
	if !(x1 >= x0 && y1 >= y0) || math.IsInf(x1-x0, 0) || math.IsInf(y1-y0, 0) {
		return nil
	}
	r := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(clip)
	if r.Empty() {
		return nil
	}
	z := rasterizers.Get().(*vector.Rasterizer)
	defer rasterizers.Put(z)
	z.Reset(r.Dx(), r.Dy())
	z.DrawOp = draw.Src
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	for _, c := range contours {
		z.MoveTo(float32(c[0].X-ox), float32(c[0].Y-oy))
		for _, p := range c[1:] {
			z.LineTo(float32(p.X-ox), float32(p.Y-oy))
		}
		z.ClosePath()
	}
	m := image.NewAlpha(r)
	z.Draw(m, r, image.Opaque, image.Point{})
	return m
}
