package apptest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
)

// Host stands in for the main window in a screen's tests: a window
// (1280×820) on a queued test app, and a record of what the screen asked
// of it. It has every method a screen's Host interface may ask for.
type Host struct {
	App fyne.App
	Win fyne.Window
	Q   *Queue
	// Shown are the screens the screen asked to show, in order.
	Shown []Shown
	// Changes counts the changes to the case the screen reported.
	Changes int
	// Asked are the dialogs of the window the screen asked to open.
	Asked []string
	// File is the path ChooseFile gives ("": the choice is cancelled).
	File string
	// Busy is what the screen last said runs in the background.
	Busy string
	// Basemaps are the basemaps kept, by case folder.
	Basemaps map[string]string
	// Reviewing is the image the Review screen would show.
	Reviewing *catalog.Image
	// Order is what LibraryOrder returns (the Library's order), Cursor
	// what LibraryCursor returns (0: none).
	Order  []int64
	Cursor int64
	// Exports are the export dialogs the screen asked for, in order.
	Exports []Export
}

// Export is an export dialog a screen asked the window to open.
type Export struct {
	Title, What, Name string
	// Target is what a sheets export writes (ExportSheets).
	Target export.Target
	// Pick and Sides are an image export's (ExportPNG).
	Pick  func(side string) (*catalog.Image, int64)
	Sides []string
}

// LastExport returns the last export asked for (the zero Export: none).
func (h *Host) LastExport() Export {
	if len(h.Exports) == 0 {
		return Export{}
	}
	return h.Exports[len(h.Exports)-1]
}

// Shown is a screen a screen asked the window to show.
type Shown struct {
	Screen string
	Target ui.Target
}

// NewHost makes a host on a new queued test app.
func NewHost(t testing.TB) *Host {
	a, q := NewQueuedApp(t)
	w := a.NewWindow("test")
	w.Resize(fyne.NewSize(1280, 820))
	return &Host{App: a, Win: w, Q: q, Basemaps: map[string]string{}}
}

// Window returns the test window.
func (h *Host) Window() fyne.Window { return h.Win }

// Clipboard returns the test app's clipboard.
func (h *Host) Clipboard() fyne.Clipboard { return h.App.Clipboard() }

// Show records the screen asked for.
func (h *Host) Show(screen string, t ui.Target) { h.Shown = append(h.Shown, Shown{screen, t}) }

// LastShown returns the last screen asked for (the zero Shown: none).
func (h *Host) LastShown() Shown {
	if len(h.Shown) == 0 {
		return Shown{}
	}
	return h.Shown[len(h.Shown)-1]
}

// Changed counts a change.
func (h *Host) Changed(ui.Screen) { h.Changes++ }

// ChooseFile records the question and gives File, when set.
func (h *Host) ChooseFile(title, _, _ string, _ []string, then func(path string)) {
	h.Asked = append(h.Asked, "choose file: "+title)
	if h.File != "" {
		then(h.File)
	}
}

// AddReport records the dialog asked for.
func (h *Host) AddReport() { h.Asked = append(h.Asked, "add report") }

// ExportSiteSheet records the dialog asked for.
func (h *Host) ExportSiteSheet(siteID int64, name string) {
	h.Asked = append(h.Asked, fmt.Sprintf("export site sheet %d %s", siteID, name))
}

// ImportFolder records the dialog asked for.
func (h *Host) ImportFolder() { h.Asked = append(h.Asked, "import folder") }

// ImportFiles records the dialog asked for.
func (h *Host) ImportFiles() { h.Asked = append(h.Asked, "import files") }

// ExportSheets records the export asked for.
func (h *Host) ExportSheets(t export.Target, title, what, name string) {
	h.Exports = append(h.Exports, Export{Title: title, What: what, Name: name, Target: t})
}

// ExportPNG records the export asked for.
func (h *Host) ExportPNG(title string, pick func(side string) (*catalog.Image, int64), name string, sides []string) {
	h.Exports = append(h.Exports, Export{Title: title, Name: name, Pick: pick, Sides: sides})
}

// LibraryOrder returns Order.
func (h *Host) LibraryOrder(int64) []int64 { return h.Order }

// LibraryCursor returns Cursor.
func (h *Host) LibraryCursor() (int64, bool) { return h.Cursor, h.Cursor != 0 }

// Basemap returns the basemap kept for the case in caseDir.
func (h *Host) Basemap(caseDir string) string { return h.Basemaps[caseDir] }

// SetBasemap keeps the basemap of the case in caseDir.
func (h *Host) SetBasemap(caseDir, path string) { h.Basemaps[caseDir] = path }

// Main runs a package's tests, then removes the sample case built for
// them.
func Main(m *testing.M) {
	code := m.Run()
	if SampleDirP != "" {
		os.RemoveAll(filepath.Dir(SampleDirP))
	}
	os.Exit(code)
}

// ReviewImage returns Reviewing.
func (h *Host) ReviewImage() *catalog.Image { return h.Reviewing }

// SetBusy records what the screen said runs in the background.
func (h *Host) SetBusy(what string) { h.Busy = what }
