package library

import (
	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"

	"testing"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
)

// testWindow is the Library screen of a case on a test host.
type testWindow struct {
	*apptest.Host
	q        *apptest.Queue
	win      fyne.Window
	settings *apptest.Settings
	sess     *ui.Session
	l        *libraryScreen
}

// newTestWindow shows the Library screen of c on a test host, and waits
// for its first load.
func newTestWindow(t *testing.T, c *catalog.Case) *testWindow {
	t.Helper()
	h := apptest.NewHost(t)
	tw := &testWindow{Host: h, q: h.Q, win: h.Win, settings: apptest.NewSettings(), sess: ui.NewSession(c)}
	tw.l = newLibraryScreen(h, tw.settings, tw.sess)
	h.Win.SetContent(tw.l.Content())
	t.Cleanup(func() {
		tw.q.Settle()
		tw.l.Close()
		tw.sess.Cancel()
		tw.q.Settle()
	})
	tw.l.Open(ui.Target{})
	tw.waitLibrary(t)
	return tw
}

func (tw *testWindow) library() *libraryScreen { return tw.l }

// waitLibrary waits for the library's load in progress to be shown.
func (tw *testWindow) waitLibrary(t *testing.T) {
	t.Helper()
	l := tw.l
	tw.q.WaitUntil(t, "the library to load", func() bool { return l.loaded && l.loading.CancelFunc == nil })
}

func (tw *testWindow) topOverlay() fyne.CanvasObject { return apptest.TopOverlay(tw.win) }
func (tw *testWindow) overlayText() string           { return apptest.OverlayText(tw.win) }
func (tw *testWindow) tapOverlayButton(t *testing.T, text string) {
	t.Helper()
	apptest.TapOverlayButton(t, tw.win, text)
}
