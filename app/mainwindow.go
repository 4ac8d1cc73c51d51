package app

import (
	"github.com/exhibit-app/exhibit/app/importer"
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/exhibit-app/exhibit/catalog"
)

// mainWindow is Exhibit's one window: the welcome screen while no case is
// open, else a tab per screen (screenSpecs) above a status bar. Its methods
// run on the UI goroutine.
type mainWindow struct {
	app      fyne.App
	win      fyne.Window
	settings *Settings
	version  string

	sess      *ui.Session // nil while no case is open
	caseWatch *caseWatch
	slots     []*screenSlot
	tabs      *container.AppTabs
	current   int // index in slots of the screen shown; -1 before one is
	status    *statusBar
	menu      *fyne.MainMenu
	welcome   *welcomeScreen
	// watchEvery is how often the open case is checked for changes made
	// elsewhere.
	watchEvery time.Duration

	// A switch of tab made by show carries its target to selected.
	opening bool
	pending ui.Target

	// importing is the import running, if any: its dialog may have
	// stepped aside while the user works.
	importing *importer.Dialog
}

// screenSlot is a screen made for the open case, and its tab.
type screenSlot struct {
	spec  *ScreenSpec
	scr   ui.Screen
	tab   *container.TabItem
	stale bool // the case changed while the screen was hidden
}

// windowOptions are what a main window is made with.
type windowOptions struct {
	version string // shown in the About dialog, written on sheets
	// watchEvery is how often the open case is checked for changes made
	// elsewhere (0: watchEvery).
	watchEvery time.Duration
}

// newMainWindow makes the window (not shown yet), showing nothing until a
// case is opened or the welcome screen shown.
func newMainWindow(a fyne.App, settings *Settings, o windowOptions) *mainWindow {
	if o.watchEvery <= 0 {
		o.watchEvery = watchEvery
	}
	mw := &mainWindow{app: a, settings: settings, version: o.version, watchEvery: o.watchEvery, current: -1}
	mw.win = a.NewWindow("Exhibit")
	mw.win.SetMaster()
	mw.status = newStatusBar(mw)
	mw.status.reload.OnTapped = mw.reloadCase
	mw.setupMenu()
	mw.setupShortcuts()
	mw.win.Canvas().SetOnTypedKey(mw.typedKey)
	mw.win.Canvas().SetOnTypedRune(mw.typedRune)
	mw.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { mw.dropped(uris) })
	mw.win.SetCloseIntercept(func() {
		mw.settings.SetWindowSize(mw.win.Canvas().Size())
		mw.win.Close()
	})
	mw.win.SetOnClosed(mw.shutdown)
	return mw
}

// shutdown closes the open case.
func (mw *mainWindow) shutdown() {
	mw.closeScreens()
	if mw.sess != nil {
		if err := mw.sess.Close(); err != nil {
			fyne.LogError("close the case", err)
		}
		mw.sess = nil
	}
}

// closeScreens closes the screens of the open case. They are taken off
// the window first: what a screen stores as it closes (a label being
// typed) must not make the others load again.
func (mw *mainWindow) closeScreens() {
	slots := mw.slots
	mw.slots, mw.current = nil, -1
	for _, s := range slots {
		s.scr.Close()
	}
}

// openCase opens the case in dir in the background, then shows screen (an
// ID; "" for the last one shown) on target.
func (mw *mainWindow) openCase(dir, screen string, target ui.Target) {
	mw.status.setBusy("Opening " + dir + "…")
	var c *catalog.Case
	ui.Background(context.Background(), func(ctx context.Context) (err error) {
		c, err = catalog.Open(ctx, dir)
		return err
	}, func(err error) {
		mw.status.setBusy("")
		if err != nil {
			ui.ShowError(mw.win, "Could not open the case", err)
			return
		}
		mw.setCase(c, screen, target)
	})
}

// setCase makes c the open case (closing the previous one in the
// background) and shows screen on target.
func (mw *mainWindow) setCase(c *catalog.Case, screen string, target ui.Target) {
	mw.closeScreens()
	if old := mw.sess; old != nil {
		go func() {
			if err := old.Close(); err != nil {
				fyne.LogError("close the case", err)
			}
		}()
	}
	mw.welcome = nil
	mw.sess = ui.NewSession(c)
	mw.settings.SetLastCase(c.Dir())
	mw.win.SetTitle("Exhibit — " + c.Name())

	items := make([]*container.TabItem, len(screenSpecs))
	for i := range screenSpecs {
		spec := &screenSpecs[i]
		scr := spec.New(mw, mw.sess)
		slot := &screenSlot{spec: spec, scr: scr, tab: container.NewTabItemWithIcon(spec.Title, spec.Icon(), scr.Content())}
		mw.slots = append(mw.slots, slot)
		items[i] = slot.tab
	}
	mw.tabs = container.NewAppTabs(items...)
	mw.tabs.OnSelected = func(item *container.TabItem) {
		for i, s := range mw.slots {
			if s.tab == item {
				mw.selected(i)
			}
		}
	}
	mw.win.SetContent(container.NewBorder(nil, mw.status.content, nil, nil, mw.tabs))
	mw.status.setCase(mw.sess)
	c.SetProgram("exhibit app")
	mw.watch(mw.sess)
	mw.enableCaseMenus(true)
	if screen == "" {
		screen = mw.settings.LastScreen()
	}
	mw.show(screen, target)
}

// show switches to the screen with this ID and opens it on t.
func (mw *mainWindow) show(id string, t ui.Target) {
	for i, s := range mw.slots {
		if s.spec.ID != id {
			continue
		}
		mw.opening, mw.pending = true, t
		if mw.tabs.SelectedIndex() != i {
			mw.tabs.SelectIndex(i) // calls selected through OnSelected
		}
		if mw.opening { // already selected
			mw.selected(i)
		}
		return
	}
}

// selected opens the screen of slot i, just selected.
func (mw *mainWindow) selected(i int) {
	t := ui.Target{}
	if mw.opening {
		t, mw.pending, mw.opening = mw.pending, ui.Target{}, false
	}
	s := mw.slots[i]
	if prev := mw.current; prev >= 0 && prev != i && prev < len(mw.slots) {
		if h, ok := mw.slots[prev].scr.(hider); ok {
			h.Hidden()
		}
	}
	mw.current = i
	// The focus may be in the screen just hidden: keys must not go there.
	mw.win.Canvas().Unfocus()
	if s.stale {
		s.stale = false
		s.scr.Reload()
	}
	s.scr.Open(t)
	mw.settings.SetLastScreen(s.spec.ID)
}

// currentScreen returns the screen shown, or nil.
func (mw *mainWindow) currentScreen() ui.Screen {
	if mw.current < 0 || mw.current >= len(mw.slots) {
		return nil
	}
	return mw.slots[mw.current].scr
}

// screen returns the open case's screen with this ID, or nil.
func (mw *mainWindow) screen(id string) ui.Screen {
	for _, s := range mw.slots {
		if s.spec.ID == id {
			return s.scr
		}
	}
	return nil
}

// changed records that from (nil: something else, an import) changed the
// case: the other screens read it again when next shown, the status bar
// now.
func (mw *mainWindow) changed(from ui.Screen) {
	for i, s := range mw.slots {
		if s.scr == from {
			continue
		}
		if i == mw.current {
			s.scr.Reload()
			continue
		}
		s.stale = true
	}
	mw.status.refresh()
}

// screenKeysAllowed reports whether a key typed may run a shortcut of
// the window or its screen: never while a dialog or pop-up is shown (the
// keys are the dialog's: Escape, digits typed in its fields), nor while a
// text field has the focus. Every key handler of the window asks here.
func (mw *mainWindow) screenKeysAllowed() bool {
	c := mw.win.Canvas()
	if c.Overlays().Top() != nil {
		return false
	}
	_, typing := c.Focused().(textField)
	return !typing
}

// textField is what a text entry (widget.Entry, SelectEntry, and types
// extending them) has.
type textField interface {
	fyne.Focusable
	SetText(string)
	SelectedText() string
}

// typedKey receives the keys typed while no widget has the focus.
func (mw *mainWindow) typedKey(ev *fyne.KeyEvent) {
	if !mw.screenKeysAllowed() {
		return
	}
	if ev.Name == fyne.KeyF1 {
		mw.showShortcuts()
		return
	}
	if h, ok := mw.currentScreen().(keyHandler); ok {
		h.TypedKey(ev)
	}
}

// typedRune receives the characters typed while no widget has the focus.
func (mw *mainWindow) typedRune(r rune) {
	if !mw.screenKeysAllowed() {
		return
	}
	if h, ok := mw.currentScreen().(runeHandler); ok {
		h.TypedRune(r)
	}
}

// requireCase returns the open session, or says that a case must be opened
// first.
func (mw *mainWindow) requireCase() (*ui.Session, bool) {
	if mw.sess == nil {
		ui.ShowError(mw.win, "No case is open", fmt.Errorf("open or create a case first (File menu)"))
		return nil, false
	}
	return mw.sess, true
}
