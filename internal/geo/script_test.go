package geo

import (
	"image"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/internal/glyphs"
)

// Names in Chinese and Japanese, Korean and Arabic are written on the
// map in the fallback fonts' glyphs (DejaVu's own for Arabic, joined),
// not as missing-glyph boxes: each rune's glyph is of a font that has it,
// and the label drawn is the shaped line, unlike the same number of boxes.
func TestLabelsInOtherScripts(t *testing.T) {
	names := []struct {
		name, font string // font: of the glyphs of the name's first rune
	}{
		{"東京の橋.jpg", "DroidSansFallbackFull"},
		{"피해.jpg", "NanumSquareR"},
		{"الرقة.jpg", "DejaVuSans"},
	}
	pos := []Point{Project(35.95, 39.00), Project(35.95, 39.01), Project(35.94, 39.00)}
	v := Fit(pos, 600, 400, 100, 100)
	render := func(labels ...string) *image.RGBA {
		ms := make([]Marker, len(labels))
		for i, l := range labels {
			ms[i] = Marker{ID: int64(i + 1), Pos: pos[i], Label: l}
		}
		return RenderLayers(v, Layers{Markers: ms}, 0, nil, DarkStyle, 1)
	}
	var all []string
	for _, n := range names {
		all = append(all, n.name)
	}
	withNames := render(all...)
	without := render("", "", "")
	for i, n := range names {
		gs, _ := glyphs.Regular().Shape(n.name)
		for _, g := range gs {
			if g.ID == 0 {
				t.Errorf("%s: a missing-glyph box among %+v", n.name, gs)
			}
		}
		// In visual order: the name's first rune is leftmost, but for
		// Arabic, rightmost before ".jpg".
		firstGlyph := gs[0]
		if n.font == "DejaVuSans" {
			firstGlyph = gs[len(gs)-5]
		}
		if firstGlyph.Font != n.font {
			t.Errorf("%s: first rune drawn in %s, want %s", n.name, firstGlyph.Font, n.font)
		}

		// Where the label is written: right of its point.
		x, y := v.ToScreen(pos[i])
		lx, ly := int(x+(markerRadius+4)), int(y-(markerRadius-1))
		w := textWidth(n.name, 1)
		box := image.Rect(lx-2, ly-14, lx+w+2, ly+6)
		ink := changed(withNames, without, box)
		if ink.Empty() || ink.Dx() < w-4 || ink.Dx() > w+4 {
			t.Errorf("%s: label ink in %v, want about %d px wide from x %d", n.name, ink, w, lx)
		}
		// The same number of boxes is drawn otherwise.
		boxes := strings.Repeat("\u0378", len([]rune(n.name))-4) + ".jpg"
		others := append([]string(nil), "", "", "")
		others[i] = boxes
		tofu := render(others...)
		if d := differing(withNames, tofu, box); d < 30 {
			t.Errorf("%s: drawn like missing-glyph boxes (%d pixels differ)", n.name, d)
		}
		// The text's colour where the glyphs are fully covered.
		if !hasColor(withNames, box, DarkStyle.Text, 60) {
			t.Errorf("%s: no text colour in %v", n.name, box)
		}
	}
}

// changed returns the bounds of the pixels of r that differ between a and b.
func changed(a, b *image.RGBA, r image.Rectangle) image.Rectangle {
	var out image.Rectangle
	r = r.Intersect(a.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.RGBAAt(x, y) != b.RGBAAt(x, y) {
				out = out.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return out
}

// differing counts the pixels of r that differ between a and b.
func differing(a, b *image.RGBA, r image.Rectangle) int {
	n := 0
	r = r.Intersect(a.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.RGBAAt(x, y) != b.RGBAAt(x, y) {
				n++
			}
		}
	}
	return n
}
