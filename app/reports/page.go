package reports

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"fmt"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// pagePane shows the selected excerpt where it stands: a PDF's page
// rendered with the excerpt highlighted (ui.PagePane: rendered only when
// shown, in the background, kept in a small cache, rendered again finer
// when zoomed), or, for text, Markdown and HTML reports, the report's text
// around it with it highlighted.
type pagePane struct {
	r       *reportScreen
	content fyne.CanvasObject
	pages   *ui.PagePane
	text    *fyne.Container
	textBox *container.Scroll
	goTo    *widget.Entry

	ex *catalog.Excerpt
	// mark is the highlight behind the excerpt in the text view.
	mark *canvas.Rectangle
}

// textHighlight is the highlighter's yellow, translucent over the theme.
var textHighlight = color.NRGBA{R: 255, G: 226, B: 64, A: 120}

// textAround is how many excerpts the text view shows either side.
const textAround = 6

func newPagePane(r *reportScreen) *pagePane {
	p := &pagePane{r: r}
	p.goTo = widget.NewEntry()
	p.goTo.SetPlaceHolder("Go to page")
	p.goTo.OnSubmitted = func(s string) { p.goToPage(s) }
	p.pages = ui.NewPagePane(r.s.Ctx, container.New(ui.WidthLayout{Width: 110}, p.goTo))
	p.text = container.NewVBox()
	p.textBox = container.NewVScroll(container.NewPadded(p.text))
	p.textBox.Hide()
	p.content = container.NewStack(p.pages.Content(), p.textBox)
	return p
}

func (p *pagePane) close() { p.pages.Close() }

// hasPages says whether the report shown is a PDF.
func (p *pagePane) hasPages() bool {
	d := p.r.shown
	return d != nil && d.report.Format == "pdf" && d.report.Pages > 0
}

// showExcerpt shows ex (nil: nothing) on its page, or in the text.
func (p *pagePane) showExcerpt(ex *catalog.Excerpt) {
	p.ex = ex
	if !p.hasPages() {
		p.pages.Close()
		p.pages.Content().Hide()
		p.textBox.Show()
		p.showText(ex)
		return
	}
	p.textBox.Hide()
	p.pages.Content().Show()
	page := p.pages.Page()
	if p.pages.Doc().Key != p.r.shown.report.SHA256 {
		page = 0
	}
	if ex != nil && ex.Page > 0 {
		page = ex.Page
	}
	p.pages.Show(ui.ReportPages(p.r.s.Case, p.r.shown.report, ex), max(page, 1))
}

// onPage says whether ex stands on page.
func onPage(ex *catalog.Excerpt, page int) bool {
	return ex != nil && ex.Page > 0 && page >= ex.Page && page <= max(ex.Page, ex.PageEnd)
}

// showPage shows a page of the PDF.
func (p *pagePane) showPage(page int) { p.pages.ShowPage(page) }

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
			p.pages.Where.SetText(fmt.Sprintf("No page %q in this report", s))
			return
		}
		page = n
	}
	for i, ex := range d.excerpts {
		if !ex.Gone && onPage(ex, page) {
			p.r.ex.selectIndex(i)
			if p.pages.Page() != page { // the excerpt starts on the page before
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
