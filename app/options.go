package app

import (
	"fmt"
	"strconv"
	"strings"
)

// Options say how to start the app.
type Options struct {
	// CaseDir is the case to open; "" opens the last case used (or, when
	// there is none, the welcome screen).
	CaseDir string
	// Version is shown in the About dialog.
	Version string
	// SampleIfNone opens the sample case (making it first if needed) when
	// no case is given and none is remembered: what `make run` does.
	SampleIfNone bool
	// Screen is the screen to show first ("library", "review", "report",
	// "compare":
	// see ScreenIDs); "" shows the screen shown last.
	Screen string
	// ImageID is the image the review screen opens on (0: the first of the
	// library's order).
	ImageID int64
	// ReportID is the report the report screen opens on (0: the first).
	ReportID int64
	// PairID is the pair the compare screen opens on (0: the first).
	PairID int64
	// WindowWidth and WindowHeight, when set, size the window (Fyne units);
	// otherwise the size remembered from the last run.
	WindowWidth, WindowHeight float32
}

// Validate checks the options given on the command line.
func (o Options) Validate() error {
	if o.Screen != "" && screenSpecByID(o.Screen) == nil {
		return fmt.Errorf("--screen %q: want one of %s", o.Screen, strings.Join(ScreenIDs(), ", "))
	}
	if o.ImageID < 0 || o.ReportID < 0 || o.PairID < 0 {
		return fmt.Errorf("image, report and pair ids are positive numbers")
	}
	return nil
}

// ParseWindowSize reads a window size written WxH ("1440x900").
func ParseWindowSize(s string) (w, h float32, err error) {
	ws, hs, ok := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "x")
	if !ok {
		return 0, 0, fmt.Errorf("window size %q: want WIDTHxHEIGHT, for example 1440x900", s)
	}
	wi, err1 := strconv.Atoi(strings.TrimSpace(ws))
	hi, err2 := strconv.Atoi(strings.TrimSpace(hs))
	if err1 != nil || err2 != nil || wi < minWindowWidth || hi < minWindowHeight || wi > 16384 || hi > 16384 {
		return 0, 0, fmt.Errorf("window size %q: want WIDTHxHEIGHT between %dx%d and 16384x16384", s, minWindowWidth, minWindowHeight)
	}
	return float32(wi), float32(hi), nil
}
