package pdfengine

import (
	"fmt"
	"strings"

	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/requests"
)

// Title is the document's title from its information dictionary
// (/Title), "" when it has none.
func (d *Doc) Title() (string, error) {
	var title string
	err := d.doc1(func() error {
		r, err := d.inst.FPDF_GetMetaText(&requests.FPDF_GetMetaText{Document: d.doc, Tag: "Title"})
		if err != nil {
			return nil // no title
		}
		title = strings.TrimRight(r.Value, "\x00")
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("read the title: %w", err)
	}
	return title, nil
}

// maxObjects bounds the objects looked at on a page for images.
const maxObjects = 4096

// HasImages says whether page draws an image (or a form, which may hold
// one), as a scanned page does.
func (d *Doc) HasImages(page int) (bool, error) {
	found := false
	err := d.do(page, func() error {
		p := requests.Page{ByIndex: &requests.PageByIndex{Document: d.doc, Index: page - 1}}
		n, err := d.inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: p})
		if err != nil {
			return err
		}
		for i := range min(n.Count, maxObjects) {
			o, err := d.inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: p, Index: i})
			if err != nil {
				return err
			}
			t, err := d.inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: o.PageObject})
			if err != nil {
				return err
			}
			if t.Type == enums.FPDF_PAGEOBJ_IMAGE || t.Type == enums.FPDF_PAGEOBJ_FORM {
				found = true
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("look for images on page %d: %w", page, err)
	}
	return found, nil
}

// doc1 runs f on the open document (not on a page), one call at a time.
func (d *Doc) doc1(f func() error) error {
	if d.pages == 0 {
		d.mu.Lock()
		defer d.mu.Unlock()
		if d.inst == nil {
			return ErrClosed
		}
		if err := d.ctx.Err(); err != nil {
			return d.why(err)
		}
		return d.why(guard(f))
	}
	return d.do(1, f)
}
