package compare

import (
	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"

	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

// testWindow is the Compare screen of a case on a test host, the keys
// typed with nothing focused going to the screen as the window sends them.
type testWindow struct {
	*apptest.Host
	q        *apptest.Queue
	win      fyne.Window
	settings *apptest.Settings
	sess     *ui.Session
	cs       *compareScreen
}

// newTestWindow makes the Compare screen of c on a test host.
func newTestWindow(t *testing.T, c *catalog.Case) *testWindow {
	t.Helper()
	h := apptest.NewHost(t)
	tw := &testWindow{Host: h, q: h.Q, win: h.Win, settings: apptest.NewSettings(), sess: ui.NewSession(c)}
	tw.cs = newCompareScreen(h, tw.settings, tw.sess)
	h.Win.SetContent(tw.cs.Content())
	h.Win.Canvas().SetOnTypedRune(tw.cs.TypedRune)
	h.Win.Canvas().SetOnTypedKey(tw.cs.TypedKey)
	t.Cleanup(func() {
		tw.q.Settle()
		tw.cs.Close()
		tw.sess.Cancel()
		tw.q.Settle()
	})
	return tw
}

// openCompare opens the screen on pair id and waits until it is shown,
// images and marks loaded, the views laid out.
func openCompare(t *testing.T, tw *testWindow, id int64) *compareScreen {
	t.Helper()
	cs := tw.cs
	cs.Open(ui.Target{PairID: id})
	tw.q.WaitUntil(t, "the pair", func() bool {
		return cs.data != nil && cs.data.pair.ID == id && cs.want == 0 && cs.load.CancelFunc == nil && cs.pairs.loaded
	})
	for _, s := range []viewer.Side{viewer.SideBefore, viewer.SideAfter} {
		z := cs.cv.SideView(s)
		tw.q.WaitUntil(t, "the side laid out", func() bool {
			_, size := z.ImageRect()
			return size.Width > 10 && size.Height > 10
		})
	}
	return cs
}

// waitComposed waits until the compare view shows its current mode.
func waitComposed(t *testing.T, tw *testWindow, cs *compareScreen) {
	t.Helper()
	tw.q.WaitUntil(t, "the composition", func() bool { return !cs.cv.Busy() })
}

func (tw *testWindow) topOverlay() fyne.CanvasObject { return apptest.TopOverlay(tw.win) }
func (tw *testWindow) overlayText() string           { return apptest.OverlayText(tw.win) }
func (tw *testWindow) tapOverlayButton(t *testing.T, text string) {
	t.Helper()
	apptest.TapOverlayButton(t, tw.win, text)
}

// tapMouse is a widget taking clicks.
type tapMouse interface {
	fyne.Tappable
	desktop.Mouseable
	fyne.CanvasObject
}

// alignOverlay returns the point picking overlay of a side (the object
// the ZoomView shows over its image), to click on.
func alignOverlay(t *testing.T, z *viewer.ZoomView) tapMouse {
	t.Helper()
	for _, o := range test.WidgetRenderer(z).Objects() {
		if _, isLayer := o.(*viewer.AnnotationLayer); isLayer {
			continue
		}
		if tp, ok := o.(tapMouse); ok {
			return tp
		}
	}
	t.Fatal("no point picking overlay on the view")
	return nil
}
