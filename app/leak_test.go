package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"runtime"
	"testing"
	"time"
)

// TestNoGoroutineLeftAfterCaseClose shows every screen of a case, then
// closes it: the goroutines its screens started (loads, thumbnails,
// decoders) all end.
func TestNoGoroutineLeftAfterCaseClose(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, nil)
	tw.q.Settle()
	base := runtime.NumGoroutine()

	tw.setCase(c, ui.ScreenLibrary, ui.Target{})
	tw.waitLibrary(t)
	openReview(t, tw, 0)
	waitPreview(t, tw)
	tw.show(ui.ScreenReport, ui.Target{})
	tw.q.Settle() // the report read and shown
	openCompare(t, tw, 1)
	tw.show(ui.ScreenLibrary, ui.Target{})
	tw.q.Settle()

	tw.shutdown() // closes the screens and the case
	deadline := time.Now().Add(10 * time.Second)
	for {
		tw.q.Drain()
		n := runtime.NumGoroutine()
		if n <= base {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines an instant after closing the case, %d before opening it:\n%s", n, base, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(50 * time.Millisecond)
	}
}
