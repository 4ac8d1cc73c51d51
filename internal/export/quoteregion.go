package export

import (
	"context"
	"fmt"
	"image"
	"image/draw"
	"sync"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

// Rendering an excerpt's place on its page for a sheet: the resolution,
// and the margin kept around its words, in points.
const (
	quoteRegionDPI    = 150
	quoteRegionMargin = 18
)

// quoteRegions sets, on every quote of the sheets taken from a PDF report,
// the source of its place on its page (sheet.Quote.Region), made when its
// sheet is written.
func quoteRegions(ctx context.Context, c *catalog.Case, sheets []sheet.Sheet) {
	reports := &reportCache{c: c, byID: map[int64]*catalog.Report{}}
	for i := range sheets {
		for j := range sheets[i].Excerpts {
			q := &sheets[i].Excerpts[j]
			if q.ExcerptID == 0 || q.Page <= 0 {
				continue
			}
			id := q.ExcerptID
			q.Region = func() (image.Image, error) { return quoteRegion(ctx, c, reports, id) }
		}
	}
}

// reportCache reads each report once for the quotes of a document.
type reportCache struct {
	c    *catalog.Case
	mu   sync.Mutex
	byID map[int64]*catalog.Report
}

func (rc *reportCache) get(ctx context.Context, id int64) (*catalog.Report, error) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if r := rc.byID[id]; r != nil {
		return r, nil
	}
	r, err := rc.c.Report(ctx, id)
	if err != nil {
		return nil, err
	}
	rc.byID[id] = r
	return r, nil
}

// quoteRegion renders excerpt id's place on its (first) page: the page
// at 150 DPI with the excerpt highlighted, cropped around its words with a
// margin of a quarter inch. An excerpt whose words are not found on the
// page, or of an earlier version of its report, is an error saying so.
func quoteRegion(ctx context.Context, c *catalog.Case, reports *reportCache, id int64) (image.Image, error) {
	fail := func(err error) (image.Image, error) {
		return nil, fmt.Errorf("the place of excerpt %d on its page: %w", id, err)
	}
	e, err := c.Excerpt(ctx, id)
	if err != nil {
		return fail(err)
	}
	if reports == nil {
		reports = &reportCache{c: c, byID: map[int64]*catalog.Report{}}
	}
	r, err := reports.get(ctx, e.ReportID)
	if err != nil {
		return fail(err)
	}
	if e.Gone {
		return fail(fmt.Errorf("it is from an earlier version of %q", r.Title))
	}
	out, img, err := RenderReportPage(ctx, c, r, ReportPageOptions{Page: e.Page, ExcerptID: e.ID, DPI: quoteRegionDPI})
	if err != nil {
		return fail(err)
	}
	if !out.Highlighted || len(out.Rects) == 0 {
		return fail(fmt.Errorf("its text was not found on page %d", e.Page))
	}
	box := out.Rects[0]
	for _, rc := range out.Rects[1:] {
		box = box.Union(rc)
	}
	m := quoteRegionMargin * quoteRegionDPI / 72
	box = box.Inset(-m).Intersect(img.Bounds())
	crop := image.NewRGBA(image.Rect(0, 0, box.Dx(), box.Dy()))
	draw.Draw(crop, crop.Bounds(), img, box.Min, draw.Src)
	return crop, nil
}
