package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/catalog"
)

// testWindow is a main window on a test app, and its queue.
type testWindow struct {
	*mainWindow
	q *apptest.Queue
}

// newTestWindow opens the main window (1280×820) on c, library first.
func newTestWindow(t *testing.T, c *catalog.Case) *testWindow {
	t.Helper()
	a, q := apptest.NewQueuedApp(t)
	mw := newMainWindow(a, NewSettings(a.Preferences()), "test")
	mw.win.Resize(fyne.NewSize(1280, 820))
	tw := &testWindow{mainWindow: mw, q: q}
	t.Cleanup(func() {
		q.Settle()
		mw.closeScreens()
		if mw.sess != nil {
			mw.sess.Cancel()
		}
		q.Settle()
	})
	if c != nil {
		mw.setCase(c, ui.ScreenLibrary, ui.Target{})
		tw.waitLibrary(t)
	}
	return tw
}

func (tw *testWindow) library() *libraryScreen { return tw.screen(ui.ScreenLibrary).(*libraryScreen) }
func (tw *testWindow) review() *reviewScreen   { return tw.screen(ui.ScreenReview).(*reviewScreen) }

// waitLibrary waits for the library's load in progress to be shown.
func (tw *testWindow) waitLibrary(t *testing.T) {
	t.Helper()
	l := tw.library()
	tw.q.WaitUntil(t, "the library to load", func() bool { return l.loaded && l.loading.CancelFunc == nil })
}

// currentID returns the ID of the screen shown.
func (tw *testWindow) currentID() string {
	if tw.current < 0 {
		return ""
	}
	return tw.slots[tw.current].spec.ID
}

// topOverlay returns the dialog or pop-up on top of the window, or nil.
func (tw *testWindow) topOverlay() fyne.CanvasObject { return tw.win.Canvas().Overlays().Top() }

// tapOverlayButton taps the button with this text in the top dialog.
func (tw *testWindow) tapOverlayButton(t *testing.T, text string) {
	t.Helper()
	top := tw.topOverlay()
	if top == nil {
		t.Fatalf("no dialog open to tap %q in", text)
	}
	b := apptest.FindButton(top, text)
	if b == nil {
		t.Fatalf("no button %q in the dialog", text)
	}
	test.Tap(b)
}
