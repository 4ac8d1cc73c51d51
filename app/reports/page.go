package reports

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
	"github.com/exhibit-app/exhibit/viewer"
)

// pagesKept is how many rendered pages the screen keeps.
const pagesKept = 6

// pagePane shows the selected excerpt where it stands: a PDF's page
// rendered with the excerpt highlighted (rendered only when shown, in the
// background, kept in a small cache), or, for text, Markdown and HTML
// reports, the report's text around it with it highlighted.
type pagePane struct {
	r       *reportScreen
	content fyne.CanvasObject
	bar     *fyne.Container
	view    *viewer.PageView
	text    *fyne.Container
	textBox *container.Scroll
	where   *widget.Label
	goTo    *widget.Entry
	prev    *widget.Button
	next    *widget.Button

	cache *pageCache
	load  ui.Latest
	// page is the page shown (0: none); ex the excerpt highlighted.
	page int
	ex   *catalog.Excerpt
	// mark is the highlight behind the excerpt in the text view.
	mark *canvas.Rectangle
	// current is the page shown (tests read it).
	current *renderedPage
}

// textHighlight is the highlighter's yellow, translucent over the theme.
var textHighlight = color.NRGBA{R: 255, G: 226, B: 64, A: 120}

// textAround is how many excerpts the text view shows either side.
const textAround = 6

func newPagePane(r *reportScreen) *pagePane {
	p := &pagePane{r: r, cache: newPageCache(pagesKept)}
	p.view = viewer.NewPageView()
	p.where = widget.NewLabel("")
	p.goTo = widget.NewEntry()
	p.goTo.SetPlaceHolder("Go to page")
	p.goTo.OnSubmitted = func(s string) { p.goToPage(s) }
	p.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.showPage(p.page - 1) })
	p.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.showPage(p.page + 1) })
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), p.view.ZoomOut)
	fit := widget.NewButton("Fit width", p.view.FitWidth)
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), p.view.ZoomIn)
	p.bar = container.NewBorder(nil, nil, container.NewHBox(p.prev, p.next, p.where),
		container.NewHBox(container.New(ui.WidthLayout{Width: 110}, p.goTo), zoomOut, fit, zoomIn))
	p.text = container.NewVBox()
	p.textBox = container.NewVScroll(container.NewPadded(p.text))
	p.textBox.Hide()
	p.content = container.NewBorder(p.bar, nil, nil, nil, container.NewStack(p.view, p.textBox))
	return p
}

func (p *pagePane) close() { p.load.Stop() }

// hasPages says whether the report shown is a PDF.
func (p *pagePane) hasPages() bool {
	d := p.r.shown
	return d != nil && d.report.Format == "pdf" && d.report.Pages > 0
}

// showExcerpt shows ex (nil: nothing) on its page, or in the text.
func (p *pagePane) showExcerpt(ex *catalog.Excerpt) {
	p.ex = ex
	if !p.hasPages() {
		p.load.Stop()
		p.page = 0
		p.bar.Hide()
		p.view.Hide()
		p.textBox.Show()
		p.showText(ex)
		return
	}
	p.bar.Show()
	p.textBox.Hide()
	p.view.Show()
	page := p.page
	if ex != nil && ex.Page > 0 {
		page = ex.Page
	}
	p.showPage(max(page, 1))
}

// onPage says whether ex stands on page.
func onPage(ex *catalog.Excerpt, page int) bool {
	return ex != nil && ex.Page > 0 && page >= ex.Page && page <= max(ex.Page, ex.PageEnd)
}

// showPage shows a page of the PDF, from the cache or rendered in the
// background, the excerpt highlighted when it stands on it.
func (p *pagePane) showPage(page int) {
	d := p.r.shown
	if !p.hasPages() || page < 1 || page > d.report.Pages {
		return
	}
	p.page = page
	p.prev.Disable()
	p.next.Disable()
	if page > 1 {
		p.prev.Enable()
	}
	if page < d.report.Pages {
		p.next.Enable()
	}
	var exID int64
	if onPage(p.ex, page) {
		exID = p.ex.ID
	}
	k := pageKey{sha: d.report.SHA256, page: page, excerpt: exID}
	p.where.SetText(fmt.Sprintf("Page %d of %d", page, d.report.Pages))
	if got := p.cache.get(k); got != nil {
		p.load.Stop()
		p.shown(got)
		return
	}
	p.current = nil
	p.view.SetMessage(fmt.Sprintf("Rendering page %d…", page))
	c, rep := p.r.s.Case, d.report
	ui.Load(&p.load, p.r.s.Ctx, func(ctx context.Context) (*renderedPage, error) {
		res, img, err := export.RenderReportPage(ctx, c, rep, export.ReportPageOptions{Page: page, ExcerptID: exID})
		if err != nil {
			return nil, err
		}
		rp := &renderedPage{img: img, label: res.PageLabel, pages: res.Pages, highlighted: res.Highlighted, partial: res.Partial, rects: res.Rects}
		p.cache.put(k, rp)
		return rp, nil
	}, p.shown, func(err error) { p.view.SetMessage("Could not render the page: " + ui.ErrorText(err)) })
}

// shown shows a rendered page.
func (p *pagePane) shown(rp *renderedPage) {
	where := fmt.Sprintf("Page %d of %d", p.page, rp.pages)
	if rp.label != "" && rp.label != strconv.Itoa(p.page) {
		where += " (printed " + rp.label + ")"
	}
	if onPage(p.ex, p.page) && !rp.highlighted {
		where += " · the excerpt's text was not found on it"
	}
	p.where.SetText(where)
	p.current = rp
	p.view.SetPage(rp.img)
}

// goToPage shows the page with this printed label, else this number,
// selecting the first excerpt on it.
func (p *pagePane) goToPage(s string) {
	d := p.r.shown
	s = strings.TrimSpace(s)
	if d == nil || s == "" {
		return
	}
	page := 0
	for _, ex := range d.excerpts {
		if ex.PageLabel != "" && strings.EqualFold(ex.PageLabel, s) {
			page = ex.Page
			break
		}
	}
	if page == 0 {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || (d.report.Pages > 0 && n > d.report.Pages) {
			p.where.SetText(fmt.Sprintf("No page %q in this report", s))
			return
		}
		page = n
	}
	for i, ex := range d.excerpts {
		if !ex.Gone && onPage(ex, page) {
			p.page = page
			p.r.ex.selectIndex(i)
			if p.page != page { // the excerpt starts on the page before
				p.showPage(page)
			}
			return
		}
	}
	p.showPage(page)
}

// showText shows the report's text around ex, ex highlighted.
func (p *pagePane) showText(ex *catalog.Excerpt) {
	p.text.RemoveAll()
	p.mark = nil
	d := p.r.shown
	if d == nil || ex == nil {
		return
	}
	at := p.r.ex.cur
	from, to := max(0, at-textAround), min(len(d.excerpts), at+textAround+1)
	heading := ""
	if from > 0 {
		heading = d.excerpts[from-1].Heading
	}
	var markAt fyne.CanvasObject
	for i := from; i < to; i++ {
		e := d.excerpts[i]
		if e.Gone && i != at {
			continue
		}
		if e.Heading != "" && e.Heading != heading {
			heading = e.Heading
			p.text.Add(widget.NewLabelWithStyle(heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		}
		l := ui.Wrapped(e.Text)
		if i != at {
			p.text.Add(l)
			continue
		}
		p.mark = canvas.NewRectangle(textHighlight)
		p.mark.CornerRadius = 4
		markAt = container.NewStack(p.mark, l)
		p.text.Add(markAt)
	}
	p.textBox.Refresh()
	if markAt != nil {
		// scroll the highlighted paragraph to the top third
		p.textBox.Offset = fyne.NewPos(0, max(0, markAt.Position().Y-p.textBox.Size().Height/3))
		p.textBox.Refresh()
	}
}
