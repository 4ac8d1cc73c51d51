package app

import (
	"github.com/exhibit-app/exhibit/app/compare"
	"github.com/exhibit-app/exhibit/app/library"
	"github.com/exhibit-app/exhibit/app/mapscreen"
	"github.com/exhibit-app/exhibit/app/reports"
	"github.com/exhibit-app/exhibit/app/review"
	"github.com/exhibit-app/exhibit/app/sites"
	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

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
	// libraryOrder is what the window asks of the Library screen: the
	// order Review walks, its cursor, its selection, making a pair of it.
	libraryOrder interface {
		ui.Screen
		Order(id int64) []int64
		Cursor() (int64, bool)
		Selected() []int64
		MakePair()
	}
	// imageShower is the Review screen: the image it shows.
	imageShower interface{ Image() *catalog.Image }
	// pairActions are the actions of the Pair menu, on the pair the
	// Compare screen shows.
	pairActions interface {
		ui.Screen
		PairShown() bool
		EditPair()
		SwapPair()
		Align()
		ResetAlignment()
		DeletePair()
	}
)

// ScreenSpec registers a screen: one entry of screenSpecs is one tab, one
// --screen value, one Ctrl+digit shortcut and one item of the View menu.
type ScreenSpec struct {
	ID    string               // the --screen value
	Title string               // the tab's label
	Icon  func() fyne.Resource // a theme icon (called once an app runs)
	// Key, with Ctrl (Cmd on macOS), shows the screen.
	Key fyne.KeyName
	// New makes the screen for the main window's open case.
	New func(mw *mainWindow, s *ui.Session) ui.Screen
}

// screenSpecs are the screens, in tab order. To add a screen: make its
// package under app/ (app/sites is a small example) with a type
// implementing ui.Screen and a Host interface of the few window methods it
// needs (host.go has them; add one there when it needs more), add its spec
// here, and let ui.Target carry what it opens on. Test it on an
// apptest.Host.
var screenSpecs = []ScreenSpec{
	{ID: ui.ScreenLibrary, Title: "Library", Icon: theme.GridIcon, Key: fyne.Key1,
		New: func(mw *mainWindow, s *ui.Session) ui.Screen { return library.New(mw, mw.settings, s) }},
	{ID: ui.ScreenReview, Title: "Review", Icon: theme.VisibilityIcon, Key: fyne.Key2,
		New: func(mw *mainWindow, s *ui.Session) ui.Screen { return review.New(mw, mw.settings, s) }},
	{ID: ui.ScreenReport, Title: "Reports", Icon: theme.DocumentIcon, Key: fyne.Key3,
		New: func(mw *mainWindow, s *ui.Session) ui.Screen { return reports.New(mw, s) }},
	{ID: ui.ScreenCompare, Title: "Compare", Icon: theme.ViewRestoreIcon, Key: fyne.Key4,
		New: func(mw *mainWindow, s *ui.Session) ui.Screen { return compare.New(mw, mw.settings, s) }},
	{ID: ui.ScreenMap, Title: "Map", Icon: ui.MapIcon, Key: fyne.Key5,
		New: func(mw *mainWindow, s *ui.Session) ui.Screen { return mapscreen.New(mw, mw.settings, s) }},
	{ID: ui.ScreenSites, Title: "Sites", Icon: sites.Icon, Key: fyne.Key6,
		New: func(mw *mainWindow, s *ui.Session) ui.Screen { return sites.New(mw, s) }},
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
