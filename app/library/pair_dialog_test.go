package library

import (
	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/catalog"
)

// sidesShown returns the names of the before and the after image the pair
// dialog on top shows (the name under each heading).
func sidesShown(t *testing.T, tw *testWindow, names ...string) (before, after string) {
	t.Helper()
	texts := apptest.Texts(tw.topOverlay())
	b, a := slices.Index(texts, "Before"), slices.Index(texts, "After")
	if b < 0 || a < 0 {
		t.Fatalf("the pair dialog shows no Before and After: %q", texts)
	}
	first := func(from int) string {
		for _, s := range texts[from:] {
			if slices.Contains(names, s) {
				return s
			}
		}
		return ""
	}
	return first(b), first(a)
}

// TestMakePairFromLibrary selects two images in the library, makes a pair
// of them (Make a pair…, swapping the order twice in the dialog) and
// checks the case and that the host is asked for Compare on it. (The
// window's TestMakePairWithCtrlP goes through Ctrl+P.)
func TestMakePairFromLibrary(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	tw := newTestWindow(t, c)
	l := tw.library()
	before0, _ := c.Pairs(ctx)

	// One image: Make a pair says what to do.
	ids := l.src.IDs()
	l.grid.SetSelected(ids[:1])
	l.MakePair()
	if s := tw.overlayText(); !strings.Contains(s, "Select two images") {
		t.Fatalf("Make a pair with one image says %q", s)
	}
	tw.tapOverlayButton(t, "Close")
	if !l.pair.Disabled() {
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
	names := []string{before.Name(), after.Name()}
	l.grid.SetSelected([]int64{after.ID, before.ID})
	if l.pair.Disabled() {
		t.Fatal("Make a pair… disabled with two images selected")
	}
	test.Tap(l.pair)
	tw.q.WaitUntil(t, "the pair dialog", func() bool { return apptest.FindButton(tw.topOverlay(), "Make the pair") != nil })
	if b, a := sidesShown(t, tw, names...); b != before.Name() || a != after.Name() {
		t.Fatalf("dialog orders %s / %s, want the earlier capture first", b, a)
	}
	title := apptest.FormEntry(t, tw.win, "Title")
	if title.Text != "05-drone-before.jpg / 06-drone-after.jpg" {
		t.Errorf("title offered %q", title.Text)
	}
	swap := apptest.FindButton(tw.topOverlay(), "Swap before and after")
	if swap == nil {
		t.Fatal("no Swap before and after in the pair dialog")
	}
	test.Tap(swap)
	if b, _ := sidesShown(t, tw, names...); b != after.Name() || !strings.HasPrefix(title.Text, "06-drone-after") {
		t.Errorf("after a swap: before %s, title %q", b, title.Text)
	}
	test.Tap(swap)
	title.SetText("Drone over the market, 12 and 16 October")
	notes, ok := apptest.FormWidget(tw.topOverlay(), "Notes").(*ui.TextArea)
	if !ok {
		t.Fatal("no notes in the pair dialog")
	}
	notes.SetText("Taken from the same mast.")
	tw.tapOverlayButton(t, "Make the pair")

	var ps []*catalog.Pair
	tw.q.WaitUntil(t, "the pair made", func() bool { ps, _ = c.Pairs(ctx); return len(ps) == len(before0)+1 })
	p := ps[len(ps)-1]
	if p.BeforeID != before.ID || p.AfterID != after.ID || p.Title != "Drone over the market, 12 and 16 October" || p.Notes != "Taken from the same mast." {
		t.Errorf("pair stored: %+v", p)
	}
	if p.NotBefore != before.TakenString() || p.NotAfter != after.TakenString() {
		t.Errorf("window %q – %q, want the capture times", p.NotBefore, p.NotAfter)
	}
	if a := apptest.AuditActions(t, c); a[len(a)-1] != "pair.add" {
		t.Errorf("audit ends with %q", a[len(a)-1])
	}
	tw.q.WaitUntil(t, "Compare asked for", func() bool { return tw.LastShown().Screen == ui.ScreenCompare })
	if got := tw.LastShown().Target.PairID; got != p.ID {
		t.Errorf("Compare asked for on pair %d, want %d", got, p.ID)
	}
	if tw.Changes == 0 {
		t.Error("the window was not told the case changed")
	}
}
