package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/viewer"
)

// typeRune and typeKey deliver a key as Fyne's desktop driver does: to the
// widget focused (in the top dialog when one is shown), else to the
// window's canvas handlers.
func (tw *testWindow) typeRune(r rune) {
	if f := tw.win.Canvas().Focused(); f != nil {
		f.TypedRune(r)
		return
	}
	tw.win.Canvas().OnTypedRune()(r)
}

func (tw *testWindow) typeKey(k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := tw.win.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	tw.win.Canvas().OnTypedKey()(ev)
}

// TestKeysStayInDialogs types into dialogs, with and without a field
// focused: no key reaches the screen behind (the compare screen's mode and
// zoom keys, the review screen's Escape), and with the dialog closed the
// same keys work again.
func TestKeysStayInDialogs(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	cv := openCompare(t, tw, 1)
	check := func(what string) {
		t.Helper()
		if m := cv.Mode(); m != viewer.ModeSideBySide {
			t.Errorf("%s: the compare screen behind switched to mode %v", what, m)
		}
	}
	cv.SetMode(viewer.ModeSideBySide)
	zoom := cv.ActiveView().View()

	tw.menuAction(t, "Pair", "Edit the pair…")
	if tw.topOverlay() == nil {
		t.Fatal("no Edit the pair dialog")
	}
	nb := apptest.FormEntry(t, tw.win, "Not before")
	for _, focus := range []fyne.Focusable{nil, nb} {
		tw.win.Canvas().Unfocus()
		if focus != nil {
			tw.win.Canvas().Focus(focus)
		}
		for _, r := range "2017-10-14 2+3-0" {
			tw.typeRune(r)
		}
		tw.typeKey(fyne.KeyLeft)
		tw.typeKey(fyne.KeySpace)
		check("typing in the dialog")
		if v := cv.ActiveView().View(); v != zoom {
			t.Errorf("typing in the dialog zoomed the view behind: %+v, was %+v", v, zoom)
		}
	}
	if got := nb.Text; !strings.Contains(got, "2017-10-14 2+3-0") {
		t.Errorf("the focused field holds %q: the keys did not reach it", got)
	}
	tw.tapOverlayButton(t, "Cancel")
	tw.typeRune('2')
	if cv.Mode() != viewer.ModeSwipe {
		t.Errorf("with the dialog closed, 2 shows mode %v, want swipe", cv.Mode())
	}

	// Escape on "Export complete" over the review screen stays there.
	openReview(t, tw, 0)
	tw.menuAction(t, "File", "Export the catalog as CSV…")
	fillExport(t, tw, t.TempDir(), "catalog")
	waitExport(t, tw)
	if !strings.Contains(tw.overlayText(), "Export complete") {
		t.Fatal("no Export complete dialog")
	}
	tw.typeKey(fyne.KeyEscape)
	tw.q.Settle()
	if id := tw.currentID(); id != ui.ScreenReview {
		t.Errorf("Escape on Export complete showed the %s screen", id)
	}
	tw.topOverlay().Hide()
	tw.win.Canvas().Unfocus() // the image had the focus: it keeps Escape to deselect
	tw.typeKey(fyne.KeyEscape)
	tw.q.Settle()
	if id := tw.currentID(); id != ui.ScreenLibrary {
		t.Errorf("Escape with no dialog shows the %s screen, want the library", id)
	}
}
