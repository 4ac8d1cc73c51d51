package catalog

import (
	"context"
	"fmt"
	"image"

	"github.com/exhibit-app/exhibit/catalog/meta"
	"github.com/exhibit-app/exhibit/catalog/picture"
)

// ReportPicture decodes the file of a report that is a picture of a
// document (format "image"), read and checked as ReadReportFile does,
// turned upright as OCR read it: the boxes of its excerpts' words
// (ExcerptWordBoxes) are in its pixels.
func (c *Case) ReportPicture(ctx context.Context, r *Report) (image.Image, error) {
	if r.Format != "image" {
		return nil, fmt.Errorf("report %d is %s, not a picture", r.ID, r.Format)
	}
	data, err := c.ReadReportFile(ctx, r)
	if err != nil {
		return nil, err
	}
	m, err := meta.Read(data)
	if err != nil {
		return nil, fmt.Errorf("report %d: %w", r.ID, err)
	}
	img, err := picture.Decode(data, m.Format, 0)
	if img == nil {
		return nil, fmt.Errorf("report %d: %w", r.ID, err)
	}
	return picture.Upright(img, m.Orientation), nil
}
