package reports

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"image"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// Host is what the Reports screen asks of the window it is shown in.
type Host interface {
	Window() fyne.Window
	// Show switches to another screen (Review, on an image linked to the
	// report).
	Show(screen string, t ui.Target)
	// AddReport opens the dialog that adds a report to the case.
	AddReport()
}

// New makes the Reports screen of the case of s.
func New(host Host, s *ui.Session) ui.Screen { return newReportScreen(host, s) }

// reportScreen lists the case's reports; the one selected is shown
// excerpt by excerpt under its headings, each with its citation and the
// thumbnails of the images linked to it (a click reviews the image).
type reportScreen struct {
	host Host
	s    *ui.Session

	content fyne.CanvasObject
	list    *widget.List
	header  *fyne.Container
	body    *fyne.Container
	scroll  *container.Scroll
	blank   *fyne.Container

	reports  []*catalog.Report
	selected int64 // report shown
	want     int64 // report asked for by Open, once the list is read
	loaded   bool

	listLoad   ui.Latest
	reportLoad ui.Latest
	thumbs     *ui.ThumbLoader
	// shown is the report shown (tests read it).
	shown *reportData
}

// reportData is a report with its excerpts and their linked images.
type reportData struct {
	report   *catalog.Report
	excerpts []*catalog.Excerpt
	linked   map[int64][]int64 // excerpt to images
	images   map[int64]*catalog.Image
}

func newReportScreen(host Host, s *ui.Session) *reportScreen {
	r := &reportScreen{host: host, s: s, thumbs: ui.NewThumbLoader(s)}
	r.list = widget.NewList(func() int { return len(r.reports) },
		func() fyne.CanvasObject {
			t := widget.NewLabel("Report title")
			t.TextStyle.Bold = true
			t.Truncation = fyne.TextTruncateEllipsis
			d := widget.NewLabel("")
			d.SizeName = theme.SizeNameCaptionText
			d.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(t, d)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			rep := r.reports[i]
			lines := o.(*fyne.Container).Objects
			lines[0].(*widget.Label).SetText(rep.Title)
			lines[1].(*widget.Label).SetText(reportLine(rep))
		})
	r.list.OnSelected = func(i widget.ListItemID) {
		if i < len(r.reports) && r.reports[i].ID != r.selected {
			r.showReport(r.reports[i].ID)
		}
	}
	add := widget.NewButtonWithIcon("Add a report…", theme.ContentAddIcon(), host.AddReport)
	add.Importance = widget.HighImportance
	left := container.NewBorder(container.NewPadded(add), nil, nil, nil, r.list)

	r.header = container.NewVBox()
	r.body = container.NewVBox()
	r.scroll = container.NewVScroll(container.NewPadded(container.NewVBox(r.header, r.body)))
	blankText := ui.Wrapped("No report in this case yet. Add one (text, Markdown, HTML or PDF): its paragraphs become " +
		"excerpts you can cite and link to images.")
	blankText.Alignment = fyne.TextAlignCenter
	r.blank = container.NewCenter(container.New(ui.WidthLayout{Width: 480}, container.NewVBox(blankText)))
	r.blank.Hide()
	split := container.NewHSplit(left, container.NewStack(r.scroll, r.blank))
	split.Offset = 0.26
	r.content = split
	return r
}

// reportLine is a report's second line in the list.
func reportLine(r *catalog.Report) string {
	parts := []string{strings.ToUpper(r.Format), ui.Plural(r.Excerpts, "excerpt", "excerpts")}
	if r.Date != "" {
		parts = append([]string{r.Date}, parts...)
	}
	return strings.Join(parts, " · ")
}

// Content returns the screen.
func (r *reportScreen) Content() fyne.CanvasObject { return r.content }

// Open reads the reports the first time, and shows t's report.
func (r *reportScreen) Open(t ui.Target) {
	if t.ReportID != 0 {
		r.want = t.ReportID
	}
	if !r.loaded {
		r.Reload()
		return
	}
	if r.want != 0 && r.want != r.selected {
		r.selectReport(r.want)
	}
}

// Reload reads the list of reports, and the report shown, again.
func (r *reportScreen) Reload() {
	c := r.s.Case
	ui.Load(&r.listLoad, r.s.Ctx, func(ctx context.Context) ([]*catalog.Report, error) {
		return c.Reports(ctx)
	}, func(rs []*catalog.Report) {
		r.loaded = true
		r.reports = rs
		r.list.Refresh()
		if len(rs) == 0 {
			r.blank.Show()
			r.scroll.Hide()
			return
		}
		r.blank.Hide()
		r.scroll.Show()
		id := r.want
		if id == 0 {
			id = r.selected
		}
		if id == 0 {
			id = rs[0].ID
		}
		r.selected = 0 // read again
		r.selectReport(id)
	}, func(err error) { ui.ShowError(r.host.Window(), "Could not list the reports", err) })
}

// selectReport selects the report with this id in the list (showing it).
func (r *reportScreen) selectReport(id int64) {
	for i, rep := range r.reports {
		if rep.ID == id {
			r.want = 0
			r.list.Select(i)
			if r.selected != id { // already selected: Select did not call OnSelected
				r.showReport(id)
			}
			return
		}
	}
}

// Close stops the loads.
func (r *reportScreen) Close() {
	r.listLoad.Stop()
	r.reportLoad.Stop()
	r.thumbs.Stop()
}

// showReport reads a report's excerpts and links in the background.
func (r *reportScreen) showReport(id int64) {
	r.selected = id
	c := r.s.Case
	ui.Load(&r.reportLoad, r.s.Ctx, func(ctx context.Context) (*reportData, error) {
		return fetchReport(ctx, c, id)
	}, r.update, func(err error) { ui.ShowError(r.host.Window(), "Could not read the report", err) })
}

// fetchReport reads a report, its excerpts (those no longer in the
// current version too) and the images linked to them.
func fetchReport(ctx context.Context, c *catalog.Case, id int64) (*reportData, error) {
	d := &reportData{images: map[int64]*catalog.Image{}}
	var err error
	if d.report, err = c.Report(ctx, id); err != nil {
		return nil, err
	}
	if d.excerpts, err = c.Excerpts(ctx, id, true); err != nil {
		return nil, err
	}
	if d.linked, err = c.LinkedImages(ctx, id); err != nil {
		return nil, err
	}
	var ids []int64
	for _, imgs := range d.linked {
		ids = append(ids, imgs...)
	}
	if len(ids) > 0 {
		ims, err := c.Images(ctx, catalog.Filter{IDs: ids})
		if err != nil {
			return nil, err
		}
		for _, im := range ims {
			d.images[im.ID] = im
		}
	}
	return d, nil
}

// update shows a report read by fetchReport.
func (r *reportScreen) update(d *reportData) {
	again := r.shown != nil && r.shown.report.ID == d.report.ID // read again: stay where the user was
	offset := r.scroll.Offset
	r.shown = d
	r.thumbs.Stop()
	rep := d.report
	title := widget.NewRichText(&widget.TextSegment{Text: rep.Title, Style: widget.RichTextStyle{
		SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}})
	title.Wrapping = fyne.TextWrapWord
	var facts []string
	if rep.Date != "" {
		facts = append(facts, rep.Date)
	}
	facts = append(facts, strings.ToUpper(rep.Format))
	if rep.Pages > 0 {
		facts = append(facts, ui.Plural(rep.Pages, "page", "pages"))
	}
	facts = append(facts, ui.Plural(rep.Excerpts, "excerpt", "excerpts"), ui.Plural(len(d.linked), "excerpt linked", "excerpts linked"))
	r.header.RemoveAll()
	r.header.Add(title)
	r.header.Add(ui.Caption(strings.Join(facts, " · ")))
	if rep.Source != "" {
		r.header.Add(ui.Caption("Source: " + rep.Source))
	}
	r.header.Add(ui.Caption("Imported from " + rep.Path + " · SHA-256 " + rep.SHA256))
	r.header.Add(widget.NewSeparator())

	order := r.linkedOrder(d)
	r.body.RemoveAll()
	heading := ""
	for _, ex := range d.excerpts {
		if ex.Heading != "" && ex.Heading != heading {
			heading = ex.Heading
			h := widget.NewRichText(&widget.TextSegment{Text: heading, Style: widget.RichTextStyle{
				SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}})
			h.Wrapping = fyne.TextWrapWord
			r.body.Add(h)
		}
		r.body.Add(r.excerptCard(ex, d, order))
	}
	if again {
		r.scroll.Offset = offset
		r.scroll.Refresh()
	} else {
		r.scroll.ScrollToTop()
	}
}

// linkedOrder is the order of the images linked in the report, excerpt by
// excerpt: the review screen walks it when a thumbnail is clicked.
func (r *reportScreen) linkedOrder(d *reportData) []int64 {
	var out []int64
	seen := map[int64]bool{}
	for _, ex := range d.excerpts {
		for _, id := range d.linked[ex.ID] {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// excerptCard shows an excerpt: its text, citation, flags and the
// thumbnails of its linked images.
func (r *reportScreen) excerptCard(ex *catalog.Excerpt, d *reportData, order []int64) fyne.CanvasObject {
	text := ui.Wrapped(ex.Text)
	// the report's title is above: the citation's place in it is enough
	cite := strings.TrimPrefix(ex.Citation(), ex.ReportTitle+", ")
	if n := len(d.linked[ex.ID]); n > 0 {
		cite += " · linked to " + ui.Plural(n, "image", "images")
	}
	box := container.NewVBox(text, ui.Caption(cite))
	if ex.Gone {
		text.Importance = widget.LowImportance
		w := ui.Wrapped("No longer in the current version of this report. Kept, with its links, as it was cited.")
		w.Importance = widget.WarningImportance
		box.Add(w)
	} else if ex.Revised {
		box.Add(ui.Caption("Revised: a later version of the report corrected this text."))
	}
	if ids := d.linked[ex.ID]; len(ids) > 0 {
		row := container.NewHBox()
		for _, id := range ids {
			im := d.images[id]
			if im == nil {
				continue
			}
			row.Add(r.thumbButton(im, order))
		}
		box.Add(container.NewHScroll(row))
	}
	return ui.NewCard(box)
}

// thumbButton is an image's thumbnail that opens it in the review screen.
func (r *reportScreen) thumbButton(im *catalog.Image, order []int64) fyne.CanvasObject {
	t := newTappableThumb(im.Name(), func() {
		r.host.Show(ui.ScreenReview, ui.Target{ImageID: im.ID, Order: order})
	})
	r.thumbs.Get(im, func(img image.Image, err error) { t.set(img, err) })
	return t
}
