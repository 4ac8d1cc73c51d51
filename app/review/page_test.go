package review

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"
)

// TestReviewExcerptOnItsPage links an excerpt of a PDF report to an
// image: the review screen shows it on its page beside the image (the
// Page tab, not a dialog), highlighted, with the next and previous pages,
// and opens the Reports screen on it.
func TestReviewExcerptOnItsPage(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	rep, bakery := apptest.SurveyBakery(t, c)
	tw := newTestWindow(t, c)
	imageID := tw.ids[0]
	if _, err := c.AddLink(ctx, imageID, bakery.ID, "", nil); err != nil {
		t.Fatal(err)
	}
	r := openReview(t, tw, 0)
	show := apptest.FindButton(r.links.content, "Show on its page")
	if show == nil {
		t.Fatal("no Show on its page on the linked excerpt")
	}
	test.Tap(show)
	pp := r.page
	if r.side.SelectedIndex() != pageTab {
		t.Errorf("tab %d shown, want the Page tab beside the image", r.side.SelectedIndex())
	}
	tw.q.WaitUntil(t, "the page", func() bool { return pp.pane.Page() == 2 && pp.pane.Current() != nil })
	if cur := pp.pane.Current(); !cur.Highlighted {
		t.Errorf("page 2 shown, not highlighted")
	}
	if n := apptest.YellowPixels(pp.pane.View.Image()); n < 1000 {
		t.Errorf("%d highlighted pixels on the page shown", n)
	}
	// The next page, and back: the highlight only where the excerpt stands.
	test.Tap(pp.pane.Next)
	tw.q.WaitUntil(t, "the next page", func() bool { return pp.pane.Page() == 3 && pp.pane.Current() != nil })
	if n := apptest.YellowPixels(pp.pane.View.Image()); n > 0 {
		t.Errorf("page 3 has %d highlighted pixels; the excerpt is on page 2", n)
	}
	test.Tap(pp.pane.Prev)
	tw.q.WaitUntil(t, "page 2 again", func() bool { return pp.pane.Page() == 2 && pp.pane.Current() != nil })
	if tw.topOverlay() != nil {
		t.Error("a dialog over the window: the page is shown beside the image, not in a dialog")
	}
	test.Tap(pp.open)
	if got := tw.LastShown(); got.Screen != ui.ScreenReport || got.Target.ReportID != rep.ID || got.Target.ExcerptID != bakery.ID {
		t.Fatalf("showed %s on %+v, want the report %d on excerpt %d", got.Screen, got.Target, rep.ID, bakery.ID)
	}
	// (The Reports screen opened on the excerpt shows its page
	// highlighted: the window's TestReportOpensOnAnExcerpt.)
}

// An excerpt found by the search beside the image, not linked yet, can
// be seen on its page and opened in its report before it is linked.
func TestSearchResultOnItsPage(t *testing.T) {
	c := apptest.SampleCase(t)
	rep, _ := apptest.SurveyBakery(t, c)
	tw := newTestWindow(t, c)
	r := openReview(t, tw, 0)
	p := r.links
	p.search.SetText("bakery ovens")
	p.runSearch()
	tw.q.WaitUntil(t, "the search", func() bool { return len(p.candidates) > 0 && p.searching.CancelFunc == nil })
	if p.candidates[0].ex.ReportID != rep.ID {
		t.Fatalf("found %+v, want the survey's excerpt", p.candidates[0].ex)
	}
	show := apptest.FindButton(p.cands, "Show on its page")
	if show == nil {
		t.Fatal("no Show on its page on a search result")
	}
	test.Tap(show)
	tw.q.WaitUntil(t, "the page", func() bool { return r.page.pane.Page() == 2 && r.page.pane.Current() != nil })
	if !r.page.pane.Current().Highlighted {
		t.Error("the result's page shown without its highlight")
	}
	open := apptest.FindButton(p.cands, "Open in the report")
	if open == nil {
		t.Fatal("no Open in the report on a search result")
	}
	test.Tap(open)
	if got := tw.LastShown(); got.Screen != ui.ScreenReport || got.Target.ExcerptID != p.candidates[0].ex.ID {
		t.Errorf("showed %s on %+v", got.Screen, got.Target)
	}
}
