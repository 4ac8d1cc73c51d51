package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// addReportDialog asks for a report file, then for its title, date and
// source (all optional), and imports it.
func (mw *mainWindow) addReportDialog() {
	if _, ok := mw.requireCase(); !ok {
		return
	}
	mw.chooseFile("Add a report: text, Markdown, HTML, PDF or a picture of a document", "Next", "the report", catalog.ReportExtensions(), mw.reportDetailsDialog)
}

// reportDetailsDialog asks for the optional title, date and source of the
// report at path, then imports it.
func (mw *mainWindow) reportDetailsDialog(path string) {
	title := widget.NewEntry()
	title.SetPlaceHolder("the document's own title, else its file name")
	date := widget.NewEntry()
	date.SetPlaceHolder("optional, for example 2017-10-20")
	source := widget.NewEntry()
	source.SetPlaceHolder("optional: where it comes from (a URL is never opened)")
	file := widget.NewLabel(path)
	file.Wrapping = fyne.TextWrapBreak
	items := []*widget.FormItem{
		widget.NewFormItem("File", file),
		widget.NewFormItem("Title", title),
		widget.NewFormItem("Date", date),
		widget.NewFormItem("Source", source),
	}
	d := dialog.NewForm("Add a report", "Add", "Cancel", items, func(ok bool) {
		if ok {
			mw.addReport(path, catalog.ReportOptions{Title: strings.TrimSpace(title.Text),
				Date: strings.TrimSpace(date.Text), Source: strings.TrimSpace(source.Text)}, nil)
		}
	}, mw.win)
	for _, e := range []*widget.Entry{title, date, source} {
		e.OnSubmitted = func(string) { d.Submit() } // Enter adds the report
	}
	d.Resize(fyne.NewSize(ui.DialogWidth(mw.win, 640), 0))
	d.Show()
	mw.win.Canvas().Focus(title)
}

// addReport imports the report at path in the background, then says what
// was imported (or why not) and shows it; done, when set, gets the result.
func (mw *mainWindow) addReport(path string, opt catalog.ReportOptions, done func(*catalog.ReportImport, error)) {
	s, ok := mw.requireCase()
	if !ok {
		return
	}
	// Scans are read page by page (seconds a page): each page read is
	// said, and Cancel stops the reading, storing nothing.
	ctx, cancel := context.WithCancel(s.Ctx)
	base := filepath.Base(path)
	mw.status.setBusyCancel("Reading "+base+"…", cancel)
	progress := opt.OCR.Progress
	opt.OCR.Progress = func(p catalog.OCRProgress) {
		if progress != nil {
			progress(p)
		}
		fyne.Do(func() {
			if ctx.Err() == nil {
				mw.status.setBusyCancel(ocrProgressText(base, p), cancel)
			}
		})
	}
	var res *catalog.ReportImport
	ui.Background(ctx, func(ctx context.Context) (err error) {
		res, err = s.Case.AddReport(ctx, path, opt)
		return err
	}, func(err error) {
		cancelled := ctx.Err() != nil && s.Ctx.Err() == nil
		cancel()
		mw.status.setBusy("")
		if done != nil {
			defer done(res, err)
		}
		if err != nil && cancelled {
			dialog.ShowInformation("Report not added", "Reading "+base+" was cancelled: nothing was stored.", mw.win)
			return
		}
		if err != nil {
			ui.ShowError(mw.win, "Could not add the report", err)
			return
		}
		mw.changed(nil)
		mw.show(ui.ScreenReport, ui.Target{ReportID: res.Report.ID})
		if msg := reportImportText(res); msg != "" {
			dialog.ShowInformation("Report added", msg, mw.win)
		}
	})
}

// reportImportText says what importing a report did, when there is more
// to say than the report shown: a new version, warnings, nothing new.
func reportImportText(r *catalog.ReportImport) string {
	var b strings.Builder
	switch {
	case r.Unchanged:
		fmt.Fprintf(&b, "This file was imported before, as “%s”: nothing changed.", r.Report.Title)
	case r.NewVersion:
		fmt.Fprintf(&b, "A new version of “%s”: %d excerpts kept, %d revised, %d new, %d no longer there (kept and flagged, with their links).",
			r.Report.Title, r.Kept, r.Revised, r.Added, r.Gone)
	}
	for _, w := range r.Warnings {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString("Warning: " + w)
	}
	return b.String()
}

// ocrProgressText says how far OCR has read a report's scans.
func ocrProgressText(name string, p catalog.OCRProgress) string {
	if p.Done >= p.Total {
		return fmt.Sprintf("Reading %s: OCR of %s done, storing…", name, ui.Plural(p.Total, "page", "pages"))
	}
	return fmt.Sprintf("Reading %s: OCR, %d of %d pages read…", name, p.Done, p.Total)
}
