package app

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

	"github.com/exhibit-app/exhibit/catalog"
)

// TestMakePairFromLibrary selects two images in the library, makes a pair
// of them with Ctrl+P (swapping the order twice in the dialog) and checks
// the case and the compare screen.
func TestMakePairFromLibrary(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	tw := newTestWindow(t, c)
	l := tw.library()
	before0, _ := c.Pairs(ctx)

	// One image: Ctrl+P says what to do.
	ids := l.src.IDs()
	l.grid.SetSelected(ids[:1])
	sc := tw.win.Canvas().(fyne.Shortcutable)
	sc.TypedShortcut(chord(fyne.KeyP, ctrl))
	if s := tw.overlayText(); !strings.Contains(s, "Select two images") {
		t.Fatalf("Ctrl+P with one image says %q", s)
	}
	tw.tapOverlayButton(t, "Close")
	if l.pair.Disabled() == false {
		t.Error("Make a pair… enabled with one image selected")
	}

	// The drone pair: 06-drone-after (taken 16 Oct) and 05-drone-before
	// (12 Oct), selected in that order.
	imgs, _ := c.Images(ctx, catalog.Filter{})
	byName := map[string]*catalog.Image{}
	for _, im := range imgs {
		byName[im.Name()] = im
	}
	after, before := byName["06-drone-after.jpg"], byName["05-drone-before.jpg"]
	if after == nil || before == nil {
		t.Fatalf("the sample has no drone pair: %v", byName)
	}
	l.grid.SetSelected([]int64{after.ID, before.ID})
	if l.pair.Disabled() {
		t.Fatal("Make a pair… disabled with two images selected")
	}
	sc.TypedShortcut(chord(fyne.KeyP, ctrl))
	tw.q.WaitUntil(t, "the pair dialog", func() bool { return tw.lastPairForm != nil })
	f := tw.lastPairForm
	if f.before.ID != before.ID || f.after.ID != after.ID {
		t.Fatalf("dialog orders %s / %s, want the earlier capture first", f.before.Name(), f.after.Name())
	}
	if f.title.Text != "05-drone-before.jpg / 06-drone-after.jpg" {
		t.Errorf("title offered %q", f.title.Text)
	}
	test.Tap(f.swap)
	if f.before.ID != after.ID || !strings.HasPrefix(f.title.Text, "06-drone-after") {
		t.Errorf("after a swap: before %s, title %q", f.before.Name(), f.title.Text)
	}
	test.Tap(f.swap)
	f.title.SetText("Drone over the market, 12 and 16 October")
	f.notes.SetText("Taken from the same mast.")
	tw.tapOverlayButton(t, "Make the pair")

	cs := tw.compare()
	tw.q.WaitUntil(t, "the new pair in the compare screen", func() bool {
		return tw.currentID() == ui.ScreenCompare && cs.data != nil && cs.data.pair.Title == "Drone over the market, 12 and 16 October"
	})
	ps, _ := c.Pairs(ctx)
	if len(ps) != len(before0)+1 {
		t.Fatalf("%d pairs, want %d", len(ps), len(before0)+1)
	}
	p := ps[len(ps)-1]
	if p.BeforeID != before.ID || p.AfterID != after.ID || p.Notes != "Taken from the same mast." {
		t.Errorf("pair stored: %+v", p)
	}
	if p.NotBefore != before.TakenString() || p.NotAfter != after.TakenString() {
		t.Errorf("window %q – %q, want the capture times", p.NotBefore, p.NotAfter)
	}
	if a := auditActions(t, c); a[len(a)-1] != "pair.add" {
		t.Errorf("audit ends with %q", a[len(a)-1])
	}
	tw.q.WaitUntil(t, "the list to show it", func() bool { return len(cs.pairs.rows) == len(ps) })
}

// TestPairEditSwapDelete renames a pair and edits its window (refusing a
// window the wrong way round), swaps a pair, and deletes one.
func TestPairEditSwapDelete(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	tw := newTestWindow(t, c)
	cs := openCompare(t, tw, 1)

	tw.menuAction(t, "Pair", "Edit the pair…")
	f := cs.lastEdit
	if f == nil || f.title.Text != cs.data.pair.Title {
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
	if a := auditActions(t, c); !slices.Contains(a, "pair.delete") || !slices.Contains(a, "pair.update") {
		t.Errorf("audit %v", a[max(0, len(a)-5):])
	}
}
