package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
