package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"strings"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
	"github.com/exhibit-app/exhibit/viewer"
)

// Keys, defaults and bounds of the settings. Keys without a default have
// the zero value as default.
const (
	settingWindowSize      = "window-size"
	settingWindowWidthDef  = 1280
	settingWindowHeightDef = 820
	minWindowWidth         = 640
	minWindowHeight        = 420

	settingLastCase   = "last-case"
	settingLastScreen = "last-screen"
	settingLastFolder = "last-import-folder"

	settingCompareMode  = "compare-mode"
	settingMarkColor    = "mark-color"
	settingMarkWidth    = "mark-width"
	settingPaper        = "sheet-paper"
	settingLandscape    = "sheet-landscape"
	settingQuoteImages  = "sheet-quote-images"
	settingExportFolder = "last-export-folder"
	settingLastPair     = "last-pair"

	settingThumbCacheMB    = "thumb-cache-mb"
	settingThumbCacheMBDef = 192
	settingThumbCacheMBMin = 32
	settingThumbCacheMBMax = 4096
)

// Settings are the app's typed settings, stored in Fyne's preferences
// (which keep them between runs). The last case, screen and window size
// are also kept in a state file of their own, written whole (see
// appState), and read from there first.
type Settings struct {
	p     fyne.Preferences
	state *stateFile // nil: the preferences alone
}

// NewSettings returns the settings stored in p.
func NewSettings(p fyne.Preferences) *Settings { return &Settings{p: p} }

// NewSettingsWithState returns the settings stored in p, with the last
// case, screen and window size kept in the state file at path too. A
// state file that cannot be read is logged, and p is used.
func NewSettingsWithState(p fyne.Preferences, path string) *Settings {
	f, err := openStateFile(path)
	if err != nil {
		fyne.LogError("read the state kept from the last run (the preferences are used instead)", err)
	}
	return &Settings{p: p, state: f}
}

// kept returns the state file's state (the zero state when there is none).
func (s *Settings) kept() appState {
	if s.state == nil {
		return appState{}
	}
	return s.state.st
}

// keep changes the state file's state, if there is one.
func (s *Settings) keep(change func(st *appState)) {
	if s.state != nil {
		s.state.update(change)
	}
}

// WindowSize returns the size of the main window when it was last closed.
func (s *Settings) WindowSize() fyne.Size {
	v := s.kept().WindowSize
	if len(v) != 2 {
		v = s.p.FloatList(settingWindowSize)
	}
	if len(v) != 2 || v[0] < minWindowWidth || v[1] < minWindowHeight {
		return fyne.NewSize(settingWindowWidthDef, settingWindowHeightDef)
	}
	return fyne.NewSize(float32(v[0]), float32(v[1]))
}

// SetWindowSize remembers the size of the main window.
func (s *Settings) SetWindowSize(v fyne.Size) {
	if v.Width < minWindowWidth || v.Height < minWindowHeight {
		return
	}
	wh := []float64{float64(v.Width), float64(v.Height)}
	s.keep(func(st *appState) { st.WindowSize = wh })
	s.p.SetFloatList(settingWindowSize, wh)
}

// LastCase returns the folder of the case used last ("" when none).
func (s *Settings) LastCase() string {
	if dir := s.kept().LastCase; dir != "" {
		return dir
	}
	return s.p.String(settingLastCase)
}

// SetLastCase remembers the case in use.
func (s *Settings) SetLastCase(dir string) {
	s.keep(func(st *appState) { st.LastCase = dir })
	s.setString(settingLastCase, dir)
}

// LastScreen returns the ID of the screen shown last ("library" when none).
func (s *Settings) LastScreen() string {
	id := s.kept().LastScreen
	if id == "" {
		id = s.p.StringWithFallback(settingLastScreen, ui.ScreenLibrary)
	}
	if screenSpecByID(id) == nil {
		return ui.ScreenLibrary
	}
	return id
}

// SetLastScreen remembers the screen shown.
func (s *Settings) SetLastScreen(id string) {
	s.keep(func(st *appState) { st.LastScreen = id })
	s.setString(settingLastScreen, id)
}

// LastImportFolder returns the folder the last import was chosen in.
func (s *Settings) LastImportFolder() string { return s.p.String(settingLastFolder) }

// SetLastImportFolder remembers where the last import was chosen.
func (s *Settings) SetLastImportFolder(dir string) { s.setString(settingLastFolder, dir) }

// setString stores v unless it is stored already (each change rewrites
// the preferences file).
func (s *Settings) setString(key, v string) {
	if s.p.String(key) != v {
		s.p.SetString(key, v)
	}
}

// ThumbCacheMB returns the memory, in MiB, the library's thumbnail cache
// may use.
func (s *Settings) ThumbCacheMB() int {
	v := s.p.IntWithFallback(settingThumbCacheMB, settingThumbCacheMBDef)
	return min(max(v, settingThumbCacheMBMin), settingThumbCacheMBMax)
}

// ThumbCacheMBPresets returns the bounds and the default of ThumbCacheMB.
func (s *Settings) ThumbCacheMBPresets() (lo, hi, def int) {
	return settingThumbCacheMBMin, settingThumbCacheMBMax, settingThumbCacheMBDef
}

// SetThumbCacheMB sets the thumbnail cache size, within its bounds.
func (s *Settings) SetThumbCacheMB(v int) {
	s.p.SetInt(settingThumbCacheMB, min(max(v, settingThumbCacheMBMin), settingThumbCacheMBMax))
}

// CompareMode returns the compare mode used last (side by side when none).
func (s *Settings) CompareMode() viewer.CompareMode {
	m := viewer.CompareMode(s.p.Int(settingCompareMode))
	if m < viewer.ModeSideBySide || m > viewer.ModeFlicker {
		return viewer.ModeSideBySide
	}
	return m
}

// SetCompareMode remembers the compare mode.
func (s *Settings) SetCompareMode(m viewer.CompareMode) {
	if s.p.Int(settingCompareMode) != int(m) {
		s.p.SetInt(settingCompareMode, int(m))
	}
}

// MarkStyle returns the colour ("#RRGGBB") and stroke width of new
// annotations, as last chosen (the catalog's defaults at first).
func (s *Settings) MarkStyle() (color string, width float64) {
	color = s.p.StringWithFallback(settingMarkColor, catalog.DefaultColor)
	if _, err := annot.ParseColor(color); err != nil {
		color = catalog.DefaultColor
	}
	width = s.p.FloatWithFallback(settingMarkWidth, catalog.DefaultWidth)
	if !(width > 0 && width <= catalog.MaxWidth) {
		width = catalog.DefaultWidth
	}
	return strings.ToUpper(color), width
}

// SetMarkStyle remembers the colour and width of new annotations.
func (s *Settings) SetMarkStyle(color string, width float64) {
	s.setString(settingMarkColor, strings.ToUpper(color))
	if s.p.Float(settingMarkWidth) != width {
		s.p.SetFloat(settingMarkWidth, width)
	}
}

// SheetPaper returns the paper ("A4" or "Letter") and orientation of the
// last sheets exported.
func (s *Settings) SheetPaper() (paper string, landscape bool) {
	paper = s.p.StringWithFallback(settingPaper, "A4")
	if paper != "Letter" {
		paper = "A4"
	}
	return paper, s.p.Bool(settingLandscape)
}

// SetSheetPaper remembers the paper and orientation of sheets.
func (s *Settings) SetSheetPaper(paper string, landscape bool) {
	s.setString(settingPaper, paper)
	if s.p.Bool(settingLandscape) != landscape {
		s.p.SetBool(settingLandscape, landscape)
	}
}

// SheetQuoteImages tells whether sheets print, under each excerpt quoted
// from a PDF, the region of its page it stands on (off by default).
func (s *Settings) SheetQuoteImages() bool { return s.p.Bool(settingQuoteImages) }

// SetSheetQuoteImages remembers whether sheets print the quotes' page
// regions.
func (s *Settings) SetSheetQuoteImages(on bool) {
	if s.p.Bool(settingQuoteImages) != on {
		s.p.SetBool(settingQuoteImages, on)
	}
}

// LastExportFolder returns the folder the last export was written to.
func (s *Settings) LastExportFolder() string { return s.p.String(settingExportFolder) }

// SetLastExportFolder remembers where the last export was written.
func (s *Settings) SetLastExportFolder(dir string) { s.setString(settingExportFolder, dir) }

// settingBasemapPrefix, followed by a case's folder, keys the basemap
// chosen for that case.
const settingBasemapPrefix = "basemap:"

// Basemap returns the MBTiles file last chosen as the map's basemap for
// the case in caseDir ("" for none).
func (s *Settings) Basemap(caseDir string) string { return s.p.String(settingBasemapPrefix + caseDir) }

// SetBasemap remembers the basemap of the case in caseDir ("": none).
func (s *Settings) SetBasemap(caseDir, path string) { s.setString(settingBasemapPrefix+caseDir, path) }

// LastPair returns the pair the compare screen showed last (0: none).
func (s *Settings) LastPair() int64 { return int64(s.p.Int(settingLastPair)) }

// SetLastPair remembers the pair shown.
func (s *Settings) SetLastPair(id int64) {
	if s.p.Int(settingLastPair) != int(id) {
		s.p.SetInt(settingLastPair, int(id))
	}
}
