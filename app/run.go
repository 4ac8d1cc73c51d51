package app

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/exhibit-app/exhibit/app/fallbackfonts"
	"github.com/exhibit-app/exhibit/assets"
)

// AppID is Exhibit's application id (also in FyneApp.toml).
const AppID = "io.github.exhibit_app.exhibit"

// appIcon is Exhibit's icon: the window's, and the welcome screen's.
var appIcon = fyne.NewStaticResource("icon.png", assets.Icon)

// Run opens the main window as opt says and returns when it is closed. It
// fails only when opt is invalid or names a case that cannot be opened.
func Run(opt Options) error {
	if err := opt.Validate(); err != nil {
		return err
	}
	provideFallbackFonts()
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(appIcon)
	settings := NewSettingsWithState(a.Preferences(), filepath.Join(a.Storage().RootURI().Path(), stateFileName))
	mw := newMainWindow(a, settings, windowOptions{version: opt.Version})
	size := settings.WindowSize()
	if opt.WindowWidth > 0 && opt.WindowHeight > 0 {
		size = fyne.NewSize(opt.WindowWidth, opt.WindowHeight)
	}
	mw.win.Resize(size)
	if err := mw.start(opt); err != nil {
		return err
	}
	quitOnSignal(a)
	mw.win.ShowAndRun()
	return nil
}

// quitOnSignal closes the app as if its window were closed when the
// session ends or the process is asked to stop (SIGTERM, SIGINT, SIGHUP),
// so that settings are written whole and the case is closed cleanly,
// instead of the process dying in the middle of it.
func quitOnSignal(a fyne.App) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	go func() {
		<-ch
		signal.Stop(ch) // a second signal ends the process at once
		fyne.Do(a.Quit)
	}()
}

// provideFallbackFonts makes the embedded CJK fonts findable by Fyne (see
// package fallbackfonts); without them, on a machine with no such font,
// Chinese, Japanese and Korean are drawn as boxes. A failure is reported
// and the app goes on.
func provideFallbackFonts() {
	dir, err := os.UserCacheDir()
	if err == nil {
		err = fallbackfonts.Provide(filepath.Join(dir, "exhibit", "fallback-fonts"))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "exhibit:", err)
	}
}
