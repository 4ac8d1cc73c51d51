// Package library is the Library screen: the case's images as a grid of
// thumbnails under a filter bar (text, dates, camera, tags, links), the
// selection reviewed, tagged, exported as sheets or made into a pair.
package library

import (
	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/internal/export"
)

// Host is what the Library screen asks of the window it is shown in.
type Host interface {
	Window() fyne.Window
	// Show switches to another screen (Review on an image, Compare on a
	// pair made).
	Show(screen string, t ui.Target)
	// Changed says that the screen changed the case (tags, a pair); nil:
	// every screen reads it again.
	Changed(from ui.Screen)
	// ImportFolder and ImportFiles open the window's import dialogs.
	ImportFolder()
	ImportFiles()
	// ExportSheets opens the export dialog of the sheets of t.
	ExportSheets(t export.Target, title, what, name string)
}

// Settings are the settings the Library reads.
type Settings interface {
	// ThumbCacheMB is the size of the thumbnails kept in memory.
	ThumbCacheMB() int
}

// New makes the Library screen of the case of s. Beside ui.Screen, it
// has what Review and the window ask of it: Order, Cursor, Selected and
// MakePair.
func New(host Host, settings Settings, s *ui.Session) ui.Screen {
	return newLibraryScreen(host, settings, s)
}

// Order returns the images Review walks from id: the selection when it
// holds id and more, else the filter's order (nil: none read yet).
func (l *libraryScreen) Order(id int64) []int64 { return l.order(id) }

// Cursor returns the image under the grid's cursor.
func (l *libraryScreen) Cursor() (int64, bool) { return l.cursor() }

// Selected returns the images selected.
func (l *libraryScreen) Selected() []int64 { return l.selected() }
