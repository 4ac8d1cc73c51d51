package app

import (
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

// makePair asks for a new pair of the two images selected in the library
// (Ctrl+P), then opens the compare screen on it; showing the library
// first when it does not hold two images selected.
func (mw *mainWindow) makePair() {
	if _, ok := mw.requireCase(); !ok {
		return
	}
	l, ok := mw.screen(ui.ScreenLibrary).(libraryOrder)
	if !ok {
		return
	}
	if len(l.Selected()) != 2 && mw.currentScreen() != ui.Screen(l) {
		mw.show(ui.ScreenLibrary, ui.Target{})
	}
	l.MakePair()
}

// SetBusy says on the status bar what runs in the background ("":
// nothing).
func (mw *mainWindow) SetBusy(what string) { mw.status.setBusy(what) }
