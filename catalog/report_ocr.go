package catalog

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/exhibit-app/exhibit/catalog/internal/regular"
	"github.com/exhibit-app/exhibit/catalog/meta"
	"github.com/exhibit-app/exhibit/catalog/ocr"
	"github.com/exhibit-app/exhibit/catalog/reportparse"
)

// OCROptions say how a report's scans are read: the pages of a PDF that
// have no text layer, and a picture of a document (JPEG, PNG, TIFF…),
// with Tesseract (catalog/ocr).
type OCROptions struct {
	// Off leaves scans unread: a PDF without a text layer and a picture
	// are refused, the scanned pages of a PDF with text named in a
	// warning.
	Off bool
	// Langs are Tesseract's language codes joined by "+" ("ara+eng"); ""
	// is English and Arabic, those of them installed (ocr.DefaultLangs).
	Langs string
	// Progress, when not nil, is called after each page read.
	Progress func(OCRProgress)
	// Command is Tesseract's command; "" is "tesseract" on PATH.
	Command string
}

// OCRProgress is a page read: Done of Total, Page the PDF's page.
type OCRProgress = ocr.Progress

// OCRBox is a word's box on a scan: in PDF points (y up) on a PDF page,
// in pixels of the upright picture (y down) for a picture.
type OCRBox = ocr.Box

// scans is what OCR read of a report before it is stored.
type scans struct {
	// picture is set for a picture of a document (format "image").
	picture bool
	res     *ocr.Result
	// unread is why the scanned pages of a PDF could not be read
	// (Tesseract missing): an error when the PDF has no other text.
	unread error
}

// readScans reads, before the import's transaction (OCR takes seconds a
// page), the scans of the report at path: a picture whole, a PDF's pages
// without a text layer. It reads nothing for other reports.
func readScans(ctx context.Context, path string, opt OCROptions) (*scans, error) {
	kind, err := scanKind(path, opt)
	if kind == "" || err != nil {
		return &scans{}, err
	}
	data, err := regular.ReadFile(path)
	if err != nil {
		return nil, err
	}
	o := ocr.Options{Langs: opt.Langs, Command: opt.Command}
	if kind == "picture" {
		res, err := ocr.Picture(ctx, data, o, opt.Progress)
		if err != nil {
			return nil, fmt.Errorf("read the picture of a document: %w", err)
		}
		return &scans{picture: true, res: res}, nil
	}
	res, err := ocr.PDF(ctx, data, ocr.PDFOptions{Options: o, Progress: opt.Progress})
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.Is(err, ocr.ErrNotInstalled):
		return &scans{res: res, unread: err}, nil
	case err != nil && res == nil:
		// PDFium cannot read it: the parser, which may, says what it can.
		return &scans{}, nil
	case err != nil:
		return nil, err
	}
	return &scans{res: res}, nil
}

// scanKind is what OCR may read in the file at path: "pdf", "picture", or
// "" (another report, or OCR turned off for a PDF). A picture with OCR
// off is an error.
func scanKind(path string, opt OCROptions) (string, error) {
	f, fi, err := regular.Open(path)
	if err != nil {
		return "", nil // the parser says what is wrong with it
	}
	head := make([]byte, 1024)
	n, _ := f.ReadAt(head, 0)
	f.Close()
	head = head[:n]
	kind := ""
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		kind = "pdf"
	case meta.Sniff(head) != "":
		kind = "picture"
	default:
		return "", nil
	}
	switch {
	case kind == "picture" && opt.Off:
		return "", fmt.Errorf("it is a picture (%s): reading its text needs OCR, which is turned off", meta.Sniff(head))
	case opt.Off:
		return "", nil
	case fi.Size() > maxReportFile:
		return "", fmt.Errorf("it is %d bytes, over the %d read", fi.Size(), int64(maxReportFile))
	}
	return kind, nil
}

// blocks are the paragraphs read by OCR, in page order.
func (s *scans) blocks() []ocr.Block {
	if s == nil || s.res == nil {
		return nil
	}
	return s.res.Blocks
}

// explain is the parser's error, said with what OCR could do for a PDF
// without a text layer.
func (s *scans) explain(path string, err error) error {
	if !errors.Is(err, reportparse.ErrNoTextLayer) || s == nil || s.res == nil || len(s.res.Read) == 0 {
		return err
	}
	if s.unread != nil {
		return fmt.Errorf("%s has no text layer (a scan), and reading it needs OCR: %w", path, s.unread)
	}
	return fmt.Errorf("%s has no text layer, and OCR (%s) found no text on its scanned pages", path, s.res.Langs)
}

// complete sets what the parser could not know of a report OCR read (its
// pages, its format), and what OCR read.
func (s *scans) complete(info *reportparse.Info, res *ReportImport) {
	if s == nil || s.res == nil {
		return
	}
	if info.Pages == 0 && !s.picture {
		info.Pages = s.res.Pages
	}
	if info.Format == "" {
		info.Format = "pdf"
	}
	if s.unread == nil && len(s.res.Read) > 0 {
		res.OCRPages, res.OCRLangs, res.OCRConfidence = s.res.Read, s.res.Langs, s.res.Conf
	}
}

// warning says, for a PDF whose scanned pages could not be read, which
// and why: it replaces the parser's warning about pages without text.
// Pages read by OCR are no warning: the import names them (OCRPages).
func (s *scans) warning() string {
	if s == nil || s.res == nil || len(s.res.Read) == 0 || s.unread == nil {
		return ""
	}
	return fmt.Sprintf("%s no text layer and could not be read: %v", reportparse.PageList(s.res.Read), s.unread)
}

// isNoTextWarning is the parser's warning about pages without a text
// layer, which OCR answers.
func isNoTextWarning(w string) bool { return strings.Contains(w, "no text layer") }

// encodeBoxes is the JSON of word boxes stored in ocr_boxes, to a
// hundredth.
func encodeBoxes(bs []ocr.Box) string {
	r := func(v float64) float64 { return math.Round(v*100) / 100 }
	out := make([][4]float64, len(bs))
	for i, b := range bs {
		out[i] = [4]float64{r(b.X0), r(b.Y0), r(b.X1), r(b.Y1)}
	}
	j, _ := json.Marshal(out)
	return string(j)
}

// ExcerptWordBoxes returns the boxes of the words of an excerpt read by
// OCR (see OCRBox), none for an excerpt read from a text layer.
func (c *Case) ExcerptWordBoxes(ctx context.Context, id int64) ([]OCRBox, error) {
	var raw sql.NullString
	if err := c.rd.QueryRowContext(ctx, `SELECT ocr_boxes FROM excerpts WHERE id = ?`, id).Scan(&raw); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("excerpt %d: %w", id, ErrNotFound)
		}
		return nil, fmt.Errorf("word boxes of excerpt %d: %w", id, err)
	}
	if !raw.Valid || raw.String == "" {
		return nil, nil
	}
	var bs [][4]float64
	if err := json.Unmarshal([]byte(raw.String), &bs); err != nil {
		return nil, fmt.Errorf("word boxes of excerpt %d: %w", id, err)
	}
	out := make([]OCRBox, len(bs))
	for i, b := range bs {
		out[i] = OCRBox{X0: b[0], Y0: b[1], X1: b[2], Y1: b[3]}
	}
	return out, nil
}
