package reports

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"image"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// excerptPane is the list of a report's excerpts, one row each made only
// when scrolled into view (widget.List), and the selected one's detail:
// its whole text, citation, flags, linked images and the link actions.
type excerptPane struct {
	r      *reportScreen
	list   *widget.List
	detail *fyne.Container
	text   *widget.Label
	cite   *widget.Label
	flag   *widget.Label
	thumbs *fyne.Container
	linkIt *widget.Button
	choose *widget.Button
	// cur is the index of the excerpt selected (-1: none).
	cur int
}

func newExcerptPane(r *reportScreen) *excerptPane {
	p := &excerptPane{r: r, cur: -1}
	p.list = widget.NewList(p.length, newExcerptRow, p.updateRow)
	p.list.OnSelected = func(i widget.ListItemID) {
		if i != p.cur {
			p.show(i)
		}
	}
	p.text = ui.Wrapped("")
	p.cite = ui.Caption("")
	p.cite.Wrapping = fyne.TextWrapWord
	p.flag = ui.Wrapped("")
	p.flag.Hide()
	p.thumbs = container.NewHBox()
	p.linkIt = widget.NewButtonWithIcon("Link to the image under review", theme.ContentAddIcon(), p.linkToReviewed)
	p.choose = widget.NewButtonWithIcon("Link to images…", theme.ContentAddIcon(), p.chooseImages)
	// the excerpt's text is kept to a few lines' height: the page below
	// has the room
	textBox := container.NewVScroll(p.text)
	textBox.SetMinSize(fyne.NewSize(0, 96))
	p.detail = container.NewVBox(textBox, p.cite, p.flag, container.NewHScroll(p.thumbs),
		container.NewHBox(p.linkIt, p.choose), widget.NewSeparator())
	return p
}

// newExcerptRow is the template of a row: the excerpt's first line in
// bold, its place (heading, page, paragraph, links) below.
func newExcerptRow() fyne.CanvasObject {
	t := widget.NewLabel("Excerpt text")
	t.Truncation = fyne.TextTruncateEllipsis
	d := widget.NewLabel("")
	d.SizeName = theme.SizeNameCaptionText
	d.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(t, d)
}

func (p *excerptPane) length() int {
	if p.r.shown == nil {
		return 0
	}
	return len(p.r.shown.excerpts)
}

func (p *excerptPane) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	d := p.r.shown
	if d == nil || i >= len(d.excerpts) {
		return
	}
	ex := d.excerpts[i]
	lines := o.(*fyne.Container).Objects
	t := lines[0].(*widget.Label)
	t.Importance = widget.MediumImportance
	if ex.Gone {
		t.Importance = widget.LowImportance
	}
	t.SetText(firstLine(ex.Text))
	lines[1].(*widget.Label).SetText(rowPlace(ex, len(d.linked[ex.ID])))
}

// firstLine is the start of a text on one line.
func firstLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	// what a row shows at most, and no more shaped to be truncated
	if r := []rune(s); len(r) > 140 {
		s = string(r[:140])
	}
	return s
}

// rowPlace is where an excerpt stands: heading, page, paragraph, links.
func rowPlace(ex *catalog.Excerpt, links int) string {
	var parts []string
	if ex.Heading != "" {
		parts = append(parts, ex.Heading)
	}
	parts = append(parts, citePlace(ex))
	if links > 0 {
		parts = append(parts, ui.Plural(links, "image", "images"))
	}
	if ex.Gone {
		parts = append(parts, "no longer in the current version")
	}
	return strings.Join(parts, " · ")
}

// citePlace is the excerpt's citation without the report's title above.
func citePlace(ex *catalog.Excerpt) string {
	return strings.TrimPrefix(ex.Citation(), ex.ReportTitle+", ")
}

// update shows report d's excerpts; again (the same report read again)
// keeps the selection and the scroll.
func (p *excerptPane) update(d *reportData, again bool) {
	if !again {
		p.cur = -1
		p.list.UnselectAll()
		p.list.ScrollToTop()
	} else if p.cur >= len(d.excerpts) {
		p.cur = -1
	}
	p.list.Refresh()
}

// selectIndex selects excerpt i in the list, scrolled into view.
func (p *excerptPane) selectIndex(i int) {
	if p.r.shown == nil || i < 0 || i >= len(p.r.shown.excerpts) {
		return
	}
	p.list.Select(i)
	p.list.ScrollTo(i)
	if p.cur != i {
		p.show(i)
	}
}

// selectID selects the excerpt with this id.
func (p *excerptPane) selectID(id int64) {
	if p.r.shown == nil {
		return
	}
	for i, ex := range p.r.shown.excerpts {
		if ex.ID == id {
			p.selectIndex(i)
			return
		}
	}
}

// selectedExcerpt is the excerpt selected (nil: none).
func (p *excerptPane) selectedExcerpt() *catalog.Excerpt {
	if p.r.shown == nil || p.cur < 0 || p.cur >= len(p.r.shown.excerpts) {
		return nil
	}
	return p.r.shown.excerpts[p.cur]
}

// show shows excerpt i (-1: none) in the detail and on its page.
func (p *excerptPane) show(i int) {
	p.cur = i
	p.r.thumbs.Stop()
	p.thumbs.RemoveAll()
	ex := p.selectedExcerpt()
	if ex == nil {
		p.text.SetText("")
		p.cite.SetText("")
		p.flag.Hide()
		p.linkIt.Disable()
		p.choose.Disable()
		p.r.page.showExcerpt(nil)
		return
	}
	d := p.r.shown
	p.text.SetText(ex.Text)
	cite := citePlace(ex)
	if n := len(d.linked[ex.ID]); n > 0 {
		cite += " · linked to " + ui.Plural(n, "image", "images")
	}
	p.cite.SetText(cite)
	switch {
	case ex.Gone:
		p.flag.SetText("No longer in the current version of this report. Kept, with its links, as it was cited.")
		p.flag.Importance = widget.WarningImportance
		p.flag.Show()
	case ex.Revised:
		p.flag.SetText("Revised: a later version of the report corrected this text.")
		p.flag.Importance = widget.MediumImportance
		p.flag.Show()
	default:
		p.flag.Hide()
	}
	for _, id := range d.linked[ex.ID] {
		if im := d.images[id]; im != nil {
			p.thumbs.Add(p.thumbButton(im, d.order))
		}
	}
	p.choose.Enable()
	p.updateLinkIt()
	p.r.page.showExcerpt(ex)
}

// updateLinkIt names the image under review on its button, offered when
// there is one and the excerpt selected is not linked to it yet.
func (p *excerptPane) updateLinkIt() {
	im := p.r.host.ReviewImage()
	ex := p.selectedExcerpt()
	if im == nil || ex == nil {
		p.linkIt.SetText("Link to the image under review")
		p.linkIt.Disable()
		return
	}
	for _, id := range p.r.shown.linked[ex.ID] {
		if id == im.ID {
			p.linkIt.SetText("Linked to " + im.Name())
			p.linkIt.Disable()
			return
		}
	}
	p.linkIt.SetText("Link to " + im.Name() + " (Ctrl+L)")
	p.linkIt.Enable()
}

// thumbButton is an image's thumbnail that opens it in the review screen.
func (p *excerptPane) thumbButton(im *catalog.Image, order []int64) fyne.CanvasObject {
	r := p.r
	t := newTappableThumb(im.Name(), func() {
		r.host.Show(ui.ScreenReview, ui.Target{ImageID: im.ID, Order: order})
	})
	r.thumbs.Get(im, func(img image.Image, err error) { t.set(img, err) })
	return t
}
