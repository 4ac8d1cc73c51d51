package annot

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"golang.org/x/image/vector"
)

// TestCJKLabelsAreDrawn checks that labels in Chinese, Japanese and Korean
// are drawn with the fallback fonts' glyphs, not DejaVu's missing-glyph
// box: every character gets a glyph, and no two are drawn alike.
func TestCJKLabelsAreDrawn(t *testing.T) {
	for _, bold := range []bool{false, true} {
		tf := face(bold)
		var drawn [][]byte
		for _, r := range "東京の橋カ桥损피해" {
			line := tf.shape(string(r))
			if len(line.glyphs) != 1 || line.glyphs[0].gid == 0 || line.glyphs[0].from == tf {
				t.Errorf("bold=%v: %c shaped as %+v, want one glyph of a fallback font", bold, r, line.glyphs)
				continue
			}
			if w := tf.measure(string(r), 100); w < 80 || w > 120 {
				t.Errorf("bold=%v: %c is %.1f px wide at 100 px, want about an em", bold, r, w)
			}
			img := image.NewRGBA(image.Rect(0, 0, 60, 60))
			drawText(img, tf, 48, string(r), 4, 48, color.Black, vector.NewRasterizer(60, 60))
			for i, d := range drawn {
				if bytes.Equal(d, img.Pix) {
					t.Errorf("bold=%v: %c is drawn like character %d", bold, r, i+1)
				}
			}
			drawn = append(drawn, img.Pix)
		}
		// Mixed with Latin on one line: the Latin stays DejaVu's.
		line := tf.shape("Bridge 東京")
		if line.glyphs[0].from != tf || line.glyphs[len(line.glyphs)-1].from == tf {
			t.Errorf("bold=%v: mixed line drawn in the wrong fonts", bold)
		}
	}
}
