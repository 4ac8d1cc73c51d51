package ui

import (
	"context"
	"strconv"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
)

// ReportPages is report r (a PDF, or the picture of a document) as a
// PagePane shows it, excerpt ex (nil: none) highlighted on its pages:
//
//	pane.Show(ui.ReportPages(c, r, ex), ex.Page)
func ReportPages(c *catalog.Case, r *catalog.Report, ex *catalog.Excerpt) PageDoc {
	pages := r.Pages
	if r.Format == "image" {
		pages = 1
	}
	d := PageDoc{Key: r.SHA256, Pages: pages}
	var exID int64
	if ex != nil && ex.Page > 0 {
		exID, d.From, d.To = ex.ID, ex.Page, max(ex.Page, ex.PageEnd)
		d.Highlight = "excerpt " + strconv.FormatInt(ex.ID, 10)
	}
	d.Render = func(ctx context.Context, page, dpi int, highlight bool) (*RenderedPage, error) {
		opt := export.ReportPageOptions{Page: page, DPI: dpi}
		if highlight {
			opt.ExcerptID = exID
		}
		res, img, err := export.RenderReportPage(ctx, c, r, opt)
		if err != nil {
			return nil, err
		}
		return &RenderedPage{Image: img, Label: res.PageLabel, Pages: res.Pages, DPI: res.DPI,
			Highlighted: res.Highlighted, Partial: res.Partial, Rects: res.Rects}, nil
	}
	return d
}
