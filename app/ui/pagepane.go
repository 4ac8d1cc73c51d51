package ui

import (
	"context"
	"fmt"
	"image"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/viewer"
)

// PagesKept is how many rendered pages a PagePane keeps.
const PagesKept = 6

// The finest a page is rendered again for a zoom: at most MaxZoomSide
// pixels a side and MaxZoomPixels in all (about 120 MB), whatever the
// zoom asks; past that the page is magnified.
const (
	MaxZoomSide   = 6000
	MaxZoomPixels = 30_000_000
)

// ZoomDelay is how long a PagePane waits after the last change of zoom
// before it renders the page again at the resolution the zoom needs.
const ZoomDelay = 250 * time.Millisecond

// RenderedPage is a page rendered, with what the page bar says of it.
type RenderedPage struct {
	Image *image.RGBA
	// Label is the printed page label, when the document gives one.
	Label string
	// Pages is how many pages the document has; DPI the resolution
	// rendered at.
	Pages, DPI int
	// Highlighted is set when what was asked to be highlighted was found
	// on the page (Partial: only its start or end).
	Highlighted, Partial bool
	// Rects are the pixel boxes highlighted.
	Rects []image.Rectangle
}

// PageRenderer renders page (from 1) at dpi (0: the renderer's default),
// with the highlight when highlight is set. It runs in the background.
type PageRenderer func(ctx context.Context, page, dpi int, highlight bool) (*RenderedPage, error)

// PageDoc is a document a PagePane shows.
type PageDoc struct {
	// Key names what is rendered (a file's SHA-256 and the excerpt
	// highlighted): pages rendered are kept under it.
	Key string
	// Pages is how many pages it has.
	Pages int
	// Highlight names what is highlighted (an excerpt), From and To the
	// pages it stands on (0: none).
	Highlight string
	From, To  int
	Render    PageRenderer
}

// highlights says whether page carries the highlight.
func (d PageDoc) highlights(page int) bool {
	return d.From > 0 && page >= d.From && page <= max(d.From, d.To)
}

// PagePane shows a document's page, rendered (in the background, the last
// PagesKept pages kept) with a highlight, zoomable, with a bar: previous
// and next page, the page's number and printed label, zoom out, fit to
// the width, zoom in. Zoomed in, the page is rendered again at the
// resolution the zoom needs (after ZoomDelay, up to MaxZoomPixels), so
// that it stays sharp. Make it with NewPagePane, show a document with
// Show; all its methods are for the UI goroutine.
type PagePane struct {
	// View is the page; Where the bar's label; Prev and Next its buttons.
	View       *viewer.PageView
	Where      *widget.Label
	Prev, Next *widget.Button
	// Bar is the bar above the page.
	Bar *fyne.Container
	// OnShown, when set, is called after a page is shown.
	OnShown func(page int, rp *RenderedPage)

	ctx     context.Context
	content fyne.CanvasObject
	doc     PageDoc
	page    int
	current *RenderedPage
	// fine is the page rendered again for the zoom (nil: none).
	fine      *RenderedPage
	cache     *pageCache
	load      Latest
	fineLoad  Latest
	zoomTimer *time.Timer
	zoomGen   uint64
	// delay is ZoomDelay, shorter in tests.
	delay time.Duration
}

// NewPagePane makes an empty page pane whose renders run under ctx (the
// case's session). extra are put in its bar before the zoom buttons (a
// "go to page" entry).
func NewPagePane(ctx context.Context, extra ...fyne.CanvasObject) *PagePane {
	p := &PagePane{ctx: ctx, cache: newPageCache(PagesKept), delay: ZoomDelay}
	p.View = viewer.NewPageView()
	p.View.OnZoom = p.zoomed
	p.Where = widget.NewLabel("")
	p.Prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.ShowPage(p.page - 1) })
	p.Next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.ShowPage(p.page + 1) })
	p.Prev.Disable()
	p.Next.Disable()
	tools := append(extra,
		widget.NewButtonWithIcon("", theme.ZoomOutIcon(), p.View.ZoomOut),
		widget.NewButton("Fit width", p.View.FitWidth),
		widget.NewButtonWithIcon("", theme.ZoomInIcon(), p.View.ZoomIn))
	p.Bar = container.NewBorder(nil, nil, container.NewHBox(p.Prev, p.Next, p.Where), container.NewHBox(tools...))
	p.content = container.NewBorder(p.Bar, nil, nil, nil, p.View)
	return p
}

// Content is the pane: its bar over the page.
func (p *PagePane) Content() fyne.CanvasObject { return p.content }

// Show shows page of doc (from 1; outside the document: nothing).
func (p *PagePane) Show(doc PageDoc, page int) {
	if doc.Key != p.doc.Key || doc.Highlight != p.doc.Highlight {
		p.stopFine()
	}
	p.doc = doc
	p.ShowPage(page)
}

// Doc is the document shown.
func (p *PagePane) Doc() PageDoc { return p.doc }

// Page is the page shown (0: none).
func (p *PagePane) Page() int { return p.page }

// Current is the page shown as first rendered (nil while it renders).
func (p *PagePane) Current() *RenderedPage { return p.current }

// Shown is the image shown: the page rendered again for the zoom when
// there is one, else Current's.
func (p *PagePane) Shown() *RenderedPage {
	if p.fine != nil {
		return p.fine
	}
	return p.current
}

// Cached is how many rendered pages the pane keeps.
func (p *PagePane) Cached() int { return p.cache.len() }

// Close stops the renders in progress.
func (p *PagePane) Close() {
	p.load.Stop()
	p.stopFine()
}

// ShowPage shows a page of the document, from the cache or rendered in
// the background, highlighted when the highlight stands on it.
func (p *PagePane) ShowPage(page int) {
	d := p.doc
	if d.Render == nil || page < 1 || page > d.Pages {
		return
	}
	p.stopFine()
	p.page = page
	p.Prev.Disable()
	p.Next.Disable()
	if page > 1 {
		p.Prev.Enable()
	}
	if page < d.Pages {
		p.Next.Enable()
	}
	hl := d.highlights(page)
	k := pageKey{doc: d.Key, page: page}
	if hl {
		k.highlight = d.Highlight
	}
	p.Where.SetText(fmt.Sprintf("Page %d of %d", page, d.Pages))
	if got := p.cache.get(k); got != nil {
		p.load.Stop()
		p.shown(got)
		return
	}
	p.current = nil
	p.View.SetMessage(fmt.Sprintf("Rendering page %d…", page))
	render := d.Render
	Load(&p.load, p.ctx, func(ctx context.Context) (*RenderedPage, error) {
		rp, err := render(ctx, page, 0, hl)
		if err != nil {
			return nil, err
		}
		p.cache.put(k, rp)
		return rp, nil
	}, p.shown, func(err error) { p.View.SetMessage("Could not render the page: " + ErrorText(err)) })
}

// shown shows a rendered page.
func (p *PagePane) shown(rp *RenderedPage) {
	where := fmt.Sprintf("Page %d of %d", p.page, rp.Pages)
	if rp.Label != "" && rp.Label != strconv.Itoa(p.page) {
		where += " (printed " + rp.Label + ")"
	}
	if p.doc.highlights(p.page) && !rp.Highlighted {
		where += " · the excerpt's text was not found on it"
	}
	p.Where.SetText(where)
	p.current = rp
	p.View.SetPage(rp.Image)
	if p.OnShown != nil {
		p.OnShown(p.page, rp)
	}
	p.zoomed()
}
