package review

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
)

// TestReviewExcerptOnItsPage links an excerpt of a PDF report to an
// image: the review screen shows it on its page, highlighted, and opens
// the Reports screen on it.
func TestReviewExcerptOnItsPage(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	path := apptest.SurveyPDF(t)
	res, err := c.AddReport(ctx, path, catalog.ReportOptions{Title: "Survey"})
	if err != nil {
		t.Fatal(err)
	}
	exs, err := c.Excerpts(ctx, res.Report.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	var bakery *catalog.Excerpt
	for _, ex := range exs {
		if strings.Contains(ex.Text, "bakery") {
			bakery = ex
		}
	}
	if bakery == nil || bakery.Page != 2 {
		t.Fatalf("no excerpt about the bakery on page 2: %v", bakery)
	}
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
	pd := r.links.page
	tw.q.WaitUntil(t, "the page", func() bool { return pd != nil && pd.page != nil })
	if !pd.page.Highlighted || pd.page.Page != 2 {
		t.Errorf("page %d shown, highlighted %v; want page 2 highlighted", pd.page.Page, pd.page.Highlighted)
	}
	if n := apptest.YellowPixels(pd.view.Image()); n < 1000 {
		t.Errorf("%d highlighted pixels on the page shown", n)
	}
	open := apptest.FindButton(tw.topOverlay(), "Open in the report")
	if open == nil {
		t.Fatal("no Open in the report in the page's dialog")
	}
	test.Tap(open)
	if got := tw.LastShown(); got.Screen != ui.ScreenReport || got.Target.ReportID != res.Report.ID || got.Target.ExcerptID != bakery.ID {
		t.Fatalf("showed %s on %+v, want the report %d on excerpt %d", got.Screen, got.Target, res.Report.ID, bakery.ID)
	}
	// (The Reports screen opened on the excerpt shows its page
	// highlighted: the window's TestReportOpensOnAnExcerpt.)
}
