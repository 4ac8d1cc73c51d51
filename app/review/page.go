package review

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// excerptActions are the buttons of a linked excerpt's card: its page
// (for a PDF report or the picture of a document) and the report, opened
// on it.
func (p *linksPanel) excerptActions(ex *catalog.Excerpt) fyne.CanvasObject {
	open := widget.NewButtonWithIcon("Open in the report", theme.DocumentIcon(), func() {
		p.rs.host.Show(ui.ScreenReport, ui.Target{ReportID: ex.ReportID, ExcerptID: ex.ID})
	})
	open.Importance = widget.LowImportance
	row := container.NewHBox(open)
	if ex.Page > 0 {
		page := widget.NewButtonWithIcon("Show on its page", theme.VisibilityIcon(), func() { p.rs.page.show(ex) })
		page.Importance = widget.LowImportance
		row.Objects = append([]fyne.CanvasObject{page}, row.Objects...)
	}
	return row
}

// pagePanel is the Page tab beside the image: a linked excerpt on its
// page, rendered and highlighted where it stands, zoomable (rendered
// again when zoomed in), with the previous and next pages; the same page
// pane as the Reports screen's.
type pagePanel struct {
	rs      *reviewScreen
	pane    *ui.PagePane
	cite    *widget.Label
	open    *widget.Button
	content fyne.CanvasObject
	// ex is the excerpt shown (nil: none); reading reads its report.
	ex      *catalog.Excerpt
	reading ui.Latest
}

func newPagePanel(rs *reviewScreen) *pagePanel {
	p := &pagePanel{rs: rs, pane: ui.NewPagePane(rs.s.Ctx)}
	p.cite = ui.Caption("Choose Show on its page on a linked excerpt to see it here, on its page.")
	p.cite.Wrapping = fyne.TextWrapWord
	p.open = widget.NewButtonWithIcon("Open in the report", theme.DocumentIcon(), func() {
		if p.ex != nil {
			rs.host.Show(ui.ScreenReport, ui.Target{ReportID: p.ex.ReportID, ExcerptID: p.ex.ID})
		}
	})
	p.open.Disable()
	p.content = container.NewBorder(container.NewBorder(nil, nil, nil, p.open, p.cite), nil, nil, nil, p.pane.Content())
	return p
}

// show shows ex on its page, in the Page tab.
func (p *pagePanel) show(ex *catalog.Excerpt) {
	p.ex = ex
	p.cite.SetText(ex.Citation())
	p.open.Enable()
	p.rs.side.SelectIndex(pageTab)
	c := p.rs.s.Case
	ui.Load(&p.reading, p.rs.s.Ctx, func(ctx context.Context) (*catalog.Report, error) {
		return c.Report(ctx, ex.ReportID)
	}, func(r *catalog.Report) {
		p.pane.Show(ui.ReportPages(c, r, ex), ex.Page)
	}, func(err error) { ui.ShowError(p.rs.host.Window(), "Could not open the report", err) })
}

// close stops the reading and the renders.
func (p *pagePanel) close() {
	p.reading.Stop()
	p.pane.Close()
}
