package export

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/catalog/pdfengine"
)

// writeReportPDF writes a PDF of n Letter pages at path, each with a
// heading naming its number and a paragraph of lines.
func writeReportPDF(t testing.TB, path string, n int, lines func(page int) []string) {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetCompression(false)
	// DejaVu Sans embedded, as real reports' fonts are (PDFium and poppler
	// measure the standard Helvetica differently)
	font, err := os.ReadFile(filepath.Join("..", "..", "assets", "fonts", "DejaVuSans.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	f.AddUTF8FontFromBytes("dejavu", "", font)
	for p := 1; p <= n; p++ {
		f.AddPage()
		f.SetFont("dejavu", "", 18)
		// not at the same place on every page: no running header
		f.Text(72, 80+float64(p%7)*12, fmt.Sprintf("Section %d", p))
		f.SetFont("dejavu", "", 12)
		for i, l := range lines(p) {
			f.Text(72, 200+float64(i)*15, l)
		}
	}
	if err := f.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
}

// addReportPDF adds a PDF of n pages to a new case.
func addReportPDF(t testing.TB, n int, lines func(page int) []string) (*catalog.Case, *catalog.Report) {
	t.Helper()
	c, _ := newCase(t, map[string][]byte{})
	path := filepath.Join(t.TempDir(), "report.pdf")
	writeReportPDF(t, path, n, lines)
	res, err := c.AddReport(context.Background(), path, catalog.ReportOptions{Title: "Report"})
	if err != nil {
		t.Fatal(err)
	}
	return c, res.Report
}

// TestReportPagesOpenOnce: rendering every page of a report, highlighted
// or not, opens its PDF once (the engine keeps it open); a file changed
// since is read again and refused.
func TestReportPagesOpenOnce(t *testing.T) {
	const n = 8
	c, r := addReportPDF(t, n, func(p int) []string {
		return []string{fmt.Sprintf("The house number %d on the river road was damaged", p), "by the flood in the night."}
	})
	eng := pdfengine.New(pdfengine.Options{})
	defer eng.Close()
	ctx := context.Background()
	for p := 1; p <= n; p++ {
		if _, _, err := RenderReportPage(ctx, c, r, ReportPageOptions{Page: p, DPI: 30, Engine: eng}); err != nil {
			t.Fatal(err)
		}
	}
	ex, err := c.Excerpts(ctx, r.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ex[:min(4, len(ex))] {
		if _, _, err := RenderReportPage(ctx, c, r, ReportPageOptions{Page: e.Page, ExcerptID: e.ID, DPI: 30, Engine: eng}); err != nil {
			t.Fatal(err)
		}
	}
	if got := eng.Stats().Opened; got != 1 {
		t.Fatalf("%d pages rendered opened the PDF %d times, want once", n+4, got)
	}
	// the file changes: read again, refused
	writeReportPDF(t, r.Path, 2, func(int) []string { return []string{"Another text."} })
	later := time.Now().Add(2 * time.Second)
	os.Chtimes(r.Path, later, later)
	_, _, err = RenderReportPage(ctx, c, r, ReportPageOptions{Page: 1, DPI: 30, Engine: eng})
	if !errors.Is(err, catalog.ErrChanged) {
		t.Errorf("render a page of a changed file: %v, want ErrChanged", err)
	}
}
