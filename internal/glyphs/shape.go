package glyphs

import (
	"github.com/go-text/typesetting/di"
	gtfont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// shapedLine is a line of text laid out at size 1: its glyphs, in visual
// order, with their pen positions.
type shapedLine struct {
	glyphs []placedGlyph
	width  float64
}

type placedGlyph struct {
	gid  gtfont.GID
	x, y float64 // origin of the glyph, em units, y down
	from *Face   // the font the glyph is of: the face or a fallback
}

// Glyph is a glyph of a shaped line.
type Glyph struct {
	// ID is the glyph's index in its font; 0 is the missing-glyph box.
	ID uint32
	// X, Y are its origin, in ems from the start of the baseline, y down.
	X, Y float64
	// Font is the name of the font it is of: the face's own or a
	// fallback's.
	Font string
}

// Shape returns the glyphs of the line s, in visual order (left to
// right), and its advance width, in ems. A nil Face gives no glyphs and
// an approximate width.
func (f *Face) Shape(s string) (glyphs []Glyph, width float64) {
	if f == nil {
		return nil, 0.6 * float64(len([]rune(s)))
	}
	l := f.shape(s)
	glyphs = make([]Glyph, len(l.glyphs))
	for i, g := range l.glyphs {
		glyphs[i] = Glyph{ID: uint32(g.gid), X: g.x, Y: g.y, Font: g.from.name}
	}
	return glyphs, l.width
}

// shape returns the line s laid out at size 1 (cached).
func (f *Face) shape(s string) *shapedLine {
	f.mu.Lock()
	defer f.mu.Unlock()
	if l, ok := f.lines[s]; ok {
		return l
	}
	l := f.shapeLocked(s)
	if len(f.lines) >= maxCachedLines {
		clear(f.lines)
	}
	f.lines[s] = l
	return l
}

func (f *Face) shapeLocked(s string) (line *shapedLine) {
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
	bt := ResolveBidi(runes)
	levels := bt.lineLevels(0, len(runes))
	base := di.DirectionLTR
	if bt.RTL() {
		base = di.DirectionRTL
	}
	in := shaping.Input{
		Text:      runes,
		RunStart:  0,
		RunEnd:    len(runes),
		Direction: base,
		Face:      f.face,
		Size:      fixed.I(refSize),
	}
	// The segmenter splits the line into runs of one direction, script
	// and font, in logical order; they are cut further where the level
	// changes (numbers after right-to-left text, trailing spaces).
	runs, runLevels := splitByLevel(f.seg.Split(in, f), levels)
	outs := make([]shaping.Output, len(runs))
	for i, r := range runs {
		outs[i] = f.shaper.Shape(r)
	}
	// Runs are laid out in visual order; within a run, HarfBuzz already
	// gives visual order.
	x := 0.0
	for _, i := range visualOrder(runLevels) {
		from := f.faceOf(runs[i].Face)
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

// splitByLevel cuts runs where the characters' bidi level changes, and
// returns the pieces with their levels, the direction of each set by its
// level's parity.
func splitByLevel(runs []shaping.Input, levels []uint8) (out []shaping.Input, runLevels []int) {
	for _, r := range runs {
		start := r.RunStart
		for i := r.RunStart + 1; i <= r.RunEnd; i++ {
			if i < r.RunEnd && levels[i] == levels[start] {
				continue
			}
			p := r
			p.RunStart, p.RunEnd = start, i
			if levels[start]%2 == 1 {
				p.Direction.SetProgression(di.TowardTopLeft)
			} else {
				p.Direction.SetProgression(di.FromTopLeft)
			}
			out = append(out, p)
			runLevels = append(runLevels, int(levels[start]))
			start = i
		}
	}
	return out, runLevels
}

func fixedToFloat(v fixed.Int26_6) float64 { return float64(v) / 64 }
