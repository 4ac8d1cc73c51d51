package main

import (
	"github.com/exhibit-app/exhibit/app"
)

// runGUI opens the desktop app on the case the flags name; without
// --case, on the last case used.
func runGUI(g *globals, explicit bool) error {
	opt := app.Options{Version: version}
	if explicit || g.caseDir != "" {
		opt.CaseDir = g.caseDir
	}
	return app.Run(opt)
}
