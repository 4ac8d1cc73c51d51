package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestScreenRegistry checks that every screen has its own id, title and
// key, and is offered by --screen.
func TestScreenRegistry(t *testing.T) {
	ids, keys := map[string]bool{}, map[fyne.KeyName]bool{}
	for _, s := range screenSpecs {
		if s.ID == "" || s.Title == "" || s.Icon == nil || s.New == nil || ids[s.ID] || keys[s.Key] {
			t.Errorf("screen %+v: incomplete or duplicate", s.ID)
		}
		ids[s.ID], keys[s.Key] = true, true
	}
	if !slices.Equal(ScreenIDs(), []string{"library", "review", "report", "compare", "map", "sites"}) {
		t.Errorf("ScreenIDs %v", ScreenIDs())
	}
}

// TestShortcuts switches screens with Ctrl+1/2/3, focuses the search with
// Ctrl+F, and lists every shortcut in the sheet (F1).
func TestShortcuts(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	sc := tw.win.Canvas().(fyne.Shortcutable)
	for _, tc := range []struct {
		key fyne.KeyName
		id  string
	}{{fyne.Key2, ui.ScreenReview}, {fyne.Key3, ui.ScreenReport}, {fyne.Key6, ui.ScreenSites}, {fyne.Key1, ui.ScreenLibrary}} {
		sc.TypedShortcut(chord(tc.key, ctrl))
		if tw.currentID() != tc.id {
			t.Errorf("Ctrl+%s shows %q, want %q", tc.key, tw.currentID(), tc.id)
		}
		tw.q.Settle()
	}
	if tw.settings.LastScreen() != ui.ScreenLibrary {
		t.Errorf("last screen remembered %q", tw.settings.LastScreen())
	}
	sc.TypedShortcut(chord(fyne.KeyF, ctrl))
	if e, ok := tw.win.Canvas().Focused().(*widget.Entry); !ok || e.PlaceHolder != "Search paths, cameras, notes and tags" {
		t.Errorf("Ctrl+F focused %T, not the library's search", tw.win.Canvas().Focused())
	}
	tw.win.Canvas().Unfocus()

	// F1 shows the sheet; every shortcut with a chord is in it.
	tw.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
	top := tw.topOverlay()
	if top == nil {
		t.Fatal("F1 shows nothing")
	}
	sheet := strings.Join(apptest.Texts(top), "\n")
	for _, s := range tw.shortcuts() {
		if !strings.Contains(sheet, s.what) || !strings.Contains(sheet, s.keys) {
			t.Errorf("the sheet lacks %q (%s)", s.what, s.keys)
		}
	}
	for _, want := range []string{"Ctrl+1", "Ctrl+I", "Ctrl+F", "Ctrl+L", "F1, Ctrl+/"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("the sheet lacks %s", want)
		}
	}
	// the menus show the same chords
	var menuChords []string
	for _, m := range tw.menu.Items {
		for _, it := range m.Items {
			if s, ok := it.Shortcut.(interface{ ShortcutName() string }); ok && it.Shortcut != nil {
				menuChords = append(menuChords, s.ShortcutName())
			}
		}
	}
	if len(menuChords) < 7 {
		t.Errorf("menus show %d shortcuts: %v", len(menuChords), menuChords)
	}
}

// TestWelcomeWithoutCase shows the welcome screen, with the case menus
// disabled, and refuses drops with a message.
func TestWelcomeWithoutCase(t *testing.T) {
	tw := newTestWindow(t, nil)
	tw.showWelcome()
	if tw.welcome == nil || tw.win.Content() != tw.welcome.content {
		t.Fatal("no welcome screen")
	}
	for _, b := range []string{"Open the sample case", "Open a case folder…", "New case…"} {
		if apptest.FindButton(tw.welcome.content, b) == nil {
			t.Errorf("no %q on the welcome screen", b)
		}
	}
	for _, m := range tw.menu.Items {
		for _, it := range m.Items {
			if it.Label == "Import files…" && !it.Disabled {
				t.Error("Import files… enabled without a case")
			}
		}
	}
	tw.dropped([]fyne.URI{storage.NewFileURI("/tmp/x.jpg")})
	if top := tw.topOverlay(); top == nil || !strings.Contains(strings.Join(apptest.Texts(top), " "), "No case is open") {
		t.Error("a drop without a case says nothing")
	}
}

// TestDropImports imports what is dropped on the window.
func TestDropImports(t *testing.T) {
	corpus := apptest.CorpusDir(t)
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	before := len(tw.libraryIDs())
	tw.dropped([]fyne.URI{storage.NewFileURI(corpus + "/goexif/sample1.jpg")})
	tw.q.WaitUntil(t, "the dropped file in the library", func() bool { return len(tw.libraryIDs()) == before+1 })
}

// TestOpenSampleFromWelcome makes the sample case in the user's data
// folder (as the welcome screen's first button does) and opens it.
func TestOpenSampleFromWelcome(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	tw := newTestWindow(t, nil)
	tw.showWelcome()
	test.Tap(apptest.FindButton(tw.welcome.content, "Open the sample case"))
	tw.q.WaitUntil(t, "the progress dialog", func() bool { return tw.topOverlay() != nil })
	if top := tw.topOverlay(); top == nil || !strings.Contains(strings.Join(apptest.Texts(top), " "), "about 15 seconds") {
		t.Error("no progress dialog while the sample is made")
	}
	// (drawing the sample takes a while, much longer under -race)
	tw.q.WaitFor(t, "the sample case", 5*time.Minute, func() bool { return tw.sess != nil })
	tw.waitLibrary(t)
	dir, _ := sampleDir()
	if n := len(tw.libraryIDs()); tw.sess.Case.Dir() != dir || n != 11 {
		t.Errorf("opened %s with %d images", tw.sess.Case.Dir(), n)
	}
	if tw.settings.LastCase() != dir {
		t.Errorf("last case remembered: %q", tw.settings.LastCase())
	}
	// A second time it is opened, not made again.
	old := tw.sess
	tw.openSample()
	tw.q.WaitUntil(t, "the sample case again", func() bool { return tw.sess != old })
	if top := tw.topOverlay(); top != nil && strings.Contains(strings.Join(apptest.Texts(top), " "), "Making") {
		t.Error("the sample is made again")
	}
}
