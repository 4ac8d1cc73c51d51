package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

// shownThumbs counts the grid's cells showing a thumbnail.
func shownThumbs(g *viewer.ThumbGrid) int {
	n := 0
	apptest.Walk(g, func(o fyne.CanvasObject) {
		if img, ok := o.(*canvas.Image); ok && img.Image != nil && img.Visible() {
			n++
		}
	})
	return n
}

// visibleCells is the number of cells wholly in view in the grid of n
// images.
func visibleCells(g *viewer.ThumbGrid, n int) int {
	cols := g.ColumnCount()
	row := g.CreateItem().MinSize().Height + 4 // cell and padding
	rows := max(1, int(g.Size().Height/row))
	return min(n, cols*rows)
}

// BenchmarkOpenLargeCase measures, on a case of 20,000 images, the time from
// opening the case to the visible cells of the library showing their
// thumbnails (in a 1280×820 window).
func BenchmarkOpenLargeCase(b *testing.B) {
	dir := apptest.LargeCase(b, 20000)
	a, q := apptest.NewQueuedApp(b)
	settings := NewSettings(a.Preferences())
	var cells int
	for b.Loop() {
		start := time.Now()
		c, err := catalog.Open(context.Background(), dir)
		if err != nil {
			b.Fatal(err)
		}
		mw := newMainWindow(a, settings, windowOptions{version: "bench"})
		mw.win.Resize(fyne.NewSize(1280, 820))
		mw.setCase(c, ui.ScreenLibrary, ui.Target{})
		l := mw.screen(ui.ScreenLibrary).(libraryOrder)
		grid, ok := apptest.Find[*viewer.ThumbGrid](l.Content())
		if !ok {
			b.Fatal("no thumbnail grid in the library")
		}
		n := 0
		q.WaitUntil(b, "the first thumbnails", func() bool {
			if n == 0 {
				n = len(l.Order(0)) // once the library is read
			}
			cells = visibleCells(grid, n)
			return cells > 0 && shownThumbs(grid) >= cells
		})
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms-to-thumbs")
		b.StopTimer()
		if n != 20000 {
			b.Fatalf("library shows %d images", n)
		}
		mw.closeScreens()
		mw.sess.Cancel()
		q.Settle()
		mw.sess.Case.Close()
		mw.sess = nil
		mw.win.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(cells), "cells")
}
