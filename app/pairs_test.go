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

