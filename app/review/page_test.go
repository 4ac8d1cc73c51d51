package review

import (
	"context"
	"image"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
)

// yellowPixels counts the pixels of img in the highlighter's yellow.
func yellowPixels(img image.Image) int {
	rgba, ok := img.(*image.RGBA)
	if !ok {
		return 0
	}
	hc := export.HighlightColor
	near := func(a, b uint8) bool { d := int(a) - int(b); return d >= -8 && d <= 8 }
	n := 0
	b := rgba.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p := rgba.RGBAAt(x, y)
			if near(p.R, hc.R) && near(p.G, hc.G) && near(p.B, hc.B) {
				n++
			}
		}
	}
	return n
}

// TestReviewExcerptOnItsPage links an excerpt of a PDF report to an
// image: the review screen shows it on its page, highlighted, and opens
// the Reports screen on it.
func TestReviewExcerptOnItsPage(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "survey.pdf")
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetFont("Helvetica", "", 12)
	f.AddPage()
	f.Text(72, 100, "An introduction about the survey and its method.")
	f.AddPage()
	for i, l := range []string{"The bakery on Al-Nour street was struck", "in the morning of 16 October; its roof", "collapsed and the ovens were destroyed."} {
		f.Text(72, 140+float64(i)*14, l)
	}
	f.AddPage()
	f.Text(72, 100, "A third page, about the school by the river.")
	if err := f.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
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
	if n := yellowPixels(pd.view.Image()); n < 1000 {
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
