package reports

import (
	"context"
	"fmt"
	"image"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	pp := r.page.pages
	waitPage := func(page int) *ui.RenderedPage {
		t.Helper()
		waitShown(t, h, pp, page)
		return pp.Current()
	}
	rp := waitPage(2)
	if !rp.Highlighted || len(rp.Rects) == 0 {
		t.Fatalf("page 2 shown without the excerpt highlighted (%d boxes)", len(rp.Rects))
	}
	if pp.View.Image() != image.Image(rp.Image) {
		t.Error("the page view does not show the page rendered")
	}
	// yellow inside the excerpt's boxes, none above them (the heading)
	inside, outside := 0, 0
	b := rp.Image.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if !isHighlight(rp.Image, x, y) {
				continue
			}
			in := false
			for _, rc := range rp.Rects {
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
	if !strings.Contains(pp.Where.Text, "Page 2 of 3") {
		t.Errorf("page bar says %q", pp.Where.Text)
	}

	// the next page: rendered without highlight (the excerpt is not on it)
	test.Tap(pp.Next)
	rp = waitPage(3)
	for _, rc := range []image.Rectangle{rp.Image.Bounds()} {
		for y := rc.Min.Y; y < rc.Max.Y; y += 3 {
			for x := rc.Min.X; x < rc.Max.X; x += 3 {
				if isHighlight(rp.Image, x, y) {
					t.Fatalf("page 3 highlighted at %d,%d", x, y)
				}
			}
		}
	}
	// back: from the cache, at once
	test.Tap(pp.Prev)
	if pp.Current() == nil || pp.Page() != 2 || !pp.Current().Highlighted {
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
	if !strings.Contains(pp.Where.Text, "No page") || pp.Page() != 1 {
		t.Errorf("go to page 9 of 3: %q, page %d", pp.Where.Text, pp.Page())
	}
	// zoom: fit to the width, then in and out
	pp.View.ZoomIn()
	if pp.View.Zoom <= 0 {
		t.Error("zoom in did not leave fitting to the width")
	}
	pp.View.FitWidth()
	if pp.View.Zoom != 0 {
		t.Error("fit width did not fit")
	}
	if n := pp.Cached(); n != 3 {
		t.Errorf("%d pages cached, want 3", n)
	}
}

// TestPageZoomRendersAgain: zoomed in, the page is rendered again with
// more pixels (not the same bitmap magnified), shown at the same size on
// screen; the highlight is still on it.
func TestPageZoomRendersAgain(t *testing.T) {
	c := apptest.SampleCase(t)
	rep := addPDFReport(t, c)
	r, h := openReports(t, c, ui.Target{ReportID: rep.ID})
	waitReport(t, r, h, rep.ID)
	for i, ex := range r.shown.excerpts {
		if strings.Contains(ex.Text, "bakery") {
			r.ex.selectIndex(i)
		}
	}
	pp := r.page.pages
	waitShown(t, h, pp, 2)
	base := pp.Current()
	min0 := pp.View.Scale() * float32(base.Image.Bounds().Dx())
	for i := 0; i < 20 && pp.View.Scale() < 2.5; i++ {
		pp.View.ZoomIn()
	}
	h.Q.WaitFor(t, "the page rendered again", 30e9, func() bool { return pp.Shown() != base })
	fine := pp.Shown()
	bw, fw := base.Image.Bounds().Dx(), fine.Image.Bounds().Dx()
	if fw < bw*2 || fine.DPI <= base.DPI {
		t.Fatalf("zoomed %.2f×: rendered again %d pixels wide at %d DPI, the page was %d at %d", pp.View.Scale(), fw, fine.DPI, bw, base.DPI)
	}
	if pp.View.Image() != image.Image(fine.Image) {
		t.Error("the page rendered again is not shown")
	}
	if !fine.Highlighted || len(fine.Rects) != len(base.Rects) {
		t.Errorf("rendered again: highlighted %v, %d boxes; want %d", fine.Highlighted, len(fine.Rects), len(base.Rects))
	}
	// the same size on screen as the bitmap magnified would have
	if got, want := pp.View.Scale()*float32(fw)/pp.View.Density(), pp.View.Scale()*float32(bw); got < want*0.98 || got > want*1.02 {
		t.Errorf("shown %.0f wide, want %.0f (fit was %.0f)", got, want, min0)
	}
	// another page drops it
	test.Tap(pp.Next)
	if pp.Shown() == fine {
		t.Error("the page rendered for the zoom kept after paging")
	}
}

// waitShown waits until the pane shows page, failing at once with its
// message when the page could not be rendered. A minute: a document is
// opened on a PDFium instance made anew, which takes seconds of CPU, many
// more when the machine is loaded.
func waitShown(t *testing.T, h *apptest.Host, pp *ui.PagePane, page int) {
	t.Helper()
	h.Q.WaitFor(t, fmt.Sprintf("page %d", page), time.Minute, func() bool {
		if m := pp.View.Message(); strings.HasPrefix(m, "Could not") {
			t.Fatalf("page %d: %s", page, m)
		}
		return pp.Current() != nil && pp.Page() == page
	})
}
