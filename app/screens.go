package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The IDs of the screens (the values of --screen).
const (
	screenLibrary = "library"
	screenReview  = "review"
	screenReport  = "report"
	screenCompare = "compare"
	screenMap     = "map"
	screenSites   = "sites"
)

// Screen is one screen of the main window: a navigation tab showing one
// view of the open case. A screen is made for one case (see ScreenSpec.New)
// and closed with it; its methods are called on the UI goroutine.
//
// A screen loads its data in the background: fetchData(ctx) reads the
// case, update() shows what was read (see jobs.go).
type Screen interface {
	// Content returns the screen's widget tree (built once).
	Content() fyne.CanvasObject
	// Open is called when the screen is shown, with what to show (the zero
	// Target: as it was).
	Open(t Target)
	// Reload reads the case again, after another screen or an import
	// changed it; it is called before Open when that happened while the
	// screen was hidden.
	Reload()
	// Close stops the screen's background work; the case is being closed.
	Close()
}

// Optional interfaces a Screen may implement; the main window calls them
// when the screen is shown.
type (
	// keyHandler receives the keys typed while no widget has the focus
	// (arrows, Page Up and Down, ...).
	keyHandler interface{ TypedKey(*fyne.KeyEvent) }
	// runeHandler receives the characters typed while no widget has the
	// focus (+, -, 0, 1, ...).
	runeHandler interface{ TypedRune(rune) }
	// searchFocuser focuses the screen's search box (Ctrl+F).
	searchFocuser interface{ FocusSearch() }
	// linker runs the screen's "link" action (Ctrl+L).
	linker interface{ Link() }
	// hider is told when another screen is shown instead (to store what
	// is being typed, stop animations).
	hider interface{ Hidden() }
	// markEditor undoes, redoes and deletes annotations (Edit menu).
	markEditor interface {
		Undo()
		Redo()
		DeleteMark()
	}
	// sheetExporter exports the sheet of what the screen shows (Ctrl+E).
	sheetExporter interface{ ExportSheet() }
	// sheetsExporter exports the sheets of the screen's selection
	// (Ctrl+Shift+E).
	sheetsExporter interface{ ExportSheets() }
	// imageExporter exports the image shown with its marks burned in.
	imageExporter interface{ ExportImage() }
)

// Target says what a screen should show when opened. Fields a screen does
// not use are ignored.
type Target struct {
	// ImageID is the image to review.
	ImageID int64
	// Order is the sequence of images Previous and Next walk through in
	// the review screen: the library's selection, or its filter order.
	Order []int64
	// ReportID is the report to show.
	ReportID int64
	// PairID is the pair the compare screen shows.
	PairID int64
}

// ScreenSpec registers a screen: one entry of screenSpecs is one tab, one
// --screen value, one Ctrl+digit shortcut and one item of the View menu.
type ScreenSpec struct {
	ID    string               // the --screen value
	Title string               // the tab's label
	Icon  func() fyne.Resource // a theme icon (called once an app runs)
	// Key, with Ctrl (Cmd on macOS), shows the screen.
	Key fyne.KeyName
	// New makes the screen for the main window's open case.
	New func(mw *mainWindow, s *session) Screen
}

// screenSpecs are the screens, in tab order. To add a screen: write its
// type (compare.go) implementing Screen, add its spec here, and let Target
// carry what it opens on.
var screenSpecs = []ScreenSpec{
	{ID: screenLibrary, Title: "Library", Icon: theme.GridIcon, Key: fyne.Key1,
		New: func(mw *mainWindow, s *session) Screen { return newLibraryScreen(mw, s) }},
	{ID: screenReview, Title: "Review", Icon: theme.VisibilityIcon, Key: fyne.Key2,
		New: func(mw *mainWindow, s *session) Screen { return newReviewScreen(mw, s) }},
	{ID: screenReport, Title: "Reports", Icon: theme.DocumentIcon, Key: fyne.Key3,
		New: func(mw *mainWindow, s *session) Screen { return newReportScreen(mw, s) }},
	{ID: screenCompare, Title: "Compare", Icon: theme.ViewRestoreIcon, Key: fyne.Key4,
		New: func(mw *mainWindow, s *session) Screen { return newCompareScreen(mw, s) }},
	{ID: screenMap, Title: "Map", Icon: mapScreenIcon, Key: fyne.Key5,
		New: func(mw *mainWindow, s *session) Screen { return newMapScreen(mw, s) }},
	{ID: screenSites, Title: "Sites", Icon: sitesIcon, Key: fyne.Key6,
		New: func(mw *mainWindow, s *session) Screen { return newSitesScreen(mw, s) }},
}

// ScreenIDs returns the IDs of the screens, the values --screen accepts.
func ScreenIDs() []string {
	ids := make([]string, len(screenSpecs))
	for i, s := range screenSpecs {
		ids[i] = s.ID
	}
	return ids
}

func screenSpecByID(id string) *ScreenSpec {
	for i := range screenSpecs {
		if screenSpecs[i].ID == id {
			return &screenSpecs[i]
		}
	}
	return nil
}
