package annot

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/di"
	gtfont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/exhibit-app/exhibit/assets"
)

// Labels are shaped with go-text's HarfBuzz port, so that Arabic letters
// join and right-to-left runs (Arabic, Hebrew) are laid out right to left,
// also when mixed with Latin text and numbers on one line; their glyph
// outlines are filled by the same antialiased rasterizer as the shapes.
// Lines are shaped once at refSize (HarfBuzz rounds sizes up to whole
// pixels, so shaping at the drawing size would distort small labels) and
// scaled.

// refSize is the size, in pixels, text is shaped at.
const refSize = 1000

// typeface is one of the embedded fonts, with caches of shaped lines and
// glyph outlines. The shaper is not safe for concurrent use, hence the
// mutex.
type typeface struct {
	face *gtfont.Face
	upem float64
	// ascent and descent per unit of font size.
	ascent, descent float64

	mu       sync.Mutex
	shaper   shaping.HarfbuzzShaper
	seg      shaping.Segmenter
	lines    map[string]*shapedLine
	outlines map[gtfont.GID][][]vec // contours in em units, y down
	// fallbacks draw the characters this font lacks: Chinese and
	// Japanese, Korean (assets.FontCJK, assets.FontKorean). Parsed on
	// first need, each typeface its own (guarded by its mu).
	fallbacks      []*typeface
	fallbackLoaded bool
}

// shapedLine is a line of text laid out at size 1: its glyphs, in visual
// order, with their pen positions.
type shapedLine struct {
	glyphs []placedGlyph
	width  float64
}

type placedGlyph struct {
	gid  gtfont.GID
	x, y float64   // origin of the glyph, em units, y down
	from *typeface // the font the glyph is of: the typeface or a fallback
}

// maxCachedLines bounds the shaped-line cache.
const maxCachedLines = 2048

var fonts struct {
	once          sync.Once
	regular, bold *typeface
	err           error
}

// loadFonts parses the embedded DejaVu fonts once.
func loadFonts() error {
	fonts.once.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				fonts.err = fmt.Errorf("parse embedded font: panic: %v", r)
			}
		}()
		fonts.regular, fonts.err = newTypeface("DejaVuSans", assets.FontRegular)
		if fonts.err != nil {
			return
		}
		fonts.bold, fonts.err = newTypeface("DejaVuSans-Bold", assets.FontBold)
	})
	return fonts.err
}

func newTypeface(name string, data []byte) (*typeface, error) {
	f, err := gtfont.ParseTTF(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse font %s: %w", name, err)
	}
	upem := float64(f.Upem())
	if upem <= 0 {
		return nil, fmt.Errorf("parse font %s: no units per em", name)
	}
	ext, ok := f.FontHExtents()
	if !ok {
		return nil, fmt.Errorf("parse font %s: no ascender and descender", name)
	}
	return &typeface{
		face:     f,
		upem:     upem,
		ascent:   float64(ext.Ascender) / upem,
		descent:  -float64(ext.Descender) / upem,
		lines:    map[string]*shapedLine{},
		outlines: map[gtfont.GID][][]vec{},
	}, nil
}

// face returns the regular or bold typeface, or nil when the fonts could
// not be loaded (then text is measured approximately and not drawn).
func face(bold bool) *typeface {
	if loadFonts() != nil {
		return nil
	}
	if bold {
		return fonts.bold
	}
	return fonts.regular
}

// fallbackFonts are the fonts for what DejaVu lacks, tried in order.
var fallbackFonts = []struct {
	name string
	data func() []byte
}{
	{"DroidSansFallbackFull", func() []byte { return assets.FontCJK }},
	{"NanumSquareR", func() []byte { return assets.FontKorean }},
}

// ResolveFace makes a typeface a shaping.Fontmap: its face for the
// characters it has, else the first fallback's that has them, else its
// own (its missing-glyph box). The caller holds t.mu.
func (t *typeface) ResolveFace(r rune) *gtfont.Face {
	if _, ok := t.face.NominalGlyph(r); ok || r < 0x0250 {
		return t.face
	}
	if !t.fallbackLoaded {
		t.fallbackLoaded = true
		for _, fb := range fallbackFonts {
			if f, err := newTypeface(fb.name, fb.data()); err == nil {
				t.fallbacks = append(t.fallbacks, f)
			}
		}
	}
	for _, fb := range t.fallbacks {
		if _, ok := fb.face.NominalGlyph(r); ok {
			return fb.face
		}
	}
	return t.face
}

// typefaceOf returns the typeface (t or one of its fallbacks) whose face f
// is.
func (t *typeface) typefaceOf(f *gtfont.Face) *typeface {
	for _, fb := range t.fallbacks {
		if fb.face == f {
			return fb
		}
	}
	return t
}

// shape returns the line s laid out at size 1 (cached).
func (t *typeface) shape(s string) *shapedLine {
	t.mu.Lock()
	defer t.mu.Unlock()
	if l, ok := t.lines[s]; ok {
		return l
	}
	l := t.shapeLocked(s)
	if len(t.lines) >= maxCachedLines {
		clear(t.lines)
	}
	t.lines[s] = l
	return l
}

func (t *typeface) shapeLocked(s string) (line *shapedLine) {
	line = &shapedLine{}
	runes := []rune(s)
	if len(runes) == 0 {
		return line
	}
	defer func() {
		if r := recover(); r != nil { // a shaping bug must not take the render down
			line = &shapedLine{width: 0.6 * float64(len(runes))}
		}
	}()
	base := di.DirectionLTR
	if firstStrongRTL(runes) {
		base = di.DirectionRTL
	}
	in := shaping.Input{
		Text:      runes,
		RunStart:  0,
		RunEnd:    len(runes),
		Direction: base,
		Face:      t.face,
		Size:      fixed.I(refSize),
	}
	runs := t.seg.Split(in, t)
	outs := make([]shaping.Output, len(runs))
	levels := make([]int, len(runs))
	for i, r := range runs {
		outs[i] = t.shaper.Shape(r)
		levels[i] = bidiLevel(base == di.DirectionRTL, r.Direction.Progression() == di.TowardTopLeft)
	}
	// Runs come in logical order; lay them out in visual order (UAX #9
	// rule L2). Within a run, HarfBuzz already gives visual order.
	x := 0.0
	for _, i := range visualOrder(levels) {
		from := t.typefaceOf(runs[i].Face)
		for _, g := range outs[i].Glyphs {
			line.glyphs = append(line.glyphs, placedGlyph{
				gid:  g.GlyphID,
				from: from,
				x:    x + fixedToFloat(g.XOffset)/refSize,
				y:    -fixedToFloat(g.YOffset) / refSize,
			})
			x += fixedToFloat(g.XAdvance) / refSize
		}
	}
	line.width = x
	return line
}

// firstStrongRTL reports whether the first letter with a strong direction
// is right-to-left (Arabic, Hebrew…), which makes the line's base
// direction right-to-left.
func firstStrongRTL(rs []rune) bool {
	for _, r := range rs {
		switch {
		case unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko):
			return true
		case unicode.IsLetter(r):
			return false
		}
	}
	return false
}

// bidiLevel returns a run's embedding level: even for left-to-right runs,
// odd for right-to-left ones, above the paragraph's base level.
func bidiLevel(baseRTL, rtl bool) int {
	switch {
	case baseRTL && rtl:
		return 1
	case baseRTL:
		return 2
	case rtl:
		return 1
	}
	return 0
}

// visualOrder returns the indices of runs in visual order: from the
// highest level down to the lowest odd level, every maximal sequence of
// runs at that level or higher is reversed.
func visualOrder(levels []int) []int {
	order := make([]int, len(levels))
	hi, loOdd := 0, math.MaxInt
	for i, l := range levels {
		order[i] = i
		hi = max(hi, l)
		if l%2 == 1 {
			loOdd = min(loOdd, l)
		}
	}
	for lvl := hi; lvl >= loOdd && lvl > 0; lvl-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < lvl {
				i++
				continue
			}
			j := i
			for j < len(order) && levels[order[j]] >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
			i = j
		}
	}
	return order
}

// outline returns a glyph's contours in em units, y down (cached; the
// caller holds t.mu).
func (t *typeface) outline(gid gtfont.GID) [][]vec {
	if o, ok := t.outlines[gid]; ok {
		return o
	}
	var contours [][]vec
	var cur []vec
	var pen vec
	k := 1 / t.upem
	pt := func(p gtfont.SegmentPoint) vec { return vec{float64(p.X) * k, -float64(p.Y) * k} }
	var segs []gtfont.Segment
	switch d := t.face.GlyphData(gid).(type) {
	case gtfont.GlyphOutline:
		segs = d.Segments
	case gtfont.GlyphSVG:
		segs = d.Outline.Segments
	case gtfont.GlyphBitmap:
		if d.Outline != nil {
			segs = d.Outline.Segments
		}
	}
	// Curves are flattened finely enough for labels up to a few hundred
	// pixels (a 24 MP image's labels are under 100 px).
	const steps = 8
	for _, s := range segs {
		switch s.Op {
		case ot.SegmentOpMoveTo:
			if len(cur) > 2 {
				contours = append(contours, cur)
			}
			pen = pt(s.Args[0])
			cur = []vec{pen}
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
	t.outlines[gid] = contours
	return contours
}

// measure returns the advance width of the line s at size pixels.
func (t *typeface) measure(s string, size float64) float64 {
	if t == nil {
		return 0.6 * size * float64(len([]rune(s)))
	}
	return t.shape(s).width * size
}

// metrics returns the ascent and descent at the given size in pixels.
func (t *typeface) metrics(size float64) (ascent, descent float64) {
	if t == nil {
		return 0.93 * size, 0.24 * size
	}
	return t.ascent * size, t.descent * size
}

// drawText draws the line s with its baseline starting at (x, y) in dst,
// at size pixels, in colour c. Without fonts it draws nothing: a label is
// never worth a crash.
func drawText(dst *image.RGBA, t *typeface, size float64, s string, x, y float64, c color.Color, z *vector.Rasterizer) {
	if t == nil || size <= 0 || !finite(size) {
		return
	}
	line := t.shape(s)
	var sh shape
	t.mu.Lock()
	for _, g := range line.glyphs {
		o := vec{x + g.x*size, y + g.y*size}
		for _, contour := range g.from.outline(g.gid) { // t.mu guards its fallbacks too
			ps := make([]vec, len(contour))
			for i, p := range contour {
				ps[i] = o.add(p.mul(size))
			}
			sh.addRaw(ps) // glyph contours keep their winding: holes stay holes
		}
	}
	t.mu.Unlock()
	sh.fill(dst, c, z)
}

func fixedToFloat(v fixed.Int26_6) float64 { return float64(v) / 64 }
