package viewer

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestThumbGridRendersGolden(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(5)
	src.fail = map[int64]bool{src.ID(4): true}
	opts := ThumbGridOptions{ThumbSize: fyne.NewSize(96, 72)}
	g, win, q := newTestGrid(t, src, opts, 100, 100)
	cell := g.cellSize()
	pad := g.Theme().Size("padding")
	win.Resize(fyne.NewSize(3*cell.Width+2*pad, 2*cell.Height+pad))
	q.WaitUntil(t, "thumbnails", func() bool { return allShown(g) })
	if g.ColumnCount() != 3 {
		t.Fatalf("%d columns, want 3", g.ColumnCount())
	}
	assertImageClose(t, "thumbgrid/plain.png", win.Canvas().Capture(), 2)

	win.Canvas().Focus(g)
	g.SetSelected([]int64{src.ID(1), src.ID(3)})
	assertImageClose(t, "thumbgrid/selected.png", win.Canvas().Capture(), 2)
}

// BenchmarkThumbGridFirstThumbs measures the time from creating a grid over
// 20,000 items (thumbnails from memory, 256×192, scaled to fit 160×120) to
// every cell of the first screen (1000×700) showing its thumbnail.
func BenchmarkThumbGridFirstThumbs(b *testing.B) {
	q := newQueuedApp(b)
	src := newFakeSource(20000)
	thumbFor(0)
	for b.Loop() {
		g := NewThumbGrid(src, ThumbGridOptions{})
		win := test.NewWindow(g)
		win.SetPadded(false)
		win.Resize(fyne.NewSize(1000, 700))
		q.WaitUntil(b, "first thumbnails", func() bool { return allShown(g) })
		win.Close()
	}
	b.ReportMetric(float64(len(src.ids)), "items")
}
