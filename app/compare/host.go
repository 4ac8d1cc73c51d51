// Package compare is the Compare screen: a before/after pair side by side,
// swiped, blended, differenced or flickered, following the pair's
// alignment; point picking to align it; marks on both images; the list of
// pairs with their sheets to export; editing, swapping and deleting a pair.
package compare

import (
	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/app/marks"
	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
	"github.com/exhibit-app/exhibit/viewer"
)

// Host is what the Compare screen asks of the window it is shown in.
type Host interface {
	Window() fyne.Window
	// Changed says that the screen changed the case (a mark, an
	// alignment, a pair edited).
	Changed(from ui.Screen)
	// ExportSheets opens the export dialog of the sheets of t.
	ExportSheets(t export.Target, title, what, name string)
	// ExportPNG opens the export dialog of an image of the pair, its
	// marks burned in (pick gives the image and the pair of the side
	// chosen).
	ExportPNG(title string, pick func(side string) (*catalog.Image, int64), name string, sides []string)
}

// Settings are what the Compare screen remembers: the mode, the pair
// shown last, the style of new marks.
type Settings interface {
	marks.StyleSettings
	CompareMode() viewer.CompareMode
	SetCompareMode(m viewer.CompareMode)
	LastPair() int64
	SetLastPair(id int64)
}

// New makes the Compare screen of the case of s. Beside ui.Screen, it has
// the actions of the window's Pair menu (PairShown, EditPair, SwapPair,
// Align, ResetAlignment, DeletePair).
func New(host Host, settings Settings, s *ui.Session) ui.Screen {
	return newCompareScreen(host, settings, s)
}
