package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/exhibit-app/exhibit/catalog/ocr"
	"github.com/exhibit-app/exhibit/catalog/reportparse"
)

// PageBox is a word's box on a page of a PDF report: Page from 1, X0, Y0
// (left, bottom) and X1, Y1 (right, top) in PDF points, y up.
type PageBox = reportparse.Box

// encodePageBoxes is the JSON of boxes stored in excerpt_boxes, to a
// hundredth of a point; "" when there are none.
func encodePageBoxes(bs []PageBox) string {
	if len(bs) == 0 {
		return ""
	}
	r := func(v float64) float64 { return math.Round(v*100) / 100 }
	out := make([][5]float64, len(bs))
	for i, b := range bs {
		out[i] = [5]float64{float64(b.Page), r(b.X0), r(b.Y0), r(b.X1), r(b.Y1)}
	}
	j, _ := json.Marshal(out)
	return string(j)
}

// ocrPageBoxes are the boxes of a paragraph OCR read on a PDF page.
func ocrPageBoxes(o *ocr.Block) []PageBox {
	if o.Page <= 0 {
		return nil // a picture: its boxes are in pixels (ocr_boxes)
	}
	out := make([]PageBox, len(o.Words))
	for i, w := range o.Words {
		out[i] = PageBox{Page: o.Page, X0: w.X0, Y0: w.Y0, X1: w.X1, Y1: w.Y1}
	}
	return out
}

// setBoxes keeps the boxes of excerpt id (JSON, encodePageBoxes; "":
// none).
func (ri *reportImporter) setBoxes(id int64, boxes string) error {
	if boxes == "" {
		_, err := ri.tx.ExecContext(ri.ctx, `DELETE FROM excerpt_boxes WHERE excerpt_id = ?`, id)
		return err
	}
	_, err := ri.tx.ExecContext(ri.ctx, `INSERT INTO excerpt_boxes(excerpt_id, boxes) VALUES(?, ?)
		ON CONFLICT(excerpt_id) DO UPDATE SET boxes = excluded.boxes WHERE boxes != excluded.boxes`, id, boxes)
	return err
}

// ExcerptBoxes returns where an excerpt of a PDF report stands on its
// pages: its words' boxes kept when the report was imported (read from
// the text layer, or by OCR from a scan), in reading order. None for an
// excerpt of another format, and for one imported before Exhibit kept
// them (then find it in the page's text: pdfengine.Locate).
func (c *Case) ExcerptBoxes(ctx context.Context, id int64) ([]PageBox, error) {
	var raw sql.NullString
	var page sql.NullInt64
	var isOCR bool
	err := c.rd.QueryRowContext(ctx, `SELECT b.boxes, e.page, e.ocr FROM excerpts e LEFT JOIN excerpt_boxes b ON b.excerpt_id = e.id
		WHERE e.id = ?`, id).Scan(&raw, &page, &isOCR)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("excerpt %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("boxes of excerpt %d: %w", id, err)
	}
	if !raw.Valid || raw.String == "" {
		if !isOCR || !page.Valid {
			return nil, nil
		}
		// read by OCR before boxes were kept: its words on its page
		ws, err := c.ExcerptWordBoxes(ctx, id)
		if err != nil {
			return nil, err
		}
		return ocrPageBoxes(&ocr.Block{Page: int(page.Int64), Words: ws}), nil
	}
	var bs [][5]float64
	if err := json.Unmarshal([]byte(raw.String), &bs); err != nil {
		return nil, fmt.Errorf("boxes of excerpt %d: %w", id, err)
	}
	out := make([]PageBox, len(bs))
	for i, b := range bs {
		out[i] = PageBox{Page: int(b[0]), X0: b[1], Y0: b[2], X1: b[3], Y1: b[4]}
	}
	return out, nil
}
