package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// shortcut is one line of the shortcut sheet; those with a key chord are
// also registered on the window (and shown in the menus).
type shortcut struct {
	id    string // for the menus: the item with this shortcut
	group string
	keys  string // as shown; made from chord when empty
	what  string
	chord *desktop.CustomShortcut
	// trigger, when set, is the shortcut registered and shown in the
	// menus instead of chord: Fyne's own Undo and Redo, which the desktop
	// driver sends for Ctrl+Z and Ctrl+Y.
	trigger fyne.Shortcut
	run     func()
}

// shortcut returns what is registered for s.
func (s shortcut) shortcut() fyne.Shortcut {
	if s.trigger != nil {
		return s.trigger
	}
	return s.chord
}

// ctrl is the modifier of the app's shortcuts: Ctrl, Cmd on macOS.
const ctrl = fyne.KeyModifierShortcutDefault

func chord(k fyne.KeyName, mods fyne.KeyModifier) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: mods}
}

// chordText names a chord for people: "Ctrl+1", "Ctrl+Shift+I".
func chordText(c *desktop.CustomShortcut) string {
	var parts []string
	if c.Modifier&fyne.KeyModifierControl != 0 {
		parts = append(parts, "Ctrl")
	}
	if c.Modifier&fyne.KeyModifierSuper != 0 {
		parts = append(parts, map[bool]string{true: "Cmd", false: "Super"}[runtime.GOOS == "darwin"])
	}
	if c.Modifier&fyne.KeyModifierAlt != 0 {
		parts = append(parts, "Alt")
	}
	if c.Modifier&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}
	return strings.Join(append(parts, string(c.KeyName)), "+")
}

// shortcuts returns every shortcut of the app, in the order of the sheet.
func (mw *mainWindow) shortcuts() []shortcut {
	var out []shortcut
	for i := range screenSpecs {
		spec := &screenSpecs[i]
		out = append(out, shortcut{group: "Anywhere", what: "Show the " + strings.ToLower(spec.Title) + " screen",
			chord: chord(spec.Key, ctrl), run: func() { mw.show(spec.ID, ui.Target{}) }})
	}
	out = append(out,
		shortcut{id: "import-files", group: "Anywhere", what: "Import files…", chord: chord(fyne.KeyI, ctrl), run: mw.importFilesDialog},
		shortcut{id: "import-folder", group: "Anywhere", what: "Import a folder…", chord: chord(fyne.KeyI, ctrl|fyne.KeyModifierShift), run: mw.importFolderDialog},
		shortcut{id: "open-case", group: "Anywhere", what: "Open a case…", chord: chord(fyne.KeyO, ctrl), run: mw.openCaseDialog},
		shortcut{id: "reload", group: "Anywhere", what: "Reload the case (after changes made elsewhere: a command, another window)", chord: chord(fyne.KeyR, ctrl), run: mw.reloadCase},
		shortcut{id: "find", group: "Anywhere", what: "Find: the library's search, excerpts in the review screen, or in the report shown (reports)", chord: chord(fyne.KeyF, ctrl), run: mw.focusSearch},
		shortcut{group: "Anywhere", keys: "F1", what: "This list of shortcuts"},
		shortcut{id: "shortcuts", group: "Anywhere", what: "This list of shortcuts", chord: chord(fyne.KeySlash, ctrl), run: mw.showShortcuts},

		shortcut{group: "Library (thumbnails focused)", keys: "Arrows, Home, End, Page Up, Page Down", what: "Move and select"},
		shortcut{group: "Library (thumbnails focused)", keys: "Shift+arrows, Shift+click", what: "Extend the selection"},
		shortcut{group: "Library (thumbnails focused)", keys: "Ctrl+click, Ctrl+Space", what: "Add to or remove from the selection"},
		shortcut{group: "Library (thumbnails focused)", keys: "Ctrl+A, Escape", what: "Select all, select none"},
		shortcut{group: "Library (thumbnails focused)", keys: "Enter, double click", what: "Review the image"},

		shortcut{group: "Review", keys: "Left, Right, Page Up, Page Down", what: "Previous, next image of the library's selection or filter"},
		shortcut{group: "Review", keys: "+  -", what: "Zoom in, zoom out (or the mouse wheel)"},
		shortcut{group: "Review", keys: "0  1", what: "Fit the image, show it at 100 %"},
		shortcut{group: "Review", keys: "Drag, double click", what: "Pan; toggle between fit and 100 %"},
		shortcut{id: "link", group: "Review", what: "Link the highlighted excerpt to the image", chord: chord(fyne.KeyL, ctrl), run: mw.link},
		shortcut{group: "Review", keys: "Escape", what: "Back to the library"},

		shortcut{group: "Reports", keys: chordText(chord(fyne.KeyF, ctrl)), what: "Search in the report shown (Enter: the next match)"},
		shortcut{group: "Reports", keys: chordText(chord(fyne.KeyL, ctrl)), what: "Link the selected excerpt to the image shown in Review"},

		shortcut{id: "make-pair", group: "Pairs and exports", what: "Make a pair of the two images selected in the library…", chord: chord(fyne.KeyP, ctrl), run: mw.makePair},
		shortcut{id: "export-sheet", group: "Pairs and exports", what: "Export the sheet of the image or pair shown…", chord: chord(fyne.KeyE, ctrl), run: mw.exportSheet},
		shortcut{id: "export-sheets", group: "Pairs and exports", what: "Export the sheets of the images selected or the pairs ticked…", chord: chord(fyne.KeyE, ctrl|fyne.KeyModifierShift), run: mw.exportSheets},
		shortcut{id: "export-image", group: "Pairs and exports", what: "Export the image shown, marks burned in (PNG)…", chord: chord(fyne.KeyS, ctrl|fyne.KeyModifierShift), run: mw.exportImage},

		shortcut{group: "Compare", keys: "1  2  3  4  5", what: "Side by side, swipe, blend, difference, flicker"},
		shortcut{group: "Compare", keys: "Space", what: "Flicker: show the other image (and pause)"},
		shortcut{group: "Compare", keys: "Left, Right", what: "Swipe: move the divider (with the image focused, also pan)"},
		shortcut{group: "Compare", keys: "+  -  0", what: "Zoom in, zoom out, fit (or the mouse wheel)"},
		shortcut{group: "Compare", keys: "A", what: "Align: place pairs of points on the two images"},
		shortcut{group: "Compare", keys: "Escape", what: "Stop aligning (nothing saved); deselect the mark"},

		shortcut{group: "Map", keys: "+  -  0", what: "Zoom in, zoom out, fit every image"},
		shortcut{group: "Map", keys: "Drag, mouse wheel, click", what: "Pan, zoom about the pointer, select the image under the pointer"},

		shortcut{id: "undo", group: "Marks (review and compare)", what: "Undo the last change of a mark", chord: chord(fyne.KeyZ, ctrl), trigger: &fyne.ShortcutUndo{}, run: mw.undo},
		shortcut{id: "redo", group: "Marks (review and compare)", what: "Redo", chord: chord(fyne.KeyZ, ctrl|fyne.KeyModifierShift), run: mw.redo},
		shortcut{group: "Marks (review and compare)", what: "Redo (also)", chord: chord(fyne.KeyY, ctrl), trigger: &fyne.ShortcutRedo{}, run: mw.redo},
		shortcut{group: "Marks (review and compare)", keys: "Delete, Backspace", what: "Delete the selected mark (the image focused)"},
		shortcut{group: "Marks (review and compare)", keys: "Enter, double click, right click", what: "Finish a line; Enter finishes a text"},
		shortcut{group: "Marks (review and compare)", keys: "Escape", what: "Abandon what is being drawn; deselect"},
		shortcut{group: "Marks (review and compare)", keys: "Drag", what: "Draw with a shape tool; move a mark or its handles with Select"},
	)
	for i := range out {
		if out[i].keys == "" && out[i].chord != nil {
			out[i].keys = chordText(out[i].chord)
		}
	}
	return out
}

// setupShortcuts registers the chords on the window's canvas. (The menus
// show them too; on desktop the menu's shortcut wins, the same action.)
func (mw *mainWindow) setupShortcuts() {
	for _, s := range mw.shortcuts() {
		if s.chord != nil && s.run != nil {
			run := s.run
			mw.win.Canvas().AddShortcut(s.shortcut(), func(fyne.Shortcut) { run() })
		}
	}
}

// focusSearch focuses the current screen's search box.
func (mw *mainWindow) focusSearch() {
	if f, ok := mw.currentScreen().(searchFocuser); ok {
		f.FocusSearch()
	}
}

// link runs the current screen's link action.
func (mw *mainWindow) link() {
	if l, ok := mw.currentScreen().(linker); ok {
		l.Link()
	}
}

// showShortcuts shows the sheet of every shortcut.
func (mw *mainWindow) showShortcuts() {
	box := container.NewVBox()
	group := ""
	var grid *fyne.Container
	for _, s := range mw.shortcuts() {
		if s.keys == "F1" {
			s.keys = "F1, " + chordText(chord(fyne.KeySlash, ctrl))
		} else if s.chord != nil && s.chord.KeyName == fyne.KeySlash {
			continue
		}
		if s.group != group {
			group = s.group
			h := widget.NewLabel(group)
			h.TextStyle.Bold = true
			grid = container.New(ui.NewColumnsLayout(230))
			box.Add(h)
			box.Add(grid)
		}
		k := widget.NewLabel(s.keys)
		k.TextStyle.Monospace = true
		k.Wrapping = fyne.TextWrapWord
		w := widget.NewLabel(s.what)
		w.Wrapping = fyne.TextWrapWord
		grid.Add(k)
		grid.Add(w)
	}
	d := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewVScroll(box), mw.win)
	d.Resize(fyne.NewSize(ui.DialogWidth(mw.win, 720), min(mw.win.Canvas().Size().Height-60, 640)))
	d.Show()
}

// undo undoes in the text field focused, else the last change of a mark
// on the screen shown (Ctrl+Z: the menu takes it before the widgets).
func (mw *mainWindow) undo() {
	if e, ok := mw.win.Canvas().Focused().(*widget.Entry); ok {
		e.TypedShortcut(&fyne.ShortcutUndo{})
		return
	}
	if m, ok := mw.currentScreen().(markEditor); ok {
		m.Undo()
	}
}

// redo redoes in the text field focused, else a change of a mark undone.
func (mw *mainWindow) redo() {
	if e, ok := mw.win.Canvas().Focused().(*widget.Entry); ok {
		e.TypedShortcut(&fyne.ShortcutRedo{})
		return
	}
	if m, ok := mw.currentScreen().(markEditor); ok {
		m.Redo()
	}
}

// deleteMark deletes the selected mark of the screen shown.
func (mw *mainWindow) deleteMark() {
	if m, ok := mw.currentScreen().(markEditor); ok {
		m.DeleteMark()
	}
}
