package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"path/filepath"

	"github.com/exhibit-app/exhibit/catalog"
)

// startPlan says what the window shows first: a case (dir), the sample
// case (made first when it does not exist yet), or the welcome screen.
type startPlan struct {
	dir      string
	explicit bool // dir was given on the command line
	sample   bool
}

// chooseStart decides what to open: the case given, else the last case
// used, else the default case when it has images, else the sample case
// when asked to (--sample-if-none), else nothing (the welcome screen).
// hasImages tells whether the case in a folder has images.
func chooseStart(opt Options, last, defaultDir string, hasImages func(dir string) bool) startPlan {
	switch {
	case opt.CaseDir != "":
		return startPlan{dir: opt.CaseDir, explicit: true}
	case last != "" && catalog.IsCase(last):
		return startPlan{dir: last}
	case defaultDir != "" && catalog.IsCase(defaultDir) && hasImages(defaultDir):
		return startPlan{dir: defaultDir}
	case opt.SampleIfNone:
		return startPlan{sample: true}
	}
	return startPlan{}
}

// caseHasImages reports whether the case in dir has at least one image.
func caseHasImages(dir string) bool {
	ctx := context.Background()
	c, err := catalog.Open(ctx, dir)
	if err != nil {
		return false
	}
	defer c.Close()
	n, err := c.CountImages(ctx)
	return err == nil && n > 0
}

// sampleDir is where the sample case is made: Sample.exhibit beside the
// default case, in the user's data folder.
func sampleDir() (string, error) {
	def, err := catalog.DefaultDir()
	if err != nil {
		return "", fmt.Errorf("find the sample case's folder: %w", err)
	}
	return filepath.Join(filepath.Dir(def), "Sample.exhibit"), nil
}

// startScreen returns the screen to show first and on what.
func startScreen(opt Options) (string, ui.Target) {
	t := ui.Target{ImageID: opt.ImageID, ReportID: opt.ReportID, PairID: opt.PairID}
	switch {
	case opt.Screen != "":
		return opt.Screen, t
	case opt.PairID > 0:
		return ui.ScreenCompare, t
	case opt.ImageID > 0:
		return ui.ScreenReview, t
	case opt.ReportID > 0:
		return ui.ScreenReport, t
	}
	return "", t
}

// start opens what chooseStart decides. Only a case named on the command
// line that cannot be opened is an error; otherwise the welcome screen
// says what went wrong.
func (mw *mainWindow) start(opt Options) error {
	def, _ := catalog.DefaultDir()
	plan := chooseStart(opt, mw.settings.LastCase(), def, caseHasImages)
	screen, target := startScreen(opt)
	switch {
	case plan.dir != "":
		c, err := catalog.Open(context.Background(), plan.dir)
		if err != nil {
			if plan.explicit {
				return err
			}
			mw.showWelcome()
			ui.ShowError(mw.win, "Could not open the last case", err)
			return nil
		}
		mw.setCase(c, screen, target)
	case plan.sample:
		mw.showWelcome()
		mw.openSampleThen(screen, target)
	default:
		mw.showWelcome()
	}
	return nil
}
