package export

import (
	"context"
	"image"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

// TestSheetQuoteImages exports an image's sheet whose linked excerpt comes
// from a PDF, with and without QuoteImages: with it, pdfimages finds one
// image more, the excerpt's place on its page, wider than tall and yellow
// where the excerpt is; pdftotext still finds the excerpt quoted exactly
// in both.
func TestSheetQuoteImages(t *testing.T) {
	need(t, "pdftotext", "pdfimages")
	ctx := context.Background()
	c, ims := newCase(t, map[string][]byte{"photo.jpg": largeJPEG(t, 800, 600)})
	path := filepath.Join(t.TempDir(), "report.pdf")
	quoted := "Witnesses saw the roof of the mill by the river road collapse during the flood; the fence was knocked down."
	writeReportPDF(t, path, 2, func(p int) []string {
		if p == 2 {
			return []string{"Witnesses saw the roof of the mill by the river road", "collapse during the flood; the fence was knocked down."}
		}
		return []string{"An introduction to the survey and its method."}
	})
	res, err := c.AddReport(ctx, path, catalog.ReportOptions{Title: "Survey"})
	if err != nil {
		t.Fatal(err)
	}
	es, err := c.Excerpts(ctx, res.Report.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	var ex *catalog.Excerpt
	for _, e := range es {
		if e.Text == quoted {
			ex = e
		}
	}
	if ex == nil {
		t.Fatalf("no excerpt %q among %d", quoted, len(es))
	}
	im := ims["photo.jpg"]
	if _, err := c.AddLink(ctx, im.ID, ex.ID, "", nil); err != nil {
		t.Fatal(err)
	}
	// the place itself: cropped around the excerpt, highlighted
	region, err := quoteRegion(ctx, c, nil, ex.ID)
	if err != nil {
		t.Fatal(err)
	}
	b := region.Bounds()
	if b.Dx() < 2*b.Dy() || b.Dx() > 1275 || b.Dy() > 300 {
		t.Errorf("the region is %d × %d px: want a strip around two lines", b.Dx(), b.Dy())
	}
	if n := yellow(region); n < 2000 {
		t.Errorf("%d highlighted pixels in the region", n)
	}
	count := func(opt sheet.Options) int {
		t.Helper()
		out := filepath.Join(t.TempDir(), "sheet.pdf")
		if _, err := ExportSheets(ctx, c, Target{Images: []int64{im.ID}}, out, opt, nil); err != nil {
			t.Fatal(err)
		}
		if text := strings.Join(strings.Fields(pageText(t, out, 1)), " "); !strings.Contains(text, "“"+quoted+"”") {
			t.Errorf("the excerpt is not quoted exactly:\n%s", text)
		}
		list, err := exec.Command("pdfimages", "-list", out).Output()
		if err != nil {
			t.Fatal(err)
		}
		return len(regexp.MustCompile(`(?m)^\s+\d+\s+\d+\s+image\s`).FindAll(list, -1))
	}
	without, with := count(sheet.Options{}), count(sheet.Options{QuoteImages: true})
	if without != 1 || with != 2 {
		t.Errorf("pdfimages finds %d images without the page regions, %d with; want 1 and 2", without, with)
	}
}

// yellow counts the highlighter's pixels in img.
func yellow(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 > 230 && g>>8 > 200 && g>>8 < 240 && bl>>8 < 110 {
				n++
			}
		}
	}
	return n
}
