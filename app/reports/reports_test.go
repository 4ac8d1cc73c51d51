package reports

import (
	"slices"

	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/catalog"
)

// openReports shows the Reports screen of the case c on t on a test host.
func openReports(t *testing.T, c *catalog.Case, on ui.Target) (*reportScreen, *apptest.Host) {
	t.Helper()
	h := apptest.NewHost(t)
	s := ui.NewSession(c)
	r := newReportScreen(h, s)
	h.Win.SetContent(r.Content())
	t.Cleanup(func() {
		h.Q.Settle()
		r.Close()
		s.Cancel()
		h.Q.Settle()
	})
	r.Open(on)
	return r, h
}

// thumbsIn returns the report thumbnails under o.
func thumbsIn(o fyne.CanvasObject) []*tappableThumb {
	var out []*tappableThumb
	apptest.Walk(o, func(c fyne.CanvasObject) {
		if t, ok := c.(*tappableThumb); ok {
			out = append(out, t)
		}
	})
	return out
}

// TestReportScreen lists the reports, shows one excerpt by excerpt with
// the thumbnails of its linked images, and opens an image from one.
func TestReportScreen(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	reports, err := c.Reports(ctx)
	if err != nil || len(reports) == 0 {
		t.Fatalf("reports %v %v", reports, err)
	}
	rep := reports[0]
	excerpts, _ := c.Excerpts(ctx, rep.ID, true)
	linked, _ := c.LinkedImages(ctx, rep.ID)
	wantThumbs := 0
	for _, ids := range linked {
		wantThumbs += len(ids)
	}

	r, h := openReports(t, c, ui.Target{})
	h.Q.WaitUntil(t, "the report", func() bool { return r.shown != nil && r.reportLoad.CancelFunc == nil })
	if r.list.Length() != len(reports) {
		t.Errorf("list of %d reports, want %d", r.list.Length(), len(reports))
	}
	if r.shown.report.ID != rep.ID || len(r.shown.excerpts) != len(excerpts) {
		t.Errorf("shows report %d with %d excerpts, want %d with %d", r.shown.report.ID, len(r.shown.excerpts), rep.ID, len(excerpts))
	}
	// every excerpt is shown, in order, with its citation
	all := strings.Join(apptest.Texts(r.body), "\n")
	last := -1
	for _, ex := range excerpts {
		i := strings.Index(all, ex.Text)
		if i < 0 {
			t.Errorf("excerpt %d not shown", ex.ID)
			continue
		}
		if i < last {
			t.Errorf("excerpt %d out of order", ex.ID)
		}
		last = i
	}
	if !strings.Contains(all, "¶ 3") {
		t.Error("no paragraph numbers in the citations")
	}
	thumbs := thumbsIn(r.body)
	if len(thumbs) != wantThumbs || wantThumbs == 0 {
		t.Fatalf("%d thumbnails, want %d", len(thumbs), wantThumbs)
	}
	h.Q.WaitUntil(t, "the thumbnails", func() bool {
		for _, th := range thumbs {
			if th.img.Image == nil {
				return false
			}
		}
		return true
	})

	// a click on a thumbnail reviews the image, walking the report's
	// linked images
	th := thumbs[len(thumbs)-1]
	test.Tap(th)
	got := h.LastShown()
	if got.Screen != ui.ScreenReview {
		t.Fatalf("screen %q asked for after a click on a thumbnail", got.Screen)
	}
	if im := r.shown.images[got.Target.ImageID]; im == nil || im.Name() != th.id {
		t.Errorf("review asked on image %d, want %s", got.Target.ImageID, th.id)
	}
	if want := r.linkedOrder(r.shown); !slices.Equal(got.Target.Order, want) {
		t.Errorf("review walks %v, want the report's %v", got.Target.Order, want)
	}
}

// TestReportFlagsGoneExcerpts adds a second version of a report without
// one paragraph: the excerpt is shown flagged, not dropped.
func TestReportFlagsGoneExcerpts(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "notes.md")
	v1 := "# Notes\n\nThe first paragraph stays.\n\nThe second paragraph will be withdrawn.\n"
	if err := os.WriteFile(path, []byte(v1), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := c.AddReport(ctx, path, catalog.ReportOptions{Title: "Field notes"})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("# Notes\n\nThe first paragraph stays.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddReport(ctx, path, catalog.ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	r, h := openReports(t, c, ui.Target{ReportID: res.Report.ID})
	h.Q.WaitUntil(t, "the report", func() bool {
		return r.shown != nil && r.shown.report.ID == res.Report.ID && r.reportLoad.CancelFunc == nil
	})
	all := strings.Join(apptest.Texts(r.body), "\n")
	if !strings.Contains(all, "withdrawn") || !strings.Contains(all, "No longer in the current version") {
		t.Errorf("the withdrawn excerpt is not shown flagged:\n%s", all)
	}
}
