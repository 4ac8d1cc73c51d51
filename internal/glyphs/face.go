package glyphs

import (
	"bytes"
	"fmt"
	"sync"

	gtfont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"

	"github.com/exhibit-app/exhibit/assets"
)

// refSize is the size, in pixels, text is shaped at.
const refSize = 1000

// maxCachedLines bounds a face's cache of shaped lines.
const maxCachedLines = 2048

// Face is one of the embedded fonts with its fallbacks, and caches of
// shaped lines and glyph outlines. The shaper is not safe for concurrent
// use, hence the mutex.
type Face struct {
	name string
	face *gtfont.Face
	upem float64
	// ascent and descent per unit of font size.
	ascent, descent float64

	mu       sync.Mutex
	shaper   shaping.HarfbuzzShaper
	seg      shaping.Segmenter
	lines    map[string]*shapedLine
	outlines map[gtfont.GID][][]Point // contours in em units, y down
	// fallbacks draw the characters this font lacks: Chinese and
	// Japanese, Korean (assets.FontCJK, assets.FontKorean). Parsed on
	// first need, each face its own (guarded by its mu).
	fallbacks      []*Face
	fallbackLoaded bool
}

var fonts struct {
	once          sync.Once
	regular, bold *Face
	err           error
}

// Load parses the embedded DejaVu fonts (once) and returns the error that
// made them unusable, if any.
func Load() error {
	fonts.once.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				fonts.regular, fonts.bold = nil, nil
				fonts.err = fmt.Errorf("parse embedded font: panic: %v", r)
			}
		}()
		fonts.regular, fonts.err = newFace("DejaVuSans", assets.FontRegular)
		if fonts.err != nil {
			return
		}
		fonts.bold, fonts.err = newFace("DejaVuSans-Bold", assets.FontBold)
		if fonts.err != nil {
			fonts.regular = nil
		}
	})
	return fonts.err
}

// Regular returns DejaVu Sans, or nil when the fonts cannot be read (a nil
// Face measures approximately and draws nothing).
func Regular() *Face {
	if Load() != nil {
		return nil
	}
	return fonts.regular
}

// Bold returns DejaVu Sans Bold, or nil when the fonts cannot be read.
func Bold() *Face {
	if Load() != nil {
		return nil
	}
	return fonts.bold
}

func newFace(name string, data []byte) (*Face, error) {
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
	return &Face{
		name:     name,
		face:     f,
		upem:     upem,
		ascent:   float64(ext.Ascender) / upem,
		descent:  -float64(ext.Descender) / upem,
		lines:    map[string]*shapedLine{},
		outlines: map[gtfont.GID][][]Point{},
	}, nil
}

// Name returns the font's name ("DejaVuSans"), "" for a nil Face.
func (f *Face) Name() string {
	if f == nil {
		return ""
	}
	return f.name
}

// fallbackFonts are the fonts for what DejaVu lacks, tried in order.
var fallbackFonts = []struct {
	name string
	data func() []byte
}{
	{"DroidSansFallbackFull", func() []byte { return assets.FontCJK }},
	{"NanumSquareR", func() []byte { return assets.FontKorean }},
}

// ResolveFace makes a Face a shaping.Fontmap: its font for the characters
// it has, else the first fallback's that has them, else its own (its
// missing-glyph box). The caller holds f.mu.
func (f *Face) ResolveFace(r rune) *gtfont.Face {
	if _, ok := f.face.NominalGlyph(r); ok || r < 0x0250 {
		return f.face
	}
	if !f.fallbackLoaded {
		f.fallbackLoaded = true
		for _, fb := range fallbackFonts {
			if g, err := newFace(fb.name, fb.data()); err == nil {
				f.fallbacks = append(f.fallbacks, g)
			}
		}
	}
	for _, fb := range f.fallbacks {
		if _, ok := fb.face.NominalGlyph(r); ok {
			return fb.face
		}
	}
	return f.face
}

// faceOf returns the Face (f or one of its fallbacks) whose font g is.
func (f *Face) faceOf(g *gtfont.Face) *Face {
	for _, fb := range f.fallbacks {
		if fb.face == g {
			return fb
		}
	}
	return f
}
