package app

import (
	"fyne.io/fyne/v2"

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
	spec := mw.sheetsSpec(export.Target{Sites: []int64{siteID}}, "Export site sheet",
		"The site's timeline, the two images that bracket its window side by side with their capture times and SHA-256, the window in words, a map of the site and the linked excerpts.",
		safeName(name)+" site sheet")
	mw.exportDialog(spec)
}

// ReviewImage returns the image the Review screen shows (nil: none).
func (mw *mainWindow) ReviewImage() *catalog.Image {
	for _, s := range mw.slots {
		if rs, ok := s.scr.(*reviewScreen); ok {
			return rs.im
		}
	}
	return nil
}

// SetBusy says on the status bar what runs in the background ("":
// nothing).
func (mw *mainWindow) SetBusy(what string) { mw.status.setBusy(what) }
