package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/app"
)

// guiFlags are the root command's flags for the desktop app.
type guiFlags struct {
	screen       string
	image        int64
	report       int64
	pair         int64
	windowSize   string
	sampleIfNone bool
}

// addGUIFlags adds the desktop app's flags to the root command.
func addGUIFlags(cmd *cobra.Command, f *guiFlags) {
	fl := cmd.Flags()
	fl.StringVar(&f.screen, "screen", "", "the screen to open: "+strings.Join(app.ScreenIDs(), ", ")+" (default: the last one used)")
	fl.Int64Var(&f.image, "image", 0, "the image to open the review screen on (its id)")
	fl.Int64Var(&f.report, "report", 0, "the report to open the report screen on (its id)")
	fl.Int64Var(&f.pair, "pair", 0, "the pair to open the compare screen on (its id)")
	fl.StringVar(&f.windowSize, "window-size", "", "the window's size, WIDTHxHEIGHT (for example 1440x900)")
	fl.BoolVar(&f.sampleIfNone, "sample-if-none", false, "open the sample case (making it first) when no case is given or remembered")
}

// runGUI opens the desktop app on the case the flags name; without
// --case, on the last case used.
func runGUI(g *globals, f *guiFlags, explicit bool) error {
	opt := app.Options{Version: version, Screen: f.screen, ImageID: f.image, ReportID: f.report, PairID: f.pair, SampleIfNone: f.sampleIfNone}
	if explicit || g.caseDir != "" {
		opt.CaseDir = g.caseDir
	}
	if f.windowSize != "" {
		w, h, err := app.ParseWindowSize(f.windowSize)
		if err != nil {
			return err
		}
		opt.WindowWidth, opt.WindowHeight = w, h
	}
	return app.Run(opt)
}
