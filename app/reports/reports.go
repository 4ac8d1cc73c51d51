package reports

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
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
	// Changed says the screen changed the case (a link added).
	Changed(from ui.Screen)
	// ReviewImage is the image the Review screen shows (nil: none).
	ReviewImage() *catalog.Image
}

// New makes the Reports screen of the case of s.
func New(host Host, s *ui.Session) ui.Screen { return newReportScreen(host, s) }

// reportScreen lists the case's reports; the one selected is shown as a
// list of its excerpts (virtualised: thousands scroll smoothly), the
// excerpt selected beside it, on its page or in the report's text.
type reportScreen struct {
	host Host
	s    *ui.Session

	content fyne.CanvasObject
	list    *widget.List
	header  *fyne.Container
	main    *fyne.Container
	blank   *fyne.Container

	reports  []*catalog.Report
	selected int64 // report shown
	want     int64 // report asked for by Open, once the list is read
	wantEx   int64 // excerpt asked for by Open, once its report is read
	loaded   bool

	listLoad   ui.Latest
	reportLoad ui.Latest
	thumbs     *ui.ThumbLoader
	// shown is the report shown (tests read it).
	shown *reportData

	ex     *excerptPane
	search *searchBar
	page   *pagePane
}

// reportData is a report with its excerpts and their linked images.
type reportData struct {
	report   *catalog.Report
	excerpts []*catalog.Excerpt
	linked   map[int64][]int64 // excerpt to images
	images   map[int64]*catalog.Image
	// order is the images linked, excerpt by excerpt (what Review walks).
	order []int64
	// lower are the excerpts' texts in lower case, for the search.
	lower []string
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
	r.page = newPagePane(r)
	r.ex = newExcerptPane(r)
	r.search = newSearchBar(r)
	excerpts := container.NewBorder(r.search.content, nil, nil, nil, r.ex.list)
	side := container.NewBorder(r.ex.detail, nil, nil, nil, r.page.content)
	inner := container.NewHSplit(excerpts, side)
	inner.Offset = 0.42
	r.main = container.NewBorder(container.NewPadded(r.header), nil, nil, nil, inner)
	blankText := ui.Wrapped("No report in this case yet. Add one (text, Markdown, HTML or PDF): its paragraphs become " +
		"excerpts you can cite and link to images.")
	blankText.Alignment = fyne.TextAlignCenter
	r.blank = container.NewCenter(container.New(ui.WidthLayout{Width: 480}, container.NewVBox(blankText)))
	r.blank.Hide()
	split := container.NewHSplit(left, container.NewStack(r.main, r.blank))
	split.Offset = 0.2
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

// Open reads the reports the first time, and shows t's report (on t's
// excerpt).
func (r *reportScreen) Open(t ui.Target) {
	if t.ReportID != 0 {
		r.want = t.ReportID
	}
	if t.ExcerptID != 0 {
		r.wantEx = t.ExcerptID
	}
	if !r.loaded {
		r.Reload()
		return
	}
	if r.want != 0 && r.want != r.selected {
		r.selectReport(r.want)
		return
	}
	r.want = 0
	if r.wantEx != 0 && r.shown != nil && r.reportLoad.CancelFunc == nil {
		r.ex.selectID(r.wantEx)
		r.wantEx = 0
	}
	if r.shown != nil {
		r.ex.updateLinkIt() // the image under review may have changed
	}
}

// FocusSearch focuses the search in the report (Ctrl+F).
func (r *reportScreen) FocusSearch() { r.host.Window().Canvas().Focus(r.search.entry) }

// Link links the selected excerpt to the image under review (Ctrl+L).
func (r *reportScreen) Link() { r.ex.linkToReviewed() }

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
			r.main.Hide()
			return
		}
		r.blank.Hide()
		r.main.Show()
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
	r.page.close()
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
// current version too) and the images linked to them, once.
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
	seen := map[int64]bool{}
	d.lower = make([]string, len(d.excerpts))
	for i, ex := range d.excerpts {
		d.lower[i] = strings.ToLower(ex.Text)
		for _, id := range d.linked[ex.ID] {
			if !seen[id] {
				seen[id] = true
				d.order = append(d.order, id)
			}
		}
	}
	return d, nil
}

// update shows a report read by fetchReport.
func (r *reportScreen) update(d *reportData) {
	again := r.shown != nil && r.shown.report.ID == d.report.ID // read again: stay where the user was
	r.shown = d
	rep := d.report
	title := widget.NewLabelWithStyle(rep.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	var facts []string
	if rep.Date != "" {
		facts = append(facts, rep.Date)
	}
	facts = append(facts, strings.ToUpper(rep.Format))
	if rep.Pages > 0 {
		facts = append(facts, ui.Plural(rep.Pages, "page", "pages"))
	}
	facts = append(facts, ui.Plural(rep.Excerpts, "excerpt", "excerpts"), ui.Plural(len(d.linked), "excerpt linked", "excerpts linked"))
	if rep.Source != "" {
		facts = append(facts, "source: "+rep.Source)
	}
	cap := ui.Caption(strings.Join(facts, " · ") + " · imported from " + rep.Path + " · SHA-256 " + rep.SHA256)
	cap.Truncation = fyne.TextTruncateEllipsis
	r.header.Objects = []fyne.CanvasObject{title, cap}
	r.header.Refresh()
	r.ex.update(d, again)
	r.search.update()
	want := r.wantEx
	r.wantEx = 0
	switch {
	case want != 0:
		r.ex.selectID(want)
	case again && r.ex.cur >= 0:
		r.ex.show(r.ex.cur)
	case len(d.excerpts) > 0:
		r.ex.selectIndex(0)
	default:
		r.ex.show(-1)
	}
}
