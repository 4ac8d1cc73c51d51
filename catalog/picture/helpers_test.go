package picture

import (
	"github.com/exhibit-app/exhibit/internal/testkit"
	"image"
	"os"
	"path/filepath"
	"testing"

	"github.com/disintegration/imaging"
)

// corpusDir returns the shared test corpus, found by walking up from the
// package folder to a folder holding shared/corpus, or skips the test.
func corpusDir(tb testing.TB) string {
	tb.Helper()
	return testkit.CorpusDir(tb)
}

// readCorpus reads a corpus file given by its path inside the corpus.
func readCorpus(tb testing.TB, rel string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir(tb), filepath.FromSlash(rel)))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// meanDiff returns the mean absolute difference of two images of the same
// size over the R, G and B channels, on a 0..255 scale; -1 when the sizes
// differ.
func meanDiff(a, b image.Image) float64 {
	na, nb := imaging.Clone(a), imaging.Clone(b)
	if na.Rect.Size() != nb.Rect.Size() {
		return -1
	}
	var sum, n float64
	for i := 0; i < len(na.Pix); i += 4 {
		for c := range 3 {
			d := float64(na.Pix[i+c]) - float64(nb.Pix[i+c])
			if d < 0 {
				d = -d
			}
			sum += d
			n++
		}
	}
	return sum / n
}

// longSide returns the longer side of img.
func longSide(img image.Image) int {
	s := img.Bounds().Size()
	return max(s.X, s.Y)
}
