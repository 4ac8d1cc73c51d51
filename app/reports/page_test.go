package reports

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

// addPDFReport adds a three-page PDF report: page 2 speaks of a bakery,
// page 3 of a school.
func addPDFReport(t *testing.T, c *catalog.Case) *catalog.Report {
	t.Helper()
	path := filepath.Join(t.TempDir(), "survey.pdf")
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetFont("Helvetica", "", 12)
	f.AddPage()
	f.Text(72, 100, "Survey of the old town")
	f.Text(72, 140, "An introduction about the survey and its method.")
	f.AddPage()
	f.Text(72, 100, "Market street")
	for i, l := range []string{"The bakery on Al-Nour street was struck", "in the morning of 16 October; its roof", "collapsed and the ovens were destroyed."} {
		f.Text(72, 140+float64(i)*14, l)
	}
	f.AddPage()
	f.Text(72, 100, "A third page, about the school by the river.")
	if err := f.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
	res, err := c.AddReport(context.Background(), path, catalog.ReportOptions{Title: "Survey"})
	if err != nil {
		t.Fatal(err)
	}
	return res.Report
}

// isHighlight says whether a pixel is the highlighter's yellow over white.
func isHighlight(img *image.RGBA, x, y int) bool {
	p := img.RGBAAt(x, y)
	hc := export.HighlightColor
	near := func(a, b uint8) bool { d := int(a) - int(b); return d >= -8 && d <= 8 }
	return near(p.R, hc.R) && near(p.G, hc.G) && near(p.B, hc.B)
}

// TestReportPageView selects an excerpt of a PDF report: its page is
// rendered with the excerpt's words in highlighter yellow where they
// stand, and nowhere else; next and previous pages, going to a page, and
// the cache.
func TestReportPageView(t *testing.T) {
	c := apptest.SampleCase(t)
	rep := addPDFReport(t, c)
	r, h := openReports(t, c, ui.Target{ReportID: rep.ID})
	waitReport(t, r, h, rep.ID)
	bakery := -1
	for i, ex := range r.shown.excerpts {
		if strings.Contains(ex.Text, "bakery") {
			bakery = i
		}
	}
	if bakery < 0 {
		t.Fatalf("no excerpt about the bakery in %d excerpts", len(r.shown.excerpts))
	}
	r.ex.selectIndex(bakery)
	waitPage := func(page int) *renderedPage {
		t.Helper()
		h.Q.WaitUntil(t, "the page", func() bool { return r.page.current != nil && r.page.page == page })
		return r.page.current
	}
	rp := waitPage(2)
	if !rp.highlighted || len(rp.rects) == 0 {
		t.Fatalf("page 2 shown without the excerpt highlighted (%d boxes)", len(rp.rects))
	}
	if r.page.view.Image() != image.Image(rp.img) {
		t.Error("the page view does not show the page rendered")
	}
	// yellow inside the excerpt's boxes, none above them (the heading)
	inside, outside := 0, 0
	b := rp.img.Bounds()
	top := b.Max.Y
	for _, rc := range rp.rects {
		top = min(top, rc.Min.Y)
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if !isHighlight(rp.img, x, y) {
				continue
			}
			in := false
			for _, rc := range rp.rects {
				in = in || image.Pt(x, y).In(rc)
			}
			if in {
				inside++
			} else {
				outside++
			}
		}
	}
	if inside < 1000 || outside > 0 {
		t.Errorf("%d highlight pixels inside the excerpt's boxes, %d outside; want many inside, none outside", inside, outside)
	}
	if !strings.Contains(r.page.where.Text, "Page 2 of 3") {
		t.Errorf("page bar says %q", r.page.where.Text)
	}

	// the next page: rendered without highlight (the excerpt is not on it)
	test.Tap(r.page.next)
	rp = waitPage(3)
	for _, rc := range []image.Rectangle{rp.img.Bounds()} {
		for y := rc.Min.Y; y < rc.Max.Y; y += 3 {
			for x := rc.Min.X; x < rc.Max.X; x += 3 {
				if isHighlight(rp.img, x, y) {
					t.Fatalf("page 3 highlighted at %d,%d", x, y)
				}
			}
		}
	}
	// back: from the cache, at once
	test.Tap(r.page.prev)
	if r.page.current == nil || r.page.page != 2 || !r.page.current.highlighted {
		t.Error("page 2 not shown again at once from the cache")
	}
	// go to page 1: its first excerpt selected
	r.page.goTo.SetText("1")
	r.page.goTo.OnSubmitted("1")
	waitPage(1)
	if ex := r.ex.selectedExcerpt(); ex == nil || ex.Page != 1 {
		t.Errorf("go to page 1 selected %v", ex)
	}
	r.page.goToPage("9")
	if !strings.Contains(r.page.where.Text, "No page") || r.page.page != 1 {
		t.Errorf("go to page 9 of 3: %q, page %d", r.page.where.Text, r.page.page)
	}
	// zoom: fit to the width, then in and out
	r.page.view.ZoomIn()
	if r.page.view.Zoom <= 0 {
		t.Error("zoom in did not leave fitting to the width")
	}
	r.page.view.FitWidth()
	if r.page.view.Zoom != 0 {
		t.Error("fit width did not fit")
	}
	if n := r.page.cache.len(); n != 3 {
		t.Errorf("%d pages cached, want 3", n)
	}
}

// TestPageCacheStaysSmall: however many pages are viewed, the cache keeps
// the last few, the least recently shown dropped first.
func TestPageCacheStaysSmall(t *testing.T) {
	c := newPageCache(3)
	for i := 1; i <= 50; i++ {
		c.put(pageKey{page: i}, &renderedPage{})
		if i == 10 {
			c.get(pageKey{page: 8}) // shown again: kept
		}
	}
	if c.len() != 3 {
		t.Errorf("%d pages kept, want 3", c.len())
	}
	for _, p := range []int{48, 49, 50} {
		if c.get(pageKey{page: p}) == nil {
			t.Errorf("page %d dropped", p)
		}
	}
	if c.get(pageKey{page: 8}) != nil {
		t.Error("page 8 kept after 40 others")
	}
}
