package review

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

// TestReviewAnnotations draws marks on an image in the review screen
// (stored on the image itself), labels one, undoes and redoes with the
// keyboard, and finds the mark in the compare screen of a pair of the
// image.
func TestReviewAnnotations(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	tw := newTestWindow(t, c)
	p, _ := c.Pair(ctx, 2)
	r := tw.r
	r.Open(ui.Target{ImageID: p.BeforeID})
	tw.q.WaitUntil(t, "the image", func() bool { return r.im != nil && r.im.ID == p.BeforeID && r.image.Stage >= ui.StagePreview })
	l := r.image.Layer
	stored := func() []*catalog.Annotation {
		anns, err := c.Annotations(ctx, catalog.AnnotationScope{ImageID: p.BeforeID})
		if err != nil {
			t.Fatal(err)
		}
		return anns
	}
	n0 := len(stored())

	test.Tap(r.tools.Tools[viewer.ToolEllipse])
	apptest.DragLayer(l, 0.4, 0.4, 0.6, 0.55)
	anns := stored()
	if len(anns) != n0+1 {
		t.Fatalf("%d marks stored, want %d", len(anns), n0+1)
	}
	ell := anns[len(anns)-1]
	if ell.Kind != catalog.KindEllipse || ell.PairID != 0 || ell.ImageID != p.BeforeID {
		t.Errorf("stored %+v", ell)
	}
	if r.side.SelectedIndex() != 3 || !strings.HasPrefix(r.side.Items[3].Text, "Marks (") {
		t.Errorf("tab %d (%q) after drawing", r.side.SelectedIndex(), r.side.Items[3].Text)
	}
	if !strings.Contains(r.marks.Scope.Text, "image itself") {
		t.Errorf("scope %q", r.marks.Scope.Text)
	}

	// A label typed, and Enter: stored at once.
	test.Type(r.marks.Label, "Water tank")
	r.marks.Label.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := stored()[len(anns)-1].Label; got != "Water tank" {
		t.Errorf("label stored %q", got)
	}
	// (Ctrl+Z in the focused label undoes the typing, not the mark: the
	// window's test TestUndoInAFieldFocused.)

	// Undo (Ctrl+Z, through the window): the label, then the mark; redo
	// both (Ctrl+Y, Ctrl+Shift+Z).
	r.Undo()
	if got := stored()[len(anns)-1].Label; got != "" {
		t.Errorf("undo: label %q", got)
	}
	r.Undo()
	if len(stored()) != n0 {
		t.Error("undo does not remove the mark")
	}
	r.Redo()
	r.Redo()
	anns = stored()
	if len(anns) != n0+1 || anns[len(anns)-1].ID != ell.ID || anns[len(anns)-1].Label != "Water tank" {
		t.Errorf("redo: %d marks, last %+v", len(anns), anns[len(anns)-1])
	}

	// (The pair of the image shows it, saying where it belongs: Compare's
	// TestImageMarkInItsPair.)

	// Back in the review, Delete (the image focused) deletes it.
	r.Open(ui.Target{})
	tw.q.Settle()
	l.Select(ell.ID)
	tw.win.Canvas().Focus(l)
	l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if len(stored()) != n0 {
		t.Error("Delete does not delete the mark")
	}
}
