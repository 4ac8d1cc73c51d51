package app

import (
	"net/url"

	"fyne.io/fyne/v2/dialog"

	"github.com/exhibit-app/exhibit/app/exports"
	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
)

// exportDialog opens the export dialog of spec on the open case.
func (mw *mainWindow) exportDialog(spec exports.Spec) {
	if mw.sess == nil {
		return
	}
	exports.Open(mw, mw.settings, mw.sess, spec)
}

// ExportSheets opens the export dialog of the sheets of t as one PDF.
func (mw *mainWindow) ExportSheets(t export.Target, title, what, name string) {
	mw.exportDialog(exports.Sheets(t, title, what, name, mw.version))
}

// ExportPNG opens the export dialog of an image (pick chooses it, and the
// pair whose marks are drawn too, from the side chosen among sides) with
// its marks burned in.
func (mw *mainWindow) ExportPNG(title string, pick func(side string) (*catalog.Image, int64), name string, sides []string) {
	mw.exportDialog(exports.PNG(title, pick, name, sides))
}

// OpenURL opens u in the desktop's application for it.
func (mw *mainWindow) OpenURL(u *url.URL) error { return mw.app.OpenURL(u) }

// ChooseFolder asks for a folder, starting in start, then calls then with
// its path.
func (mw *mainWindow) ChooseFolder(title, confirm, start string, then func(dir string)) {
	mw.chooseFolder(title, confirm, start, then)
}

// Exported says on the status bar that an export was recorded.
func (mw *mainWindow) Exported() { mw.status.refresh() }

// exportSheet exports the sheet of what the screen shows (Ctrl+E).
func (mw *mainWindow) exportSheet() {
	if _, ok := mw.requireCase(); !ok {
		return
	}
	if e, ok := mw.currentScreen().(sheetExporter); ok {
		e.ExportSheet()
		return
	}
	dialog.ShowInformation("Export sheet", "Export sheet… exports the image shown in the review screen, or the pair "+
		"shown in the compare screen. For several, select images in the library or tick pairs in the compare "+
		"screen, then Export sheets….", mw.win)
}

// exportSheets exports the sheets of the screen's selection
// (Ctrl+Shift+E).
func (mw *mainWindow) exportSheets() {
	if _, ok := mw.requireCase(); !ok {
		return
	}
	if e, ok := mw.currentScreen().(sheetsExporter); ok {
		e.ExportSheets()
		return
	}
	dialog.ShowInformation("Export sheets", "Export sheets… exports the images selected in the library (one sheet "+
		"each) or the pairs ticked in the compare screen's list.", mw.win)
}

// exportImage exports the image shown with its marks burned in.
func (mw *mainWindow) exportImage() {
	if _, ok := mw.requireCase(); !ok {
		return
	}
	if e, ok := mw.currentScreen().(imageExporter); ok {
		e.ExportImage()
		return
	}
	dialog.ShowInformation("Export image", "Export image (PNG)… exports the image shown in the review screen, or an "+
		"image of the pair shown in the compare screen, at full resolution with its marks drawn on it.", mw.win)
}

// exportCatalog exports the catalog as CSV ("csv") or GeoJSON ("geojson").
func (mw *mainWindow) exportCatalog(kind string) {
	s, ok := mw.requireCase()
	if !ok {
		return
	}
	mw.exportDialog(exports.Catalog(kind, s.Case.Name()))
}
