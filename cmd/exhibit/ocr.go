package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/exhibit-app/exhibit/catalog"
)

// ocrProgress prints each page read by OCR on w (stderr).
func ocrProgress(w io.Writer) func(catalog.OCRProgress) {
	return func(p catalog.OCRProgress) {
		fmt.Fprintf(w, "OCR: page %d read (%d of %d)\n", p.Page, p.Done, p.Total)
	}
}

// ocrConfidence is an excerpt's confidence for --json: rounded to a
// tenth, null when it was not read by OCR.
func ocrConfidence(isOCR bool, conf float64) *float64 {
	if !isOCR {
		return nil
	}
	c := math.Round(conf*10) / 10
	return &c
}

// ocrPagesText names the pages read by OCR: "the picture", "page 2",
// "pages 1, 2, 5".
func ocrPagesText(r *catalog.Report, pages []int) string {
	if r.Format == "image" {
		return "the picture"
	}
	s := make([]string, len(pages))
	for i, p := range pages {
		s[i] = fmt.Sprint(p)
	}
	if len(pages) == 1 {
		return "page " + s[0]
	}
	return "pages " + strings.Join(s, ", ")
}
