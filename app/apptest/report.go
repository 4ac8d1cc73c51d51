package apptest

import (
	"context"
	"image"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
)

// SurveyPDF writes a PDF report of three pages into a temporary folder
// and returns its path: page 2 speaks of a bakery.
func SurveyPDF(t testing.TB) string {
	t.Helper()
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
	return path
}

// YellowPixels counts the pixels of img in the highlighter's yellow.
func YellowPixels(img image.Image) int {
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

// SurveyBakery adds SurveyPDF to c as the report "Survey" and returns the
// report and its excerpt about the bakery, on page 2 (the test fails
// otherwise).
func SurveyBakery(t testing.TB, c *catalog.Case) (*catalog.Report, *catalog.Excerpt) {
	t.Helper()
	ctx := context.Background()
	res, err := c.AddReport(ctx, SurveyPDF(t), catalog.ReportOptions{Title: "Survey"})
	if err != nil {
		t.Fatal(err)
	}
	exs, err := c.Excerpts(ctx, res.Report.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range exs {
		if strings.Contains(ex.Text, "bakery") && ex.Page == 2 {
			return res.Report, ex
		}
	}
	t.Fatalf("no excerpt about the bakery on page 2 of the survey: %v", exs)
	return nil, nil
}
