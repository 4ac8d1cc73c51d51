package ocr

import (
	"context"
	"fmt"

	"github.com/exhibit-app/exhibit/catalog/meta"
	"github.com/exhibit-app/exhibit/catalog/picture"
)

// Picture reads, with Tesseract, a photographed or scanned document held
// in data (any format catalog/picture decodes: JPEG, PNG, TIFF, WebP,
// HEIC…), turned upright by its EXIF orientation; word boxes are in the
// upright picture's pixels. Tesseract is checked first (ErrNotInstalled,
// *LangError). progress, when not nil, is called once it is read.
func Picture(ctx context.Context, data []byte, opt Options, progress func(Progress)) (*Result, error) {
	m, err := meta.Read(data)
	if err != nil {
		return nil, fmt.Errorf("OCR: %w", err)
	}
	if opt, err = Ready(ctx, opt); err != nil {
		return nil, err
	}
	img, err := picture.Decode(data, m.Format, 0)
	if img == nil {
		return nil, fmt.Errorf("OCR: %w", err)
	}
	img = picture.Upright(img, m.Orientation)
	p, err := Image(ctx, img, 0, opt)
	if err != nil {
		return nil, fmt.Errorf("OCR: %w", err)
	}
	res := &Result{Pages: 1, Read: []int{1}, Langs: opt.Langs}
	var sum float64
	var words int
	res.addPage(p, 0, "", func(x, y float64) (float64, float64) { return x, y }, &sum, &words)
	if progress != nil {
		progress(Progress{Done: 1, Total: 1, Page: 1})
	}
	return res, nil
}
