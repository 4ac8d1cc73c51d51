package app

import (
	"fyne.io/fyne/v2/dialog"

	"github.com/exhibit-app/exhibit/app/exports"
)

// exportDialog opens the export dialog of spec on the open case.
func (mw *mainWindow) exportDialog(spec exports.Spec) {
	if mw.sess == nil {
		return
	}
	exports.Open(mw, mw.settings, mw.sess, spec)
}

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
