package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// TestStatusCountsReports: the status bar counts a report as soon as it
// is added.
func TestStatusCountsReports(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	rs, _ := c.Reports(context.Background())
	n := len(rs)
	tw.q.WaitUntil(t, "the status bar's counts", func() bool { return strings.Contains(tw.status.counts.Text, ui.Plural(n, "report", "reports")) })
	path := filepath.Join(t.TempDir(), "later.md")
	if err := os.WriteFile(path, []byte("# Later\n\nA report added while the case is open.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := false
	tw.addReport(path, catalog.ReportOptions{}, func(_ *catalog.ReportImport, err error) {
		if err != nil {
			t.Error(err)
		}
		done = true
	})
	tw.q.WaitUntil(t, "the report added", func() bool { return done })
	want := ui.Plural(n+1, "report", "reports")
	tw.q.WaitFor(t, "the status bar to say "+want, 10*time.Second, func() bool { return strings.Contains(tw.status.counts.Text, want) })
}

// TestCopyButtonsSayCopied: a copy button copies, says "Copied" for a
// moment, then is itself again.
func TestCopyButtonsSayCopied(t *testing.T) {
	_, q := apptest.NewQueuedApp(t)
	im := &catalog.Image{ID: 42, SHA256: strings.Repeat("0123456789abcdef", 4), Format: "jpeg", Width: 40, Height: 30,
		Locations: []catalog.Location{{Path: "/evidence/IMG_0042.JPG"}}}
	clip := test.NewClipboard()
	panel := ui.NewMetaPanel(im, clip)
	test.NewTempWindow(t, panel)
	var copies []*widget.Button
	apptest.Walk(panel, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Icon == theme.ContentCopyIcon() {
			copies = append(copies, b)
		}
	})
	if len(copies) == 0 {
		t.Fatal("no copy button in the metadata panel")
	}
	for _, b := range copies {
		clip.SetContent("")
		before := b.Text
		test.Tap(b)
		if clip.Content() == "" {
			t.Errorf("the copy button copied nothing")
		}
		if b.Text != "Copied" || b.Icon != theme.ConfirmIcon() {
			t.Errorf("after a copy the button says %q: no sign of it", b.Text)
		}
		q.WaitFor(t, "the button back", 5*ui.CopiedFor, func() bool { return b.Text == before && b.Icon == theme.ContentCopyIcon() })
	}
}

// TestPlaceholdersAreExamples: a field's placeholder that shows a value
// (a date) says it is an example, so that it is never read as a value
// already set.
func TestPlaceholdersAreExamples(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	openCompare(t, tw, 1)
	tw.menuAction(t, "Pair", "Edit the pair…")
	digits := regexp.MustCompile(`\d{2}`)
	checked := 0
	for _, o := range []fyne.CanvasObject{tw.library().Content(), tw.topOverlay()} {
		apptest.Walk(o, func(o fyne.CanvasObject) {
			e, ok := o.(*widget.Entry)
			if !ok || !digits.MatchString(e.PlaceHolder) {
				return
			}
			checked++
			if !strings.Contains(e.PlaceHolder, "e.g. ") && !strings.Contains(e.PlaceHolder, "for example") {
				t.Errorf("placeholder %q reads as a value", e.PlaceHolder)
			}
		})
	}
	if checked < 4 {
		t.Errorf("%d placeholders with a value found: the date fields were not found", checked)
	}
}
