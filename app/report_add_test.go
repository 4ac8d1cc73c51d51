package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/catalog"
)

// TestAddReportErrors imports a broken report: a clear dialog, no crash,
// no report added.
func TestAddReportErrors(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	path := filepath.Join(t.TempDir(), "broken.pdf")
	if err := os.WriteFile(path, []byte("%PDF-1.4\nnot really a pdf"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got error
	done := false
	tw.addReport(path, catalog.ReportOptions{}, func(_ *catalog.ReportImport, err error) { got, done = err, true })
	tw.q.WaitUntil(t, "the report import", func() bool { return done })
	if got == nil {
		t.Fatal("a broken PDF was imported")
	}
	top := tw.topOverlay()
	if top == nil || !strings.Contains(strings.Join(apptest.Texts(top), " "), "Could not add the report") {
		t.Errorf("no error dialog: %v", apptest.Texts(top))
	}
	rs, _ := c.Reports(context.Background())
	if len(rs) != 1 {
		t.Errorf("%d reports after a failed import", len(rs))
	}
}

// scannedPDF makes an image-only copy of the PDF at src: each page
// rendered by pdftoppm (a tool of the tests) at 150 dpi, set as the page.
func scannedPDF(t *testing.T, src string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatalf("this test renders pages with pdftoppm (poppler-utils), not installed: %v", err)
	}
	dir := t.TempDir()
	if out, err := exec.Command("pdftoppm", "-r", "150", "-png", src, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	sort.Strings(pngs)
	f := fpdf.New("P", "pt", "Letter", "")
	for _, p := range pngs {
		f.AddPage()
		f.ImageOptions(p, 0, 0, 612, 792, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	}
	out := filepath.Join(dir, "scan.pdf")
	if err := f.OutputFileAndClose(out); err != nil {
		t.Fatal(err)
	}
	return out
}

// A scanned report is read by OCR page by page: the status bar says how
// many pages are read, and its Cancel stops the reading, storing nothing,
// and says so.
func TestAddReportOCRProgressAndCancel(t *testing.T) {
	scan := scannedPDF(t, apptest.SurveyPDF(t))
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	var got error
	done := false
	tw.addReport(scan, catalog.ReportOptions{}, func(_ *catalog.ReportImport, err error) { got, done = err, true })
	if !tw.status.stop.Visible() {
		t.Error("no Cancel while the report is read")
	}
	tw.q.WaitFor(t, "the first page read", 3*time.Minute, func() bool { return strings.Contains(tw.status.busy.Text, "1 of 3 pages read") })
	test.Tap(tw.status.stop)
	tw.q.WaitFor(t, "the reading stopped", 3*time.Minute, func() bool { return done })
	if got == nil {
		t.Fatal("the report was added though its reading was cancelled")
	}
	if rs, _ := c.Reports(context.Background()); len(rs) != 1 {
		t.Errorf("%d reports after a cancelled import, want the sample's 1", len(rs))
	}
	if top := tw.topOverlay(); top == nil || !strings.Contains(strings.Join(apptest.Texts(top), " "), "nothing was stored") {
		t.Errorf("no word that nothing was stored")
	}
	if tw.status.busy.Text != "" || tw.status.stop.Visible() {
		t.Errorf("the status bar still says %q (Cancel shown: %v)", tw.status.busy.Text, tw.status.stop.Visible())
	}
}
