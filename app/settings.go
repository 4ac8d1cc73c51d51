package app

import (
	"fyne.io/fyne/v2"
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

	settingThumbCacheMB    = "thumb-cache-mb"
	settingThumbCacheMBDef = 192
	settingThumbCacheMBMin = 32
	settingThumbCacheMBMax = 4096
)

// Settings are the app's typed settings, stored in Fyne's preferences
// (which keep them between runs).
type Settings struct {
	p fyne.Preferences
}

// NewSettings returns the settings stored in p.
func NewSettings(p fyne.Preferences) *Settings { return &Settings{p: p} }

// WindowSize returns the size of the main window when it was last closed.
func (s *Settings) WindowSize() fyne.Size {
	v := s.p.FloatList(settingWindowSize)
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
	s.p.SetFloatList(settingWindowSize, []float64{float64(v.Width), float64(v.Height)})
}

// LastCase returns the folder of the case used last ("" when none).
func (s *Settings) LastCase() string { return s.p.String(settingLastCase) }

// SetLastCase remembers the case in use.
func (s *Settings) SetLastCase(dir string) { s.setString(settingLastCase, dir) }

// LastScreen returns the ID of the screen shown last ("library" when none).
func (s *Settings) LastScreen() string {
	id := s.p.StringWithFallback(settingLastScreen, screenLibrary)
	if screenSpecByID(id) == nil {
		return screenLibrary
	}
	return id
}

// SetLastScreen remembers the screen shown.
func (s *Settings) SetLastScreen(id string) { s.setString(settingLastScreen, id) }

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
