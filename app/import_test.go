package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"context"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOneImportAtATime: while an import runs with its dialog stepped
// aside, asking for another brings the running one's dialog back with a
// word, and imports nothing more.
func TestOneImportAtATime(t *testing.T) {
	c := apptest.SampleCase(t)
	before, err := c.CountImages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tw := newTestWindow(t, c)
	dirs := [2]string{t.TempDir(), t.TempDir()}
	for i, dir := range dirs {
		f, err := os.Create(filepath.Join(dir, "one.jpg"))
		if err != nil {
			t.Fatal(err)
		}
		img := image.NewGray(image.Rect(0, 0, 40, 30))
		img.Pix[0] = uint8(i + 1)
		if err := jpeg.Encode(f, img, nil); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	first := tw.startImport([]string{dirs[0]})
	tw.tapOverlayButton(t, "Work while it imports")
	if tw.topOverlay() != nil {
		t.Fatal("the import dialog did not step aside")
	}
	if again := tw.startImport([]string{dirs[1]}); again != first {
		t.Error("a second import started while one runs")
	}
	if text := tw.overlayText(); !strings.Contains(text, "An import is running") {
		t.Errorf("asking for a second import says %q", text)
	}
	tw.q.WaitUntil(t, "the import", func() bool { return !first.Running() })
	if got, _ := c.CountImages(context.Background()); got != before+1 {
		t.Errorf("%d images after the import; want %d (the second folder not imported)", got, before+1)
	}
}
