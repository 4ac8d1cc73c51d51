package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"slices"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

// testWindow is a main window on a test app, and its queue.
type testWindow struct {
	*mainWindow
	q *apptest.Queue
}

// newTestWindow opens the main window (1280×820) on c, library first.
func newTestWindow(t *testing.T, c *catalog.Case) *testWindow {
	t.Helper()
	return newTestWindowWith(t, c, windowOptions{version: "test"})
}

// newTestWindowWith opens the main window made with o on c.
func newTestWindowWith(t *testing.T, c *catalog.Case, o windowOptions) *testWindow {
	t.Helper()
	a, q := apptest.NewQueuedApp(t)
	mw := newMainWindow(a, NewSettings(a.Preferences()), o)
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

// library returns the Library screen, as the window sees it.
func (tw *testWindow) library() libraryOrder { return tw.screen(ui.ScreenLibrary).(libraryOrder) }

// waitLibrary waits for the library's load in progress to be shown: its
// count no longer says it is loading or filtering.
func (tw *testWindow) waitLibrary(t *testing.T) {
	t.Helper()
	l := tw.library()
	tw.q.WaitUntil(t, "the library to load", func() bool {
		texts := apptest.Texts(l.Content())
		return !slices.Contains(texts, "Loading…") && !slices.Contains(texts, "Filtering…")
	})
}

// libraryIDs returns the images the library shows, in its order.
func (tw *testWindow) libraryIDs() []int64 { return tw.library().Order(0) }

// openReview opens the review screen on the library's image at index i,
// as a double click on it does, and waits for it to be shown.
func openReview(t *testing.T, tw *testWindow, i int) int64 {
	t.Helper()
	ids := tw.libraryIDs()
	tw.show(ui.ScreenReview, ui.Target{ImageID: ids[i], Order: ids})
	tw.q.WaitUntil(t, "the review of the image", func() bool { im := tw.ReviewImage(); return im != nil && im.ID == ids[i] })
	return ids[i]
}

// openCompare shows the compare screen on pair id and waits until its
// view shows both images, laid out.
func openCompare(t *testing.T, tw *testWindow, id int64) *viewer.CompareView {
	t.Helper()
	tw.show(ui.ScreenCompare, ui.Target{PairID: id})
	cv, ok := apptest.Find[*viewer.CompareView](tw.screen(ui.ScreenCompare).Content())
	if !ok {
		t.Fatal("no compare view in the compare screen")
	}
	for _, s := range []viewer.Side{viewer.SideBefore, viewer.SideAfter} {
		z := cv.SideView(s)
		tw.q.WaitUntil(t, "the side laid out", func() bool {
			_, size := z.ImageRect()
			return z.Image() != nil && size.Width > 10 && size.Height > 10
		})
	}
	tw.q.Settle()
	return cv
}

// menuAction runs the action of a main menu's item.
func (tw *testWindow) menuAction(t *testing.T, menu, label string) {
	t.Helper()
	for _, m := range tw.menu.Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				if it.Disabled {
					t.Fatalf("%s ▸ %s is disabled", menu, label)
				}
				it.Action()
				return
			}
		}
	}
	t.Fatalf("no menu item %s ▸ %s", menu, label)
}

// overlayText returns the text of the top dialog.
func (tw *testWindow) overlayText() string { return apptest.OverlayText(tw.win) }

// currentID returns the ID of the screen shown.
func (tw *testWindow) currentID() string {
	if tw.current < 0 {
		return ""
	}
	return tw.slots[tw.current].spec.ID
}

// topOverlay returns the dialog or pop-up on top of the window, or nil.
func (tw *testWindow) topOverlay() fyne.CanvasObject { return apptest.TopOverlay(tw.win) }

// tapOverlayButton taps the button with this text in the top dialog.
func (tw *testWindow) tapOverlayButton(t *testing.T, text string) {
	t.Helper()
	apptest.TapOverlayButton(t, tw.win, text)
}

// reviewLayer returns the review screen's annotation layer, once its
// image is shown.
func reviewLayer(t *testing.T, tw *testWindow) *viewer.AnnotationLayer {
	t.Helper()
	l, ok := apptest.Find[*viewer.AnnotationLayer](tw.screen(ui.ScreenReview).Content())
	if !ok {
		t.Fatal("no annotation layer in the review screen")
	}
	tw.q.WaitUntil(t, "the image shown", func() bool { return l.ZoomView().Image() != nil })
	tw.q.Settle()
	return l
}

// waitPreview waits until the review screen shows its image's preview
// (more pixels than its thumbnail has: the sample's originals are larger).
func waitPreview(t *testing.T, tw *testWindow) {
	t.Helper()
	z := reviewLayer(t, tw).ZoomView()
	tw.q.WaitUntil(t, "the preview", func() bool {
		img := z.Image()
		return img != nil && max(img.Bounds().Dx(), img.Bounds().Dy()) > catalog.ThumbSize
	})
}
