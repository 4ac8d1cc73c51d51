// Package review is the Review screen: one image, zoomable, with its
// marks, beside the excerpts linked to it (and the suggested ones), its
// notes and tags, and its metadata; Previous and Next walk the order it was
// opened with.
package review

import (
	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/app/marks"
	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
)

// Host is what the Review screen asks of the window it is shown in.
type Host interface {
	Window() fyne.Window
	Clipboard() fyne.Clipboard
	// Show switches to another screen (the Library, a report's excerpt,
	// the Map).
	Show(screen string, t ui.Target)
	// Changed says that the screen changed the case (a link, a note, a
	// tag, a mark).
	Changed(from ui.Screen)
	// LibraryOrder returns the images the Library would have Review walk
	// from id (its selection when it holds id, else its filter's order;
	// with id 0, its filter's order); nil while the Library has read none.
	LibraryOrder(id int64) []int64
	// LibraryCursor returns the image under the Library's cursor.
	LibraryCursor() (id int64, ok bool)
	// ExportSheets opens the export dialog of the sheets of t.
	ExportSheets(t export.Target, title, what, name string)
	// ExportPNG opens the export dialog of an image, its marks burned in.
	ExportPNG(title string, pick func(side string) (*catalog.Image, int64), name string, sides []string)
}

// New makes the Review screen of the case of s; settings keep the style
// of new marks. Beside ui.Screen, it has Image, the image it shows.
func New(host Host, settings marks.StyleSettings, s *ui.Session) ui.Screen {
	return newReviewScreen(host, settings, s)
}

// Image returns the image shown (nil: none).
func (r *reviewScreen) Image() *catalog.Image { return r.im }
