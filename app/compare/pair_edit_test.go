package compare

import (
	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// editForm returns the fields of the Edit the pair dialog on top of the
// window, found in its widget tree.
func editForm(t *testing.T, tw *testWindow) *pairEditForm {
	t.Helper()
	f := &pairEditForm{
		title: apptest.FormEntry(t, tw.win, "Title"),
		nb:    apptest.FormEntry(t, tw.win, "Not before"),
		na:    apptest.FormEntry(t, tw.win, "Not after"),
	}
	notes, ok := apptest.FormWidget(tw.topOverlay(), "Notes").(*ui.TextArea)
	if !ok {
		t.Fatal("no notes in the Edit the pair dialog")
	}
	f.notes = notes
	apptest.Walk(tw.topOverlay(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Importance == widget.DangerImportance && f.problem == nil {
			f.problem = l
		}
	})
	if f.problem == nil {
		t.Fatal("no line for the window's problem in the Edit the pair dialog")
	}
	return f
}

// TestPairEditSwapDelete renames a pair and edits its window (refusing a
// window the wrong way round), swaps a pair, and deletes one.
func TestPairEditSwapDelete(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	tw := newTestWindow(t, c)
	cs := openCompare(t, tw, 1)

	cs.EditPair() // Pair ▸ Edit the pair…
	f := editForm(t, tw)
	if f.title.Text != cs.data.pair.Title {
		t.Fatal("no edit dialog with the pair's title")
	}
	if f.nb.Text != "2017-10-11 09:42:17 +03:00" {
		t.Errorf("not before shown %q", f.nb.Text)
	}
	f.title.SetText("Souq Street, No. 12")
	f.notes.SetText("Checked on site.")
	test.Type(f.nb, "x") // unreadable
	if f.nb.Validate() == nil {
		t.Error("an unreadable time is accepted")
	}
	f.nb.SetText("2017-10-12 08:00")
	f.na.SetText("2017-10-11")
	if err := f.na.Validate(); err == nil || !f.problem.Visible() || !strings.Contains(f.problem.Text, "later") {
		t.Errorf("a window the wrong way round: %v, %q", err, f.problem.Text)
	}
	if save := apptest.FindButton(tw.topOverlay(), "Save"); save == nil || !save.Disabled() {
		t.Error("Save enabled with a window the wrong way round")
	}
	f.na.SetText("2017-10-16 15:30 +03:00")
	if f.problem.Visible() {
		t.Errorf("problem still shown: %q", f.problem.Text)
	}
	tw.tapOverlayButton(t, "Save")
	tw.q.WaitUntil(t, "the change", func() bool { return cs.data.pair.Title == "Souq Street, No. 12" })
	p, _ := c.Pair(ctx, 1)
	if p.Notes != "Checked on site." || p.NotBefore != "2017-10-12T08:00" || p.NotAfter != "2017-10-16T15:30:00+03:00" {
		t.Errorf("stored: notes %q, window %q – %q", p.Notes, p.NotBefore, p.NotAfter)
	}
	if !strings.Contains(cs.title.Text, "No. 12") {
		t.Errorf("title shown %q", cs.title.Text)
	}
	tw.q.WaitUntil(t, "the list to follow", func() bool {
		return slices.ContainsFunc(cs.pairs.rows, func(r pairRow) bool { return r.p.Title == "Souq Street, No. 12" })
	})

	// Swap pair 2 (not aligned): no question.
	cs = openCompare(t, tw, 2)
	p2, _ := c.Pair(ctx, 2)
	test.Tap(cs.info.swap)
	tw.q.WaitUntil(t, "the swap", func() bool { p, _ := c.Pair(ctx, 2); return p.BeforeID == p2.AfterID })
	tw.q.WaitUntil(t, "the swapped images shown", func() bool { return cs.data.ims[0].ID == p2.AfterID && cs.load.CancelFunc == nil })

	// Swap pair 1 (aligned): asked first, the alignment reset.
	cs = openCompare(t, tw, 1)
	test.Tap(cs.info.swap)
	if !strings.Contains(tw.overlayText(), "resets it") {
		t.Fatalf("swapping an aligned pair asks %q", tw.overlayText())
	}
	tw.tapOverlayButton(t, "Cancel")

	// Delete pair 1: asked, cancelled, then done.
	images0, _ := c.CountImages(ctx)
	test.Tap(cs.info.del)
	if s := tw.overlayText(); !strings.Contains(s, "images are not deleted") || !strings.Contains(s, "audit trail") {
		t.Errorf("delete asks %q", s)
	}
	tw.tapOverlayButton(t, "Cancel")
	tw.q.Settle()
	if _, err := c.Pair(ctx, 1); err != nil {
		t.Fatalf("a cancelled delete deleted: %v", err)
	}
	test.Tap(cs.info.del)
	tw.tapOverlayButton(t, "Delete the pair")
	tw.q.WaitUntil(t, "the delete", func() bool { _, err := c.Pair(ctx, 1); return errors.Is(err, catalog.ErrNotFound) })
	tw.q.WaitUntil(t, "another pair shown", func() bool { return cs.data != nil && cs.data.pair.ID == 2 })
	if n, _ := c.CountImages(ctx); n != images0 {
		t.Errorf("%d images after deleting a pair, %d before", n, images0)
	}
	if slices.ContainsFunc(cs.pairs.rows, func(r pairRow) bool { return r.p.ID == 1 }) {
		t.Error("the deleted pair is still listed")
	}
	if a := apptest.AuditActions(t, c); !slices.Contains(a, "pair.delete") || !slices.Contains(a, "pair.update") {
		t.Errorf("audit %v", a[max(0, len(a)-5):])
	}
}
