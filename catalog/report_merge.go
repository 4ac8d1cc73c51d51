package catalog

import (
	"errors"
	"fmt"
	"math"

	"github.com/exhibit-app/exhibit/catalog/reportparse"
)

// parse reads the report's paragraphs, those of its text (reportparse)
// and, in page order among them, those OCR read on its scans, numbers
// them over the whole report and stores each. Where the text layer has
// text on a page OCR read too, the text layer wins.
func (ri *reportImporter) parse(path string) (reportparse.Info, error) {
	sc := ri.scans
	ob := sc.blocks()
	n, next := 0, 0
	textPages := map[int]bool{}
	// emitOCR stores the paragraphs OCR read on the pages before page.
	emitOCR := func(before int) error {
		for ; next < len(ob) && ob[next].Page < before; next++ {
			o := &ob[next]
			if textPages[o.Page] {
				continue
			}
			if err := ri.ctx.Err(); err != nil {
				return err
			}
			n++
			b := reportparse.Block{Paragraph: n, Page: o.Page, PageEnd: o.Page, PageLabel: o.PageLabel, Text: o.Text}
			if err := ri.block(b, o); err != nil {
				return err
			}
		}
		return nil
	}
	var info reportparse.Info
	var err error
	if sc != nil && sc.picture {
		info.Format = "image"
	} else {
		info, err = reportparse.Parse(path, func(b reportparse.Block) error {
			if err := ri.ctx.Err(); err != nil {
				return err
			}
			if b.Page > 0 {
				for p := b.Page; p <= max(b.Page, b.PageEnd); p++ {
					textPages[p] = true
				}
				if err := emitOCR(b.Page); err != nil {
					return err
				}
			}
			n++
			b.Paragraph = n
			return ri.block(b, nil)
		})
	}
	if noText := errors.Is(err, reportparse.ErrNoTextLayer); err != nil && (!noText || len(ob) == 0) {
		switch {
		case noText && sc != nil && sc.unread != nil:
			return info, fmt.Errorf("%s has no text layer (a scan), and reading it needs OCR: %w", path, sc.unread)
		case noText && sc != nil && sc.res != nil && len(sc.res.Read) > 0:
			return info, fmt.Errorf("%s has no text layer, and OCR (%s) found no text on its scanned pages", path, sc.res.Langs)
		}
		return info, err
	}
	if err := emitOCR(math.MaxInt); err != nil {
		return info, err
	}
	if ri.res.Excerpts == 0 {
		return info, errors.New("no text found in it")
	}
	ri.res.Warnings = ri.warnings(info.Warnings)
	if sc != nil && sc.res != nil {
		if info.Pages == 0 && !sc.picture {
			info.Pages = sc.res.Pages
		}
		if info.Format == "" {
			info.Format = "pdf"
		}
		if sc.unread == nil && len(sc.res.Read) > 0 {
			ri.res.OCRPages, ri.res.OCRLangs, ri.res.OCRConfidence = sc.res.Read, sc.res.Langs, sc.res.Conf
		}
	}
	return info, nil
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
