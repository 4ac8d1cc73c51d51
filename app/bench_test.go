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
)

// shownThumbs counts the grid's cells showing a thumbnail.
func shownThumbs(l *libraryScreen) int {
	n := 0
	apptest.Walk(l.grid, func(o fyne.CanvasObject) {
		if img, ok := o.(*canvas.Image); ok && img.Image != nil && img.Visible() {
			n++
		}
	})
	return n
}

// visibleCells is the number of cells wholly in view in the grid.
func visibleCells(l *libraryScreen) int {
	cols := l.grid.ColumnCount()
	row := l.grid.CreateItem().MinSize().Height + 4 // cell and padding
	rows := max(1, int(l.grid.Size().Height/row))
	return min(l.src.Len(), cols*rows)
}

// BenchmarkOpenLargeCase measures, on a case of 20,000 images, the time from
// opening the case to the visible cells of the library showing their
// thumbnails (in a 1280×820 window).
func BenchmarkOpenLargeCase(b *testing.B) {
	dir := largeCase(b, 20000)
	a, q := apptest.NewQueuedApp(b)
	settings := NewSettings(a.Preferences())
	var cells int
	for b.Loop() {
		start := time.Now()
		c, err := catalog.Open(context.Background(), dir)
		if err != nil {
			b.Fatal(err)
		}
		mw := newMainWindow(a, settings, "bench")
		mw.win.Resize(fyne.NewSize(1280, 820))
		mw.setCase(c, ui.ScreenLibrary, ui.Target{})
		l := mw.screen(ui.ScreenLibrary).(*libraryScreen)
		q.WaitUntil(b, "the first thumbnails", func() bool {
			if !l.loaded {
				return false
			}
			cells = visibleCells(l)
			return cells > 0 && shownThumbs(l) >= cells
		})
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms-to-thumbs")
		b.StopTimer()
		if l.total != 20000 {
			b.Fatalf("library shows %d images", l.total)
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

// BenchmarkFilterLargeCase measures one filter of the library of 20,000
// images, in the background, from the change to the count shown.
func BenchmarkFilterLargeCase(b *testing.B) {
	dir := largeCase(b, 20000)
	a, q := apptest.NewQueuedApp(b)
	c, err := catalog.Open(context.Background(), dir)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	mw := newMainWindow(a, NewSettings(a.Preferences()), "bench")
	mw.win.Resize(fyne.NewSize(1280, 820))
	mw.setCase(c, ui.ScreenLibrary, ui.Target{})
	l := mw.screen(ui.ScreenLibrary).(*libraryScreen)
	q.WaitUntil(b, "the library", func() bool { return l.loaded })
	gps := false
	for b.Loop() {
		gps = !gps
		l.bar.gps.SetChecked(gps)
		q.WaitUntil(b, "the filter", func() bool { return l.loading.CancelFunc == nil && l.bar.query().hasGPS == gps })
	}
	b.StopTimer()
	mw.closeScreens()
	mw.sess.Cancel()
	q.Settle()
}
