package review

import (
	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
)

// testWindow is the Review screen of a case on a test host, the keys
// typed with nothing focused going to the screen as the window sends
// them; the host's Library order is every image, in the Library's default
// order.
type testWindow struct {
	*apptest.Host
	q        *apptest.Queue
	win      fyne.Window
	settings *apptest.Settings
	sess     *ui.Session
	r        *reviewScreen
	ids      []int64 // the order openReview walks
}

// newTestWindow makes the Review screen of c on a test host.
func newTestWindow(t *testing.T, c *catalog.Case) *testWindow {
	t.Helper()
	h := apptest.NewHost(t)
	tw := &testWindow{Host: h, q: h.Q, win: h.Win, settings: apptest.NewSettings(), sess: ui.NewSession(c)}
	ids, err := allIDs(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	tw.ids, h.Order = ids, ids
	tw.r = newReviewScreen(h, tw.settings, tw.sess)
	h.Win.SetContent(tw.r.Content())
	h.Win.Canvas().SetOnTypedRune(tw.r.TypedRune)
	h.Win.Canvas().SetOnTypedKey(tw.r.TypedKey)
	t.Cleanup(func() {
		tw.q.Settle()
		tw.r.Close()
		tw.sess.Cancel()
		tw.q.Settle()
	})
	return tw
}

// openReview opens the screen on the image at index i of tw.ids, walking
// tw.ids, as the Library does.
func openReview(t *testing.T, tw *testWindow, i int) *reviewScreen {
	t.Helper()
	r, id := tw.r, tw.ids[i]
	r.Open(ui.Target{ImageID: id, Order: tw.ids})
	tw.q.WaitUntil(t, "the review of the image", func() bool { return r.im != nil && r.im.ID == id && r.load.CancelFunc == nil })
	return r
}

func (tw *testWindow) topOverlay() fyne.CanvasObject { return apptest.TopOverlay(tw.win) }
func (tw *testWindow) tapOverlayButton(t *testing.T, text string) {
	t.Helper()
	apptest.TapOverlayButton(t, tw.win, text)
}
