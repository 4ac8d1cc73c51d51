package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

// TestLibraryToReviewAndBack: Enter on the library's grid shows the
// review of the cursor's image, walking the selection, the keys going to
// the review (not to the hidden grid); Escape goes back to the library,
// the image reviewed selected, the grid focused.
func TestLibraryToReviewAndBack(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	grid, ok := apptest.Find[*viewer.ThumbGrid](tw.library().Content())
	if !ok {
		t.Fatal("no thumbnail grid in the library")
	}
	ids := tw.libraryIDs()
	grid.SetSelected([]int64{ids[2], ids[4]})
	tw.win.Canvas().Focus(grid)
	grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	tw.q.WaitUntil(t, "the review screen to show the image", func() bool { im := tw.ReviewImage(); return im != nil && im.ID == ids[2] })
	if tw.currentID() != ui.ScreenReview {
		t.Fatalf("screen %q after Enter", tw.currentID())
	}
	layer := reviewLayer(t, tw)
	if f := tw.win.Canvas().Focused(); f != layer {
		t.Fatalf("focus on %T in the review screen", f)
	}
	layer.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	tw.q.WaitUntil(t, "the next image of the selection", func() bool { return tw.ReviewImage().ID == ids[4] })
	if sel := grid.Selected(); !slices.Equal(sel, []int64{ids[2], ids[4]}) {
		t.Errorf("the hidden library's selection changed to %v", sel)
	}

	// Escape, with nothing focused, goes back to the library.
	tw.win.Canvas().Unfocus()
	tw.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if tw.currentID() != ui.ScreenLibrary {
		t.Fatalf("screen %q after Escape", tw.currentID())
	}
	tw.q.Settle()
	if sel := grid.Selected(); !slices.Equal(sel, []int64{ids[4]}) {
		t.Errorf("library selection %v after review, want the image reviewed", sel)
	}
	if tw.win.Canvas().Focused() != grid {
		t.Errorf("focus on %T back in the library", tw.win.Canvas().Focused())
	}
}

// TestUndoInAFieldFocused: Ctrl+Z with a text field focused (a mark's
// label) undoes the typing, not the mark; with nothing focused it undoes
// the mark's last change; Edit ▸ Undo and Ctrl+Shift+Z too.
func TestUndoInAFieldFocused(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	tw := newTestWindow(t, c)
	id := openReview(t, tw, 0)
	stored := func() []*catalog.Annotation {
		anns, err := c.Annotations(ctx, catalog.AnnotationScope{ImageID: id})
		if err != nil {
			t.Fatal(err)
		}
		return anns
	}
	n0 := len(stored())
	l := reviewLayer(t, tw)
	l.SetTool(viewer.ToolRect)
	apptest.DragLayer(l, 0.3, 0.3, 0.6, 0.6)
	if len(stored()) != n0+1 {
		t.Fatalf("%d marks stored, want %d", len(stored()), n0+1)
	}
	var label *widget.Entry
	apptest.Walk(tw.screen(ui.ScreenReview).Content(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && strings.HasPrefix(e.PlaceHolder, "Label") {
			label = e
		}
	})
	if label == nil {
		t.Fatal("no label field for the mark")
	}
	test.Type(label, "Water tank")
	label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	last := func() *catalog.Annotation { anns := stored(); return anns[len(anns)-1] }
	if got := last().Label; got != "Water tank" {
		t.Fatalf("label stored %q", got)
	}

	tw.win.Canvas().Focus(label)
	test.Type(label, "s")
	sc := tw.win.Canvas().(fyne.Shortcutable)
	sc.TypedShortcut(&fyne.ShortcutUndo{})
	if label.Text == "Water tanks" || last().Label != "Water tank" || len(stored()) != n0+1 {
		t.Errorf("Ctrl+Z in the label: entry %q, stored %q", label.Text, last().Label)
	}
	label.SetText("Water tank")
	tw.win.Canvas().Unfocus()

	// Nothing focused: the label, then the mark, undone; redone.
	sc.TypedShortcut(&fyne.ShortcutUndo{})
	if got := last().Label; got != "" {
		t.Errorf("undo: label %q", got)
	}
	tw.menuAction(t, "Edit", "Undo")
	if len(stored()) != n0 {
		t.Error("Edit ▸ Undo does not remove the mark")
	}
	sc.TypedShortcut(&fyne.ShortcutRedo{})
	sc.TypedShortcut(chord(fyne.KeyZ, ctrl|fyne.KeyModifierShift))
	if len(stored()) != n0+1 || last().Label != "Water tank" {
		t.Errorf("redo: %d marks, last %+v", len(stored()), last())
	}
}

// TestReportOpensOnAnExcerpt: the Reports screen shown on an excerpt (as
// Review's Open in the report asks) shows its page with the excerpt
// highlighted.
func TestReportOpensOnAnExcerpt(t *testing.T) {
	c := apptest.SampleCase(t)
	rep, bakery := apptest.SurveyBakery(t, c)
	tw := newTestWindow(t, c)
	tw.show(ui.ScreenReport, ui.Target{ReportID: rep.ID, ExcerptID: bakery.ID})
	content := tw.screen(ui.ScreenReport).Content()
	var view *viewer.PageView
	apptest.Walk(content, func(o fyne.CanvasObject) {
		if v, ok := o.(*viewer.PageView); ok {
			view = v
		}
	})
	tw.q.WaitUntil(t, "the report's page 2", func() bool {
		return view != nil && view.Image() != nil && strings.Contains(strings.Join(apptest.Texts(content), "\n"), "Page 2 of 3")
	})
	if n := apptest.YellowPixels(view.Image()); n < 1000 {
		t.Errorf("the Reports screen shows page 2 with %d highlighted pixels", n)
	}
}
