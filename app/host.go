package app

import (
	"net/url"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/app/exports"
	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
)

// The main window is the host of every screen: each screen package asks
// for the few of these methods it needs through a Host interface of its
// own.

// Window returns the window the screens are shown in.
func (mw *mainWindow) Window() fyne.Window { return mw.win }

// Clipboard returns the system clipboard.
func (mw *mainWindow) Clipboard() fyne.Clipboard { return mw.app.Clipboard() }

// Show switches to the screen with this ID and opens it on t.
func (mw *mainWindow) Show(screen string, t ui.Target) { mw.show(screen, t) }

// Changed says that from changed the case: the other screens read it
// again.
func (mw *mainWindow) Changed(from ui.Screen) { mw.changed(from) }

// ChooseFile asks for a file with one of exts, then calls then with its
// path.
func (mw *mainWindow) ChooseFile(title, confirm, what string, exts []string, then func(path string)) {
	mw.chooseFile(title, confirm, what, exts, then)
}

// AddReport opens the dialog that adds a report to the case.
func (mw *mainWindow) AddReport() { mw.addReportDialog() }

// ExportSiteSheet opens the export dialog of the sheet of the site with
// this ID and name.
func (mw *mainWindow) ExportSiteSheet(siteID int64, name string) {
	mw.ExportSheets(export.Target{Sites: []int64{siteID}}, "Export site sheet",
		"The site's timeline, the two images that bracket its window side by side with their capture times and SHA-256, the window in words, a map of the site and the linked excerpts.",
		exports.SafeName(name)+" site sheet")
}

// ReviewImage returns the image the Review screen shows (nil: none).
func (mw *mainWindow) ReviewImage() *catalog.Image {
	if r, ok := mw.screen(ui.ScreenReview).(imageShower); ok {
		return r.Image()
	}
	return nil
}

// LibraryOrder returns the images the Library has Review walk from id
// (nil: none read yet).
func (mw *mainWindow) LibraryOrder(id int64) []int64 {
	if l, ok := mw.screen(ui.ScreenLibrary).(libraryOrder); ok {
		return l.Order(id)
	}
	return nil
}

// LibraryCursor returns the image under the Library's cursor.
func (mw *mainWindow) LibraryCursor() (int64, bool) {
	if l, ok := mw.screen(ui.ScreenLibrary).(libraryOrder); ok {
		return l.Cursor()
	}
	return 0, false
}

// ImportFolder opens the dialog importing a folder.
func (mw *mainWindow) ImportFolder() { mw.importFolderDialog() }

// ImportFiles opens the dialog importing files.
func (mw *mainWindow) ImportFiles() { mw.importFilesDialog() }

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
