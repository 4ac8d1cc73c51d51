package ocr

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/exhibit-app/exhibit/catalog/pdfengine"
)

// DefaultDPI is the resolution scanned pages are rendered at for OCR.
const DefaultDPI = 300

// PDFOptions say how a PDF's scanned pages are read.
type PDFOptions struct {
	Options
	// DPI is the resolution pages are rendered at; 0 is DefaultDPI
	// (lowered for a page too large to render at it).
	DPI int
	// Engine renders the pages; nil is pdfengine.Shared().
	Engine *pdfengine.Engine
	// Progress, when not nil, is called after each page read.
	Progress func(Progress)
}

// reopenAfter is how long a document is kept open before it is opened
// anew: an engine gives a document a bounded life (its Timeout), and
// reading many scanned pages takes longer. A variable for the tests.
var reopenAfter = 45 * time.Second

// ScannedPages lists the pages of the PDF in data that have no text layer,
// and the PDF's number of pages.
func ScannedPages(ctx context.Context, eng *pdfengine.Engine, data []byte) (scanned []int, pages int, err error) {
	if eng == nil {
		eng = pdfengine.Shared()
	}
	doc, err := eng.Open(ctx, data)
	if err != nil {
		return nil, 0, fmt.Errorf("find scanned pages: %w", err)
	}
	defer doc.Close()
	for p := 1; p <= doc.Pages(); p++ {
		n, err := doc.CountChars(p)
		if err != nil {
			return nil, 0, fmt.Errorf("find scanned pages: %w", err)
		}
		if n == 0 {
			scanned = append(scanned, p)
		}
	}
	return scanned, doc.Pages(), nil
}

// PDF reads, with Tesseract, the pages of the PDF in data that have no
// text layer (ScannedPages): each rendered at opt.DPI, its paragraphs'
// word boxes mapped back to PDF points. A PDF whose pages all have text
// needs no Tesseract: its Result has no Read pages. Otherwise Tesseract
// is checked first (ErrNotInstalled, *LangError), and the Result, with
// Pages and Read set, comes with the error.
func PDF(ctx context.Context, data []byte, opt PDFOptions) (*Result, error) {
	scanned, pages, err := ScannedPages(ctx, opt.Engine, data)
	if err != nil {
		return nil, err
	}
	res := &Result{Pages: pages, Read: scanned}
	if len(scanned) == 0 {
		return res, nil
	}
	if opt.Options, err = Ready(ctx, opt.Options); err != nil {
		return res, err
	}
	res.Langs = opt.Langs
	s := &docSession{eng: opt.Engine, data: data, ctx: ctx}
	if s.eng == nil {
		s.eng = pdfengine.Shared()
	}
	defer s.close()
	var sum float64
	var words int
	for i, page := range scanned {
		r, label, err := s.render(page, opt.DPI)
		if err != nil {
			return res, fmt.Errorf("OCR page %d: %w", page, err)
		}
		p, err := Image(ctx, r.Image, r.DPI, opt.Options)
		if err != nil {
			return res, fmt.Errorf("OCR page %d: %w", page, err)
		}
		inv, err := r.ToPixels.invert()
		if err != nil {
			return res, fmt.Errorf("OCR page %d: %w", page, err)
		}
		res.addPage(p, page, label, inv.Apply, &sum, &words)
		if opt.Progress != nil {
			opt.Progress(Progress{Done: i + 1, Total: len(scanned), Page: page})
		}
	}
	return res, nil
}

// docSession keeps a document open, opened anew when it has been open
// for reopenAfter.
type docSession struct {
	eng    *pdfengine.Engine
	data   []byte
	ctx    context.Context
	doc    *pdfengine.Doc
	opened time.Time
}

// render renders page at dpi (DefaultDPI when 0, at most the page's
// largest), with its label.
func (s *docSession) render(page, dpi int) (*rendered, string, error) {
	if s.doc == nil || time.Since(s.opened) >= reopenAfter {
		s.close()
		d, err := s.eng.Open(s.ctx, s.data)
		if err != nil {
			return nil, "", err
		}
		s.doc, s.opened = d, time.Now()
	}
	if dpi <= 0 {
		dpi = DefaultDPI
	}
	most, err := s.doc.MaxDPI(page)
	if err != nil {
		return nil, "", err
	}
	r, err := s.doc.Render(page, max(1, min(dpi, most)))
	if err != nil {
		return nil, "", err
	}
	label, _ := s.doc.PageLabel(page)
	return &rendered{Rendered: r, ToPixels: affine(r.ToPixels)}, label, nil
}

func (s *docSession) close() {
	if s.doc != nil {
		s.doc.Close()
		s.doc = nil
	}
}

// rendered is a page rendered, with its map to pixels.
type rendered struct {
	*pdfengine.Rendered
	ToPixels affine
}

// affine is pdfengine's map from page to pixels, which this package
// inverts.
type affine pdfengine.Affine

// Apply maps a point.
func (m affine) Apply(x, y float64) (float64, float64) { return pdfengine.Affine(m).Apply(x, y) }

// invert is the map back from pixels to the page.
func (m affine) invert() (affine, error) {
	det := m.A*m.E - m.B*m.D
	if det == 0 {
		return affine{}, errors.New("the page's map to pixels cannot be inverted")
	}
	a, b, d, e := m.E/det, -m.B/det, -m.D/det, m.A/det
	return affine{A: a, B: b, C: -(a*m.C + b*m.F), D: d, E: e, F: -(d*m.C + e*m.F)}, nil
}
