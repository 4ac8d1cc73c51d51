package catalog

import (
	"errors"
	"math"

	"github.com/exhibit-app/exhibit/catalog/ocr"
	"github.com/exhibit-app/exhibit/catalog/reportparse"
)

// parse reads the report's paragraphs, those of its text (reportparse)
// and, in page order among them, those OCR read on its scans, and stores
// each (see merger).
func (ri *reportImporter) parse(path string) (reportparse.Info, error) {
	sc := ri.scans
	m := &merger{ri: ri, ocr: sc.blocks(), textPages: map[int]bool{}}
	var info reportparse.Info
	var err error
	if sc != nil && sc.picture {
		info.Format = "image"
	} else {
		info, err = reportparse.Parse(path, m.text)
	}
	if err != nil && !(errors.Is(err, reportparse.ErrNoTextLayer) && len(m.ocr) > 0) {
		return info, sc.explain(path, err)
	}
	if err := m.ocrBefore(math.MaxInt); err != nil {
		return info, err
	}
	if ri.res.Excerpts == 0 {
		return info, errors.New("no text found in it")
	}
	ri.res.Warnings = ri.warnings(info.Warnings)
	sc.complete(&info, ri.res)
	return info, nil
}

// merger stores the paragraphs of a report's text layer and those OCR
// read on its scans in page order, numbered over the whole report. Where
// the text layer has text on a page OCR read too, the text layer wins.
type merger struct {
	ri  *reportImporter
	ocr []ocr.Block
	// next is the first paragraph of ocr not stored yet, n the paragraphs
	// stored.
	next, n int
	// textPages are the pages the text layer gave paragraphs on.
	textPages map[int]bool
}

// text stores a paragraph of the text layer, after those OCR read on the
// pages before its own.
func (m *merger) text(b reportparse.Block) error {
	if err := m.ri.ctx.Err(); err != nil {
		return err
	}
	if b.Page > 0 {
		for p := b.Page; p <= max(b.Page, b.PageEnd); p++ {
			m.textPages[p] = true
		}
		if err := m.ocrBefore(b.Page); err != nil {
			return err
		}
	}
	m.n++
	b.Paragraph = m.n
	return m.ri.block(b, nil)
}

// ocrBefore stores the paragraphs OCR read on the pages before page,
// those of pages the text layer has text on left out.
func (m *merger) ocrBefore(page int) error {
	for ; m.next < len(m.ocr) && m.ocr[m.next].Page < page; m.next++ {
		o := &m.ocr[m.next]
		if m.textPages[o.Page] {
			continue
		}
		if err := m.ri.ctx.Err(); err != nil {
			return err
		}
		m.n++
		b := reportparse.Block{Paragraph: m.n, Page: o.Page, PageEnd: o.Page, PageLabel: o.PageLabel, Text: o.Text}
		if err := m.ri.block(b, o); err != nil {
			return err
		}
	}
	return nil
}

// warnings are the parser's, its warning about pages without a text
// layer replaced by what OCR did with them: nothing when it read them.
func (ri *reportImporter) warnings(parsed []string) []string {
	sc := ri.scans
	if sc == nil || sc.res == nil || len(sc.res.Read) == 0 {
		return parsed
	}
	var out []string
	for _, p := range parsed {
		if !isNoTextWarning(p) {
			out = append(out, p)
		}
	}
	if w := sc.warning(); w != "" {
		out = append(out, w)
	}
	return out
}
