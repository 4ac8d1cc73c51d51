package library

import (
	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
)

// BenchmarkFilterLargeCase measures one filter of the library of 20,000
// images, in the background, from the change to the count shown.
func BenchmarkFilterLargeCase(b *testing.B) {
	dir := apptest.LargeCase(b, 20000)
	h := apptest.NewHost(b)
	c, err := catalog.Open(context.Background(), dir)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	s := ui.NewSession(c)
	l := newLibraryScreen(h, apptest.NewSettings(), s)
	h.Win.SetContent(l.Content())
	h.Win.Resize(fyne.NewSize(1280, 820))
	l.Open(ui.Target{})
	h.Q.WaitUntil(b, "the library", func() bool { return l.loaded })
	gps := false
	for b.Loop() {
		gps = !gps
		l.bar.gps.SetChecked(gps)
		h.Q.WaitUntil(b, "the filter", func() bool { return l.loading.CancelFunc == nil && l.bar.query().hasGPS == gps })
	}
	b.StopTimer()
	l.Close()
	s.Cancel()
	h.Q.Settle()
}
