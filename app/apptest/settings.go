package apptest

import (
	"strings"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

// Settings stand in for the window's settings in a screen's tests: what
// the screens read and keep, in memory.
type Settings struct {
	Color     string
	Width     float64
	Mode      viewer.CompareMode
	Pair      int64
	ThumbsMB  int
	ExportDir string
	Paper     string
	Landscape bool
	// QuoteImages is whether sheets print their quotes' page regions.
	QuoteImages bool
}

// NewSettings returns the defaults of a first run.
func NewSettings() *Settings {
	return &Settings{Color: strings.ToUpper(catalog.DefaultColor), Width: catalog.DefaultWidth, Mode: viewer.ModeSideBySide, ThumbsMB: 256, Paper: "A4"}
}

// MarkStyle returns the style of new marks.
func (s *Settings) MarkStyle() (string, float64) { return s.Color, s.Width }

// SetMarkStyle keeps the style of new marks.
func (s *Settings) SetMarkStyle(color string, width float64) {
	s.Color, s.Width = strings.ToUpper(color), width
}

// CompareMode returns the Compare screen's mode.
func (s *Settings) CompareMode() viewer.CompareMode { return s.Mode }

// SetCompareMode keeps the Compare screen's mode.
func (s *Settings) SetCompareMode(m viewer.CompareMode) { s.Mode = m }

// LastPair returns the pair shown last.
func (s *Settings) LastPair() int64 { return s.Pair }

// SetLastPair keeps the pair shown last.
func (s *Settings) SetLastPair(id int64) { s.Pair = id }

// ThumbCacheMB returns the size of the thumbnails kept in memory.
func (s *Settings) ThumbCacheMB() int { return s.ThumbsMB }

// LastExportFolder returns the folder of the last export.
func (s *Settings) LastExportFolder() string { return s.ExportDir }

// SetLastExportFolder keeps the folder of the last export.
func (s *Settings) SetLastExportFolder(dir string) { s.ExportDir = dir }

// SheetPaper returns the paper of the last sheets.
func (s *Settings) SheetPaper() (string, bool) { return s.Paper, s.Landscape }

// SetSheetPaper keeps the paper of the last sheets.
func (s *Settings) SetSheetPaper(paper string, landscape bool) {
	s.Paper, s.Landscape = paper, landscape
}

// SheetQuoteImages tells whether sheets print their quotes' page regions.
func (s *Settings) SheetQuoteImages() bool { return s.QuoteImages }

// SetSheetQuoteImages keeps whether sheets print their quotes' page
// regions.
func (s *Settings) SetSheetQuoteImages(on bool) { s.QuoteImages = on }
