package export

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"
	"math"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/catalog/pdfengine"
	"github.com/exhibit-app/exhibit/catalog/picture"
	"github.com/exhibit-app/exhibit/internal/manifest"
)

// ErrNoPages is a report that is not a PDF: it has no pages to render.
var ErrNoPages = errors.New("the report has no pages")

// Rendering a report's page: the default resolution, raised for a page
// too narrow to be MinReportPageWidth pixels wide at it.
const (
	DefaultReportPageDPI = 150
	MinReportPageWidth   = 1000
)

// ReportPageOptions say what WriteReportPage renders.
type ReportPageOptions struct {
	// Page is the page, from 1.
	Page int
	// ExcerptID, when not 0, is an excerpt of the report to highlight.
	ExcerptID int64
	// DPI is the resolution; 0 is DefaultReportPageDPI, raised to make
	// the page at least MinReportPageWidth pixels wide.
	DPI int
	// Engine reads the PDF; nil is pdfengine.Shared().
	Engine *pdfengine.Engine
}

// ReportPage is a page written by WriteReportPage.
type ReportPage struct {
	Export *catalog.Export
	Report *catalog.Report
	// Page is the page rendered, of Pages; PageLabel its label if the
	// PDF gives one.
	Page, Pages int
	PageLabel   string
	// DPI, Width and Height: the resolution and size rendered.
	DPI, Width, Height int
	// Excerpt is the excerpt asked for (nil when none).
	Excerpt *catalog.Excerpt
	// Highlighted is set when the excerpt's text was found on the page
	// and drawn over; Partial when only its start or end was (a paragraph
	// across pages); Boxes is how many word boxes were drawn.
	Highlighted, Partial bool
	Boxes                int
	// Rects are the pixel rectangles highlighted, one per word box.
	Rects []image.Rectangle
	// BoxesFrom says, when Highlighted, where the boxes came from:
	// BoxesKept (when the report was imported) or BoxesLocated (found in
	// the page's text: an excerpt imported before boxes were kept).
	BoxesFrom string
}

// WriteReportPage renders a page of PDF report r (or the picture of a
// picture report, its only page), read from its current
// file (checked against its SHA-256 first: a file that changed is
// refused), as PNG at path, with the excerpt asked for highlighted in
// translucent yellow over its words where it stands on the page (the
// boxes of its words kept when the report was imported, from its text
// layer or by OCR; for an excerpt imported before, found in the page's
// text, see pdfengine.Locate; when it is not found the page is written
// without, Highlighted unset). A report that is neither a PDF nor a
// picture has no pages: ErrNoPages. The export is recorded (kind "report-page") and the
// PNG carries a signed manifest naming the report's SHA-256 and the
// excerpt, as every PNG export does.
func WriteReportPage(ctx context.Context, c *catalog.Case, r *catalog.Report, opt ReportPageOptions, path string) (*ReportPage, error) {
	if err := checkOutput(ctx, c, path); err != nil {
		return nil, fmt.Errorf("render page %d of report %d: %w", opt.Page, r.ID, err)
	}
	out, img, err := RenderReportPage(ctx, c, r, opt)
	if err != nil {
		return nil, err
	}
	return writeReportPage(ctx, c, out, img, path)
}

// RenderReportPage renders a page of PDF report r as WriteReportPage
// does (the file checked, the excerpt asked for highlighted), into an
// image, written nowhere and recorded nowhere: what the app shows beside
// the excerpts. Export is nil in what it returns.
func RenderReportPage(ctx context.Context, c *catalog.Case, r *catalog.Report, opt ReportPageOptions) (*ReportPage, *image.RGBA, error) {
	fail := func(err error) (*ReportPage, *image.RGBA, error) {
		return nil, nil, fmt.Errorf("render page %d of report %d: %w", opt.Page, r.ID, err)
	}
	if r.Format != "pdf" && r.Format != "image" {
		return fail(fmt.Errorf("%w: %q is %s, and only PDF reports and pictures have pages to render (`exhibit report show %d` prints its excerpts)",
			ErrNoPages, r.Title, r.Format, r.ID))
	}
	out := &ReportPage{Report: r, Page: opt.Page}
	if opt.ExcerptID != 0 {
		e, err := excerptOnPage(ctx, c, r, opt.ExcerptID, opt.Page)
		if err != nil {
			return fail(err)
		}
		out.Excerpt = e
	}
	if r.Format == "image" {
		img, err := picturePage(ctx, c, out)
		if err != nil {
			return fail(err)
		}
		return out, img, nil
	}
	doc, done, err := openReport(ctx, c, r, opt.Engine)
	if err != nil {
		return fail(err)
	}
	defer done()
	out.Pages = doc.Pages()
	if opt.Page < 1 || opt.Page > out.Pages {
		return fail(&pdfengine.PageRangeError{Page: opt.Page, Pages: out.Pages})
	}
	if out.DPI, err = reportPageDPI(doc, opt); err != nil {
		return fail(err)
	}
	out.PageLabel, _ = doc.PageLabel(opt.Page)
	page, err := doc.Render(opt.Page, out.DPI)
	if err != nil {
		return fail(err)
	}
	if out.Excerpt != nil {
		if err := highlightExcerpt(ctx, c, doc, page, out); err != nil {
			return fail(err)
		}
	}
	b := page.Image.Bounds()
	out.Width, out.Height = b.Dx(), b.Dy()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return out, page.Image, nil
}

// highlightExcerpt highlights out's excerpt on the page rendered where it
// stands: from its words' boxes kept when the report was imported (from
// its text layer, or by OCR from a scan), else, for an excerpt imported
// before they were kept, found in the page's text.
func highlightExcerpt(ctx context.Context, c *catalog.Case, doc *pdfengine.Doc, page *pdfengine.Rendered, out *ReportPage) error {
	m, from, err := excerptMatch(ctx, c, doc, out.Excerpt, out.Page)
	if err != nil {
		return err
	}
	for _, b := range m.Boxes {
		rect := page.ToPixels.Rect(b)
		Highlight(page.Image, rect)
		out.Rects = append(out.Rects, rect)
	}
	out.Highlighted, out.Partial, out.Boxes = m.Found && len(m.Boxes) > 0, m.Partial, len(m.Boxes)
	if out.Highlighted {
		out.BoxesFrom = from
	}
	return nil
}

// Where the boxes of a highlighted excerpt came from (ReportPage.BoxesFrom).
const (
	BoxesKept    = "kept"    // kept when the report was imported
	BoxesLocated = "located" // found in the page's text
)

// excerptMatch is where excerpt e stands on page (from 1), and where that
// was learnt (BoxesKept, BoxesLocated).
func excerptMatch(ctx context.Context, c *catalog.Case, doc *pdfengine.Doc, e *catalog.Excerpt, page int) (pdfengine.Match, string, error) {
	kept, err := c.ExcerptBoxes(ctx, e.ID)
	if err != nil {
		return pdfengine.Match{}, "", err
	}
	if len(kept) > 0 {
		m := pdfengine.Match{Partial: e.PageEnd > e.Page}
		for _, b := range kept {
			if b.Page == page {
				m.Boxes = append(m.Boxes, pdfengine.Rect{Left: b.X0, Bottom: b.Y0, Right: b.X1, Top: b.Y1})
			}
		}
		m.Found = len(m.Boxes) > 0
		return m, BoxesKept, nil
	}
	text, err := doc.Text(page)
	if err != nil {
		return pdfengine.Match{}, "", err
	}
	return pdfengine.Locate(text, e.Text, partOnPage(e, page)), BoxesLocated, nil
}

// picturePage is the picture of report out.Report (a picture of a
// document: its only page, 1), at most pdfengine.DefaultMaxSide pixels a
// side, out's excerpt highlighted from its words' boxes.
func picturePage(ctx context.Context, c *catalog.Case, out *ReportPage) (*image.RGBA, error) {
	if out.Pages = 1; out.Page != 1 {
		return nil, &pdfengine.PageRangeError{Page: out.Page, Pages: 1}
	}
	pic, err := c.ReportPicture(ctx, out.Report)
	if err != nil {
		return nil, err
	}
	w0 := pic.Bounds().Dx()
	pic = picture.Fit(pic, pdfengine.DefaultMaxSide)
	b := pic.Bounds()
	img := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(img, img.Bounds(), pic, b.Min, draw.Src)
	out.Width, out.Height = b.Dx(), b.Dy()
	if out.Excerpt == nil {
		return img, nil
	}
	boxes, err := c.ExcerptWordBoxes(ctx, out.Excerpt.ID)
	if err != nil {
		return nil, err
	}
	scale := float64(b.Dx()) / float64(max(1, w0))
	for _, bx := range boxes {
		Highlight(img, image.Rect(int(math.Floor(bx.X0*scale)), int(math.Floor(bx.Y0*scale)), int(math.Ceil(bx.X1*scale)), int(math.Ceil(bx.Y1*scale))))
	}
	out.Highlighted, out.Boxes = len(boxes) > 0, len(boxes)
	return img, ctx.Err()
}

// writeReportPage records the export and writes img with its manifest.
func writeReportPage(ctx context.Context, c *catalog.Case, out *ReportPage, img image.Image, path string) (*ReportPage, error) {
	r := out.Report
	var excerptID int64
	item := manifest.Item{Title: fmt.Sprintf("%s, p. %d", r.Title, out.Page), Images: []manifest.Image{}, Excerpts: []manifest.Excerpt{}, Marks: []manifest.Mark{}}
	if out.Excerpt != nil {
		excerptID = out.Excerpt.ID
		item.Excerpts = append(item.Excerpts, manifest.ExcerptOf(out.Excerpt, r.SHA256, out.Excerpt.Text))
	}
	run, err := c.BeginExport(ctx, "report-page", path, map[string]any{"report": r.ID, "sha256": r.SHA256, "page": out.Page,
		"excerpt": excerptID, "dpi": out.DPI, "highlighted": out.Highlighted, "boxes": out.Boxes})
	if err != nil {
		return nil, fmt.Errorf("render page %d of report %d: %w", out.Page, r.ID, err)
	}
	sealed, err := seal(ctx, c, run, time.Now(), []manifest.Item{item})
	if err != nil {
		return nil, errors.Join(fmt.Errorf("render page %d of report %d: %w", out.Page, r.ID, err), run.Abandon(ctx, err))
	}
	e, err := run.Write(ctx, func(w io.Writer) error {
		pw := manifest.NewPNGWriter(w, sealed)
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(pw, img); err != nil {
			return err
		}
		return pw.Close()
	})
	if err != nil {
		return nil, fmt.Errorf("render page %d of report %d: %w", out.Page, r.ID, err)
	}
	out.Export = e
	return out, nil
}

// excerptOnPage is excerpt id, checked to be of report r and on page.
func excerptOnPage(ctx context.Context, c *catalog.Case, r *catalog.Report, id int64, page int) (*catalog.Excerpt, error) {
	e, err := c.Excerpt(ctx, id)
	if err != nil {
		return nil, err
	}
	if e.ReportID != r.ID {
		return nil, fmt.Errorf("excerpt %d is in report %d, not in report %d", e.ID, e.ReportID, r.ID)
	}
	last := max(e.Page, e.PageEnd)
	if e.Page > 0 && (page < e.Page || page > last) {
		where := fmt.Sprintf("page %d", e.Page)
		if last > e.Page {
			where = fmt.Sprintf("pages %d to %d", e.Page, last)
		}
		return nil, fmt.Errorf("excerpt %d is on %s, not on page %d", e.ID, where, page)
	}
	return e, nil
}

// partOnPage is the part of excerpt e that page holds: the start of a
// paragraph that runs on, the end of one that runs over, else the whole.
func partOnPage(e *catalog.Excerpt, page int) pdfengine.Part {
	switch {
	case e.PageEnd > e.Page && page == e.Page:
		return pdfengine.Start
	case e.PageEnd > e.Page && page == e.PageEnd:
		return pdfengine.End
	}
	return pdfengine.Whole
}

// reportPageDPI is the resolution asked for, or the default one: at least
// DefaultReportPageDPI and MinReportPageWidth pixels wide, within the
// engine's largest side.
func reportPageDPI(doc *pdfengine.Doc, opt ReportPageOptions) (int, error) {
	if opt.DPI != 0 {
		return opt.DPI, nil
	}
	w, _, err := doc.PageSize(opt.Page)
	if err != nil {
		return 0, err
	}
	dpi := max(DefaultReportPageDPI, int(math.Ceil(MinReportPageWidth*72/max(w, 1))))
	most, err := doc.MaxDPI(opt.Page)
	if err != nil {
		return 0, err
	}
	return max(1, min(dpi, most)), nil
}
