package sheet

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strconv"
	"strings"
	"testing"
)

// TestQuoteRegionStaysWithItsQuote: a quote's page region is printed on
// the page of its citation, never alone at the top of the next page. The
// sheet has fourteen quotes of growing length, so that page breaks fall
// at many places among them; pdfimages says on which page each region
// (the only images four times wider than tall) is, pdftotext where each
// citation is.
func TestQuoteRegionStaysWithItsQuote(t *testing.T) {
	needPoppler(t)
	s := singleSheet(400, 300)
	const n = 14
	for i := range n {
		s.Excerpts = append(s.Excerpts, Quote{
			Text:        strings.Repeat("The roof of the mill by the river road fell in during the night. ", 2+3*i),
			ReportTitle: fmt.Sprintf("Testimony%02d", i),
			Page:        3,
			Region: func() (image.Image, error) {
				img := image.NewRGBA(image.Rect(0, 0, 800, 200))
				draw.Draw(img, img.Rect, image.NewUniform(color.RGBA{255, 240, uint8(10 * i), 255}), image.Point{}, draw.Src)
				return img, nil
			},
		})
	}
	opt := testOptions()
	opt.QuoteImages = true
	path, _ := writePDF(t, []Sheet{s}, opt)

	var regionPages []int
	for _, l := range strings.Split(run(t, "pdfimages", "-list", path), "\n")[2:] {
		f := strings.Fields(l)
		if len(f) < 5 {
			continue
		}
		page, _ := strconv.Atoi(f[0])
		w, _ := strconv.Atoi(f[3])
		h, _ := strconv.Atoi(f[4])
		if h > 0 && w == 4*h {
			regionPages = append(regionPages, page)
		}
	}
	if len(regionPages) != n {
		t.Fatalf("%d page regions printed, want %d", len(regionPages), n)
	}
	citePage := map[string]int{}
	ws, _, _ := words(t, path)
	pages := 0
	for _, w := range ws {
		if strings.HasPrefix(w.text, "Testimony") {
			citePage[strings.Trim(w.text, ",")] = w.page
		}
		pages = max(pages, w.page)
	}
	if pages < 3 {
		t.Fatalf("the sheet has %d pages; the test needs page breaks among the quotes", pages)
	}
	for i, p := range regionPages {
		name := fmt.Sprintf("Testimony%02d", i)
		if citePage[name] != p {
			t.Errorf("the page region of %s is on page %d, its citation on page %d", name, p, citePage[name])
		}
	}
}
