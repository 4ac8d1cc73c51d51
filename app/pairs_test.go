package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

// TestMakePairWithCtrlP selects images in the library and makes a pair of
// them with Ctrl+P: with one image, from another screen, the library is
// shown and says what to do; with two, the pair is made and shown in the
// compare screen, in its list too. (The dialog itself: the library's
// TestMakePairFromLibrary.)
func TestMakePairWithCtrlP(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	tw := newTestWindow(t, c)
	grid, ok := apptest.Find[*viewer.ThumbGrid](tw.library().Content())
	if !ok {
		t.Fatal("no thumbnail grid in the library")
	}
	before0, _ := c.Pairs(ctx)

	// One image, Ctrl+P from the review screen: the library is shown,
	// saying what to do.
	ids := tw.libraryIDs()
	grid.SetSelected(ids[:1])
	tw.show(ui.ScreenReview, ui.Target{})
	tw.q.Settle()
	sc := tw.win.Canvas().(fyne.Shortcutable)
	sc.TypedShortcut(chord(fyne.KeyP, ctrl))
	if s := tw.overlayText(); !strings.Contains(s, "Select two images") {
		t.Fatalf("Ctrl+P with one image says %q", s)
	}
	if tw.currentID() != ui.ScreenLibrary {
		t.Errorf("Ctrl+P with one image shows the %s screen, want the library", tw.currentID())
	}
	tw.tapOverlayButton(t, "Close")

	// The drone pair.
	imgs, _ := c.Images(ctx, catalog.Filter{})
	byName := map[string]*catalog.Image{}
	for _, im := range imgs {
		byName[im.Name()] = im
	}
	after, before := byName["06-drone-after.jpg"], byName["05-drone-before.jpg"]
	if after == nil || before == nil {
		t.Fatalf("the sample has no drone pair: %v", byName)
	}
	grid.SetSelected([]int64{after.ID, before.ID})
	sc.TypedShortcut(chord(fyne.KeyP, ctrl))
	tw.q.WaitUntil(t, "the pair dialog", func() bool { return apptest.FindButton(tw.topOverlay(), "Make the pair") != nil })
	const title = "Drone over the market, 12 and 16 October"
	apptest.FormEntry(t, tw.win, "Title").SetText(title)
	tw.tapOverlayButton(t, "Make the pair")

	compare := tw.screen(ui.ScreenCompare).Content()
	tw.q.WaitUntil(t, "the new pair in the compare screen", func() bool {
		return tw.currentID() == ui.ScreenCompare && strings.Contains(strings.Join(apptest.Texts(compare), "\n"), title)
	})
	ps, _ := c.Pairs(ctx)
	if len(ps) != len(before0)+1 {
		t.Fatalf("%d pairs, want %d", len(ps), len(before0)+1)
	}
	if p := ps[len(ps)-1]; p.BeforeID != before.ID || p.AfterID != after.ID || p.Title != title {
		t.Errorf("pair stored: %+v", p)
	}
	// the title, the pair's details, and its row in the list
	tw.q.WaitUntil(t, "the list to show it", func() bool {
		return strings.Count(strings.Join(apptest.Texts(compare), "\n"), title) >= 3
	})
}
