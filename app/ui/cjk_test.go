package ui

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"github.com/exhibit-app/exhibit/internal/testkit"
)

// cjkGlyphs are Japanese (kanji, hiragana, katakana), Chinese and Korean
// characters, as a case's titles and excerpts hold them.
var cjkGlyphs = []rune("東京の橋カ桥损피해")

// renderRune draws r large on a test canvas and returns the capture.
func renderRune(t *testing.T, r rune) *image.NRGBA {
	t.Helper()
	txt := canvas.NewText(string(r), nil)
	txt.TextSize = 40
	win := test.NewTempWindow(t, txt)
	win.Resize(fyne.NewSize(80, 80))
	img := win.Canvas().Capture()
	out := image.NewNRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			out.Set(x, y, img.At(x, y))
		}
	}
	if dir := os.Getenv("EXHIBIT_KEEP_RENDERS"); dir != "" {
		var b bytes.Buffer
		_ = png.Encode(&b, out)
		_ = os.WriteFile(filepath.Join(dir, "fyne-"+string(r)+".png"), b.Bytes(), 0o644)
	}
	return out
}

// TestCJKIsDrawnOnScreen checks that Fyne draws Chinese, Japanese and
// Korean with real glyphs: Exhibit uses Fyne's theme, whose Noto Sans
// has no CJK, and Fyne falls back to the system's fonts for a character
// its theme lacks (fonts-droid-fallback and fonts-nanum on Debian,
// scripts/deps.sh). A missing glyph is drawn as U+FFFD, the same box for
// every character: each character must differ from every other, and from
// a character no font has.
func TestCJKIsDrawnOnScreen(t *testing.T) {
	test.NewTempApp(t)
	missing := renderRune(t, '\U0010FFFD') // a private use character: no font has it
	imgs := make([]*image.NRGBA, len(cjkGlyphs))
	for i, r := range cjkGlyphs {
		imgs[i] = renderRune(t, r)
		if bytes.Equal(imgs[i].Pix, missing.Pix) {
			testkit.Missing(t, "no font on this system has "+string(r)+" (Debian: apt-get install fonts-droid-fallback fonts-nanum)")
		}
		for j := range i {
			if bytes.Equal(imgs[i].Pix, imgs[j].Pix) {
				t.Errorf("%c and %c are drawn alike: a missing glyph's box", r, cjkGlyphs[j])
			}
		}
	}
}
