package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	_ "github.com/exhibit-app/exhibit/app/locale" // first: a locale Fyne can parse

	"os"
	"path/filepath"
	"testing"
)

func TestMain(m *testing.M) {
	if path := os.Getenv(stateWriterEnv); path != "" {
		writeStatesForever(path) // until TestStateSurvivesKill kills it
	}
	code := m.Run()
	if apptest.SampleDirP != "" {
		os.RemoveAll(filepath.Dir(apptest.SampleDirP))
	}
	os.Exit(code)
}
