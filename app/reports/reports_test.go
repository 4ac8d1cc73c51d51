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

// waitReport waits until report id is shown.
func waitReport(t *testing.T, r *reportScreen, h *apptest.Host, id int64) {
	t.Helper()
	h.Q.WaitUntil(t, "the report", func() bool {
		return r.shown != nil && (id == 0 || r.shown.report.ID == id) && r.reportLoad.CancelFunc == nil
	})
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

// TestReportScreen lists the reports, shows one excerpt by excerpt in a
// list, the selected one beside it with the thumbnails of its linked
// images, and opens an image from one.
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

	r, h := openReports(t, c, ui.Target{})
	waitReport(t, r, h, 0)
	if r.list.Length() != len(reports) {
		t.Errorf("list of %d reports, want %d", r.list.Length(), len(reports))
	}
	if r.shown.report.ID != rep.ID || r.ex.list.Length() != len(excerpts) {
		t.Errorf("shows report %d with %d excerpts, want %d with %d", r.shown.report.ID, r.ex.list.Length(), rep.ID, len(excerpts))
	}
	if r.ex.cur != 0 || r.ex.text.Text != excerpts[0].Text {
		t.Errorf("excerpt %d selected, showing %q; want the first", r.ex.cur, r.ex.text.Text)
	}
	// the list's rows show each excerpt's place, with its paragraph
	rows := strings.Join(apptest.Texts(r.ex.list), "\n")
	if !strings.Contains(rows, "¶ 3") {
		t.Errorf("no paragraph numbers in the rows:\n%s", rows)
	}
	// an excerpt with linked images: its thumbnails
	at := -1
	for i, ex := range excerpts {
		if len(linked[ex.ID]) > 0 {
			at = i
			break
		}
	}
	if at < 0 {
		t.Fatal("no linked excerpt in the sample report")
	}
	r.ex.list.Select(at)
	thumbs := thumbsIn(r.ex.detail)
	if len(thumbs) != len(linked[excerpts[at].ID]) {
		t.Fatalf("%d thumbnails, want %d", len(thumbs), len(linked[excerpts[at].ID]))
	}
	// the text view shows the excerpt highlighted among its neighbours
	if r.page.mark == nil || !r.page.textBox.Visible() {
		t.Error("the Markdown report's text is not shown with the excerpt highlighted")
	}
	if !slices.Contains(apptest.Texts(r.page.text), excerpts[at].Text) {
		t.Error("the text view does not hold the selected excerpt")
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
	if !slices.Equal(got.Target.Order, r.shown.order) || len(r.shown.order) == 0 {
		t.Errorf("review walks %v, want the report's %v", got.Target.Order, r.shown.order)
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
	waitReport(t, r, h, res.Report.ID)
	rows := strings.Join(apptest.Texts(r.ex.list), "\n")
	if !strings.Contains(rows, "withdrawn") || !strings.Contains(rows, "no longer in the current version") {
		t.Errorf("the withdrawn excerpt is not listed flagged:\n%s", rows)
	}
	r.search.entry.SetText("withdrawn")
	if !r.ex.flag.Visible() || !strings.Contains(r.ex.flag.Text, "No longer in the current version") {
		t.Errorf("the withdrawn excerpt is not shown flagged: %q", r.ex.flag.Text)
	}
}

// TestReportSearch finds a text in a long report: the count, next and
// previous (round the report), each hit selected; and Open on an
// excerpt lands on it.
func TestReportSearch(t *testing.T) {
	c := apptest.SampleCase(t)
	long := addLongReport(t, c, 300)
	r, h := openReports(t, c, ui.Target{ReportID: long.ID})
	waitReport(t, r, h, long.ID)
	if r.ex.list.Length() != 300 {
		t.Fatalf("%d excerpts listed, want 300", r.ex.list.Length())
	}
	// "house 5 " is in paragraphs 5, 102, 199 and 296 (i % 97 == 5)
	r.search.entry.SetText("house 5 on")
	want := []string{"Paragraph 5:", "Paragraph 102:", "Paragraph 199:", "Paragraph 296:"}
	check := func(step string, n int) {
		t.Helper()
		if got := r.search.count.Text; got != strings.Replace("N of 4", "N", string(rune('0'+n)), 1) {
			t.Errorf("%s: %q, want %d of 4", step, got, n)
		}
		if ex := r.ex.selectedExcerpt(); ex == nil || !strings.HasPrefix(ex.Text, want[n-1]) {
			t.Errorf("%s: excerpt %v selected, want %s", step, ex, want[n-1])
		}
	}
	check("typed", 1)
	r.search.step(1)
	check("next", 2)
	test.Tap(r.search.next)
	check("next", 3)
	test.Tap(r.search.next)
	check("next", 4)
	test.Tap(r.search.next)
	check("next round the report", 1)
	test.Tap(r.search.prev)
	check("previous round the report", 4)
	r.search.entry.SetText("no such words anywhere")
	if r.search.count.Text != "Not found" {
		t.Errorf("a search that finds nothing says %q", r.search.count.Text)
	}

	// opened on an excerpt (from the review screen): it is selected
	exs, _ := c.Excerpts(context.Background(), long.ID, false)
	r.Open(ui.Target{ReportID: long.ID, ExcerptID: exs[250].ID})
	if r.ex.cur != 250 {
		t.Errorf("opened on excerpt 251, %d selected", r.ex.cur+1)
	}
}

// TestReportLinkToReviewed links the selected excerpt to the image under
// review: the link is in the case, and shown.
func TestReportLinkToReviewed(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	long := addLongReport(t, c, 30)
	ims, err := c.Images(ctx, catalog.Filter{})
	if err != nil || len(ims) == 0 {
		t.Fatal(ims, err)
	}
	r, h := openReports(t, c, ui.Target{ReportID: long.ID})
	waitReport(t, r, h, long.ID)
	r.ex.selectIndex(7)
	if !r.ex.linkIt.Disabled() {
		t.Error("Link to the image under review offered with no image under review")
	}
	h.Reviewing = ims[0]
	r.ex.selectIndex(8)
	if r.ex.linkIt.Disabled() {
		t.Fatal("Link to the image under review not offered")
	}
	test.Tap(r.ex.linkIt)
	h.Q.WaitUntil(t, "the link", func() bool {
		return r.reportLoad.CancelFunc == nil && len(r.shown.linked[r.shown.excerpts[8].ID]) == 1
	})
	links, err := c.Links(ctx, ims[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range links {
		found = found || l.Excerpt.ID == r.shown.excerpts[8].ID
	}
	if !found {
		t.Error("no link in the case")
	}
	if h.Changes == 0 {
		t.Error("the change was not reported to the window")
	}
	if r.ex.cur != 8 || len(thumbsIn(r.ex.detail)) != 1 {
		t.Errorf("after linking, excerpt %d selected with %d thumbnails; want 8 with 1", r.ex.cur, len(thumbsIn(r.ex.detail)))
	}
	if !r.ex.linkIt.Disabled() || !strings.HasPrefix(r.ex.linkIt.Text, "Linked to ") {
		t.Errorf("after linking, the button says %q", r.ex.linkIt.Text)
	}
	// another image under review, seen when the screen is shown again
	h.Reviewing = ims[1]
	r.Open(ui.Target{})
	if r.ex.linkIt.Disabled() || !strings.Contains(r.ex.linkIt.Text, ims[1].Name()) {
		t.Errorf("with %s under review, the button says %q", ims[1].Name(), r.ex.linkIt.Text)
	}
}
