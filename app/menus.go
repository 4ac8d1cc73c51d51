package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// menu items that need an open case, disabled while none is (with every
// item of caseMenus).
var caseMenuLabels = map[string]bool{
	"Import files…": true, "Import a folder…": true, "Add a report…": true,
	"Export sheet…": true, "Export sheets…": true, "Export image (PNG)…": true,
	"Export the catalog as CSV…": true, "Export the catalog as GeoJSON…": true,
	"Check the case…": true,
}

// caseMenus are the menus whose items all need an open case.
var caseMenus = map[string]bool{"View": true, "Edit": true, "Image": true, "Pair": true}

// setupMenu makes the main menu. Each screen has an item in View; a
// screen with its own menu (the compare screen, later) adds it here.
func (mw *mainWindow) setupMenu() {
	sc := map[string]fyne.Shortcut{}
	for _, s := range mw.shortcuts() {
		if s.id != "" {
			sc[s.id] = s.shortcut()
		}
	}
	// item makes a menu item showing the shortcut with this id, if any.
	item := func(label, id string, run func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, run)
		if c := sc[id]; c != nil {
			it.Shortcut = c
		}
		return it
	}
	file := fyne.NewMenu("File",
		item("Open a case…", "open-case", mw.openCaseDialog),
		item("New case…", "", mw.newCaseDialog),
		item("Open the sample case", "", mw.openSample),
		fyne.NewMenuItemSeparator(),
		item("Import files…", "import-files", mw.importFilesDialog),
		item("Import a folder…", "import-folder", mw.importFolderDialog),
		item("Add a report…", "", mw.addReportDialog),
		fyne.NewMenuItemSeparator(),
		item("Export sheet…", "export-sheet", mw.exportSheet),
		item("Export sheets…", "export-sheets", mw.exportSheets),
		item("Export image (PNG)…", "export-image", mw.exportImage),
		item("Export the catalog as CSV…", "", func() { mw.exportCatalog("csv") }),
		item("Export the catalog as GeoJSON…", "", func() { mw.exportCatalog("geojson") }),
		fyne.NewMenuItemSeparator(),
		item("Check the case…", "", mw.checkCase),
		fyne.NewMenuItemSeparator(),
		item("Settings…", "", mw.showSettings),
	)
	edit := fyne.NewMenu("Edit",
		item("Undo", "undo", mw.undo),
		item("Redo", "redo", mw.redo),
		fyne.NewMenuItemSeparator(),
		item("Delete the selected mark", "", mw.deleteMark),
	)
	var views []*fyne.MenuItem
	for i := range screenSpecs {
		spec := &screenSpecs[i]
		it := fyne.NewMenuItem(spec.Title, func() { mw.show(spec.ID, ui.Target{}) })
		it.Icon = spec.Icon()
		it.Shortcut = chord(spec.Key, ctrl)
		views = append(views, it)
	}
	views = append(views, fyne.NewMenuItemSeparator(), item("Find", "find", mw.focusSearch), item("Reload the case", "reload", mw.reloadCase))
	view := fyne.NewMenu("View", views...)
	image := fyne.NewMenu("Image", item("Link the highlighted excerpt", "link", mw.link),
		fyne.NewMenuItemSeparator(), item("Make a pair…", "make-pair", mw.makePair))
	pair := fyne.NewMenu("Pair",
		item("Edit the pair…", "", func() { mw.onPair(pairActions.EditPair) }),
		item("Swap before and after", "", func() { mw.onPair(pairActions.SwapPair) }),
		item("Align…", "", func() { mw.onPair(pairActions.Align) }),
		item("Reset the alignment…", "", func() { mw.onPair(pairActions.ResetAlignment) }),
		fyne.NewMenuItemSeparator(),
		item("Delete the pair…", "", func() { mw.onPair(pairActions.DeletePair) }),
	)
	help := fyne.NewMenu("Help", item("Keyboard shortcuts", "shortcuts", mw.showShortcuts), item("About Exhibit", "", mw.showAbout))
	mw.menu = fyne.NewMainMenu(file, edit, view, image, pair, help)
	mw.win.SetMainMenu(mw.menu)
	mw.enableCaseMenus(false)
}

// enableCaseMenus enables the items that need an open case, or not.
func (mw *mainWindow) enableCaseMenus(on bool) {
	for _, m := range mw.menu.Items {
		for _, it := range m.Items {
			if caseMenuLabels[it.Label] || caseMenus[m.Label] {
				it.Disabled = !on
			}
		}
	}
	mw.menu.Refresh()
}

// showAbout says what Exhibit is and which version runs.
func (mw *mainWindow) showAbout() {
	title := widget.NewLabel("Exhibit " + mw.version)
	title.TextStyle.Bold = true
	body := widget.NewLabel("Catalogs evidence images and reports into a case, links images to the report " +
		"excerpts that speak of them, compares before and after, and exports comparison sheets. " +
		"Originals are never altered; every change is recorded in the case's audit trail.")
	body.Wrapping = fyne.TextWrapWord
	var where string
	if mw.sess != nil {
		where = fmt.Sprintf("Case: %s", mw.sess.Case.Dir())
	}
	caseLine := widget.NewLabel(where)
	caseLine.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("About Exhibit", "Close", container.NewVBox(title, body, caseLine), mw.win)
	d.Resize(fyne.NewSize(ui.DialogWidth(mw.win, 520), 0))
	d.Show()
}

// onPair runs f on the compare screen's pair, showing the screen first.
func (mw *mainWindow) onPair(f func(cs pairActions)) {
	cs, ok := mw.screen(ui.ScreenCompare).(pairActions)
	if !ok {
		return
	}
	if mw.currentScreen() != ui.Screen(cs) {
		mw.show(ui.ScreenCompare, ui.Target{})
	}
	if !cs.PairShown() {
		ui.ShowError(mw.win, "No pair shown", fmt.Errorf("choose a pair in the compare screen's list, or make one in the library (Ctrl+P)"))
		return
	}
	f(cs)
}

// makePair asks for a new pair of the two images selected in the library
// (Ctrl+P), then opens the compare screen on it; showing the library
// first when it does not hold two images selected.
func (mw *mainWindow) makePair() {
	if _, ok := mw.requireCase(); !ok {
		return
	}
	l, ok := mw.screen(ui.ScreenLibrary).(libraryOrder)
	if !ok {
		return
	}
	if len(l.Selected()) != 2 && mw.currentScreen() != ui.Screen(l) {
		mw.show(ui.ScreenLibrary, ui.Target{})
	}
	l.MakePair()
}

// SetBusy says on the status bar what runs in the background ("":
// nothing).
func (mw *mainWindow) SetBusy(what string) { mw.status.setBusy(what) }
