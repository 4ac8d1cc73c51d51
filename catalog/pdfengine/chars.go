package pdfengine

import (
	"fmt"

	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// CountChars is how many characters page (from 1) has in its text layer
// (FPDFText_CountChars): 0 for a scan without one. It reads no character,
// so it is fast where Text is not.
func (d *Doc) CountChars(page int) (int, error) {
	var n int
	err := d.withTextPage(page, func(tp references.FPDF_TEXTPAGE) error {
		c, err := d.inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp})
		if err != nil {
			return err
		}
		n = c.Count
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("count the characters of page %d: %w", page, err)
	}
	return n, nil
}
