package review

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"image"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
	"github.com/exhibit-app/exhibit/viewer"
)

// excerptActions are the buttons of a linked excerpt's card: its page
// (for a PDF report) and the report, opened on it.
func (p *linksPanel) excerptActions(ex *catalog.Excerpt) fyne.CanvasObject {
	open := widget.NewButtonWithIcon("Open in the report", theme.DocumentIcon(), func() {
		p.rs.host.Show(ui.ScreenReport, ui.Target{ReportID: ex.ReportID, ExcerptID: ex.ID})
	})
	open.Importance = widget.LowImportance
	row := container.NewHBox(open)
	if ex.Page > 0 {
		page := widget.NewButtonWithIcon("Show on its page", theme.VisibilityIcon(), func() { p.showPage(ex) })
		page.Importance = widget.LowImportance
		row.Objects = append([]fyne.CanvasObject{page}, row.Objects...)
	}
	return row
}

// pageDialog is the dialog showing a linked excerpt on its page (tests
// read it).
type pageDialog struct {
	d     dialog.Dialog
	view  *viewer.PageView
	where *widget.Label
	// page is what was rendered (nil while rendering).
	page *export.ReportPage
}

// showPage shows ex on its page, rendered in the background with the
// excerpt highlighted where it stands, in the page view of the Reports
// screen (fit to the width, + and −).
func (p *linksPanel) showPage(ex *catalog.Excerpt) {
	rs := p.rs
	w := rs.host.Window()
	pd := &pageDialog{view: viewer.NewPageView(), where: ui.Caption(ex.Citation())}
	pd.view.SetMessage(fmt.Sprintf("Rendering page %d…", ex.Page))
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), pd.view.ZoomOut)
	fit := widget.NewButton("Fit width", pd.view.FitWidth)
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), pd.view.ZoomIn)
	open := widget.NewButtonWithIcon("Open in the report", theme.DocumentIcon(), func() {
		pd.d.Hide()
		rs.host.Show(ui.ScreenReport, ui.Target{ReportID: ex.ReportID, ExcerptID: ex.ID})
	})
	bar := container.NewBorder(nil, nil, pd.where, container.NewHBox(zoomOut, fit, zoomIn, open))
	pd.d = dialog.NewCustom("“"+shorten(ex.Text, 60)+"”", "Close", container.NewBorder(bar, nil, nil, nil, pd.view), w)
	size := w.Canvas().Size()
	pd.d.Resize(fyne.NewSize(ui.DialogWidth(w, 900), max(size.Height*0.9, 400)))
	pd.d.Show()
	p.page = pd
	c := rs.s.Case
	ui.Load(&p.rendering, rs.s.Ctx, func(ctx context.Context) (*pageRender, error) {
		r, err := c.Report(ctx, ex.ReportID)
		if err != nil {
			return nil, err
		}
		res, img, err := export.RenderReportPage(ctx, c, r, export.ReportPageOptions{Page: ex.Page, ExcerptID: ex.ID})
		if err != nil {
			return nil, err
		}
		return &pageRender{res, img}, nil
	}, func(pr *pageRender) {
		pd.page = pr.res
		where := ex.Citation() + " · page " + strconv.Itoa(pr.res.Page) + " of " + strconv.Itoa(pr.res.Pages)
		if !pr.res.Highlighted {
			where += " · its text was not found on the page"
		}
		pd.where.SetText(where)
		pd.view.SetPage(pr.img)
	}, func(err error) { pd.view.SetMessage("Could not render the page: " + ui.ErrorText(err)) })
}

// pageRender is a page rendered for the dialog.
type pageRender struct {
	res *export.ReportPage
	img *image.RGBA
}
