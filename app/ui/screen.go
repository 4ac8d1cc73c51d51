package ui

import "fyne.io/fyne/v2"

// The IDs of the screens (the values of --screen).
const (
	ScreenLibrary = "library"
	ScreenReview  = "review"
	ScreenReport  = "report"
	ScreenCompare = "compare"
	ScreenMap     = "map"
	ScreenSites   = "sites"
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
	// ExcerptID is the excerpt of the report to select (its page shown,
	// it highlighted).
	ExcerptID int64
	// PairID is the pair the compare screen shows.
	PairID int64
	// NewSiteAt, when set, is a position (latitude, longitude) where the
	// Sites screen offers to add a site (Add a site here, on the map).
	NewSiteAt *[2]float64
}
