package export

import (
	"context"
	"fmt"
	"image"
	"os"
	"path/filepath"

	"github.com/disintegration/imaging"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer/sheet"
)

// Target is what to put on sheets: pairs, or single images.
type Target struct {
	Pairs  []int64
	Images []int64
}

// Progress is told, after each sheet is gathered, how many are done of how
// many; the PDF is written after the last.
type Progress func(done, total int)

// WriteSheets gathers the sheets of t and writes them as one PDF at path
// (through a temporary file: an interrupted export leaves no half file),
// then records the export, with the file's SHA-256, in the audit trail.
func WriteSheets(ctx context.Context, c *catalog.Case, t Target, path string, opt sheet.Options, progress Progress) (*catalog.Export, error) {
	total := len(t.Pairs) + len(t.Images)
	if total == 0 {
		return nil, fmt.Errorf("export sheets: nothing to export")
	}
	if opt.CaseName == "" {
		opt.CaseName = c.Name()
	}
	var sheets []sheet.Sheet
	for _, id := range t.Pairs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s, err := PairSheet(ctx, c, id)
		if err != nil {
			return nil, err
		}
		sheets = append(sheets, *s)
		if progress != nil {
			progress(len(sheets), total)
		}
	}
	for _, id := range t.Images {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s, err := ImageSheet(ctx, c, id)
		if err != nil {
			return nil, err
		}
		sheets = append(sheets, *s)
		if progress != nil {
			progress(len(sheets), total)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".exhibit-*.pdf")
	if err != nil {
		return nil, fmt.Errorf("export sheets to %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := sheet.Write(tmp, sheets, opt); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("export sheets to %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return nil, fmt.Errorf("export sheets to %s: %w", path, err)
	}
	return c.RecordExport(ctx, "sheet", path, map[string]any{"pairs": t.Pairs, "images": t.Images, "paper": opt.Paper, "landscape": opt.Landscape})
}

// resize scales img to w×h with a good filter.
func resize(img image.Image, w, h int) image.Image {
	return imaging.Resize(img, w, h, imaging.Lanczos)
}
