package viewer

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// clickItem presses the primary button on item i with the modifiers held,
// on the object Fyne's desktop driver would deliver the click to.
func clickItem(t *testing.T, g *ThumbGrid, win fyne.Window, i int, mods fyne.KeyModifier) {
	t.Helper()
	m := mouseTarget(t, g, win, i)
	m.MouseDown(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary, Modifier: mods})
	m.MouseUp(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary, Modifier: mods})
}

func mouseTarget(t *testing.T, g *ThumbGrid, win fyne.Window, i int) desktop.Mouseable {
	t.Helper()
	c := cellFor(t, g, i)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(c).Add(fyne.NewPos(20, 20))
	o := objectAt(win.Canvas(), pos, func(o fyne.CanvasObject) bool {
		switch o.(type) {
		case fyne.Tappable, fyne.SecondaryTappable, fyne.DoubleTappable, fyne.Focusable, desktop.Mouseable:
			return true
		}
		return false
	})
	m, ok := o.(desktop.Mouseable)
	if !ok || o != fyne.CanvasObject(c) {
		t.Fatalf("a click on item %d goes to %T, not its cell", i, o)
	}
	return m
}

func TestThumbGridClickSelection(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(100)
	g, win, q := newTestGrid(t, src, ThumbGridOptions{}, 700, 500)
	q.WaitUntil(t, "thumbnails", func() bool { return allShown(g) })
	var reported [][]int64
	g.OnSelectionChanged = func(sel []int64) { reported = append(reported, sel) }
	id := src.ID
	const ctrl, shift = fyne.KeyModifierControl, fyne.KeyModifierShift
	steps := []struct {
		name   string
		item   int
		mods   fyne.KeyModifier
		want   []int64
		report bool
	}{
		{"click selects one", 5, 0, []int64{id(5)}, true},
		{"click another replaces", 2, 0, []int64{id(2)}, true},
		{"click the same again changes nothing", 2, 0, []int64{id(2)}, false},
		{"ctrl-click adds", 7, ctrl, []int64{id(2), id(7)}, true},
		{"ctrl-click again removes", 7, ctrl, []int64{id(2)}, true},
		{"cmd-click adds", 9, fyne.KeyModifierSuper, []int64{id(2), id(9)}, true},
		{"shift-click selects the range from the last click", 12, shift, []int64{id(9), id(10), id(11), id(12)}, true},
		{"shift-click backwards from the same anchor", 6, shift, []int64{id(6), id(7), id(8), id(9)}, true},
		{"ctrl-shift-click adds a range", 1, ctrl | shift, []int64{id(1), id(2), id(3), id(4), id(5), id(6), id(7), id(8), id(9)}, true},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			n := len(reported)
			clickItem(t, g, win, s.item, s.mods)
			if got := g.Selected(); !slices.Equal(got, s.want) {
				t.Errorf("Selected() = %v, want %v", got, s.want)
			}
			if s.report != (len(reported) > n) {
				t.Errorf("OnSelectionChanged called: %v, want %v", len(reported) > n, s.report)
			} else if s.report && !slices.Equal(reported[len(reported)-1], s.want) {
				t.Errorf("reported %v", reported[len(reported)-1])
			}
			for i, c := range shownCells(g) {
				if c.selected != slices.Contains(s.want, id(i)) {
					t.Errorf("cell %d shows selected=%v", i, c.selected)
				}
			}
		})
	}
	if win.Canvas().Focused() != fyne.Focusable(g) {
		t.Error("clicking did not focus the grid")
	}

	// double click activates; right click on a selected item keeps the
	// selection, on another selects it
	var activated []int64
	g.OnActivated = func(id int64) { activated = append(activated, id) }
	test.DoubleTap(cellFor(t, g, 4))
	if !slices.Equal(activated, []int64{id(4)}) {
		t.Errorf("activated %v, want [%d]", activated, id(4))
	}
	var menu []int64
	g.OnSecondaryTapped = func(id int64, _ *fyne.PointEvent) { menu = append(menu, id) }
	test.TapSecondary(cellFor(t, g, 3))
	if len(g.Selected()) != 9 {
		t.Errorf("right click inside the selection changed it to %v", g.Selected())
	}
	test.TapSecondary(cellFor(t, g, 20))
	if !slices.Equal(g.Selected(), []int64{id(20)}) || !slices.Equal(menu, []int64{id(3), id(20)}) {
		t.Errorf("right click outside: selection %v, menu for %v", g.Selected(), menu)
	}
}

func TestThumbGridKeyboard(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(30)
	g, win, q := newTestGrid(t, src, ThumbGridOptions{}, 700, 500)
	q.WaitUntil(t, "thumbnails", func() bool { return allShown(g) })
	cols := g.ColumnCount()
	if cols != 4 {
		t.Fatalf("%d columns, the test expects 4", cols)
	}
	win.Canvas().Focus(g)
	var activated []int64
	g.OnActivated = func(id int64) { activated = append(activated, id) }
	id := src.ID
	key := func(k fyne.KeyName) func() { return func() { g.TypedKey(&fyne.KeyEvent{Name: k}) } }
	ctrlKey := func(k fyne.KeyName) func() {
		return func() {
			g.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl})
		}
	}
	shiftKey := func(k fyne.KeyName) func() {
		return func() {
			g.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
			g.TypedKey(&fyne.KeyEvent{Name: k})
			g.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		}
	}
	steps := []struct {
		name       string
		do         func()
		wantCursor int
		want       []int
	}{
		{"first arrow selects the first item", key(fyne.KeyRight), 0, []int{0}},
		{"right", key(fyne.KeyRight), 1, []int{1}},
		{"down a row", key(fyne.KeyDown), 1 + cols, []int{1 + cols}},
		{"left", key(fyne.KeyLeft), cols, []int{cols}},
		{"up", key(fyne.KeyUp), 0, []int{0}},
		{"up on the first row stays", key(fyne.KeyUp), 0, []int{0}},
		{"shift+right extends", shiftKey(fyne.KeyRight), 1, []int{0, 1}},
		{"shift+down extends further", shiftKey(fyne.KeyDown), 1 + cols, []int{0, 1, 2, 3, 4, 5}},
		{"ctrl+right moves the cursor only", ctrlKey(fyne.KeyRight), 2 + cols, []int{0, 1, 2, 3, 4, 5}},
		{"ctrl+space toggles the cursor's item", ctrlKey(fyne.KeySpace), 2 + cols, []int{0, 1, 2, 3, 4, 5, 6}},
		{"end", key(fyne.KeyEnd), 29, []int{29}},
		{"down on the last row stays", key(fyne.KeyDown), 29, []int{29}},
		{"home", key(fyne.KeyHome), 0, []int{0}},
		{"down from a row above a short last row", func() {
			g.SetSelected([]int64{id(26)})
			g.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		}, 29, []int{29}},
		{"ctrl+a selects all", func() { g.TypedShortcut(&fyne.ShortcutSelectAll{}) }, 29, rangeInts(0, 29)},
		{"escape clears", key(fyne.KeyEscape), 29, nil},
		{"space selects the cursor's item", key(fyne.KeySpace), 29, []int{29}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			s.do()
			var want []int64
			for _, i := range s.want {
				want = append(want, id(i))
			}
			if got := g.Selected(); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Errorf("Selected() = %v, want %v", got, want)
			}
			if cur, ok := g.Cursor(); !ok || cur != id(s.wantCursor) {
				t.Errorf("cursor on %d (%v), want %d", cur, ok, id(s.wantCursor))
			}
		})
	}
	g.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !slices.Equal(activated, []int64{id(29)}) {
		t.Errorf("Enter activated %v, want [%d]", activated, id(29))
	}
	// the cursor is shown while focused
	if c := cellFor(t, g, 29); !c.cursor || !c.ring.Visible() {
		t.Error("the cursor's cell shows no focus ring")
	}
	win.Canvas().Unfocus()
	if c := cellFor(t, g, 29); c.ring.Visible() {
		t.Error("focus ring shown without focus")
	}
}

func rangeInts(a, b int) []int {
	var out []int
	for i := a; i <= b; i++ {
		out = append(out, i)
	}
	return out
}

func TestThumbGridKeyboardScrollsToCursor(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(20000)
	g, win, q := newTestGrid(t, src, ThumbGridOptions{}, 700, 500)
	win.Canvas().Focus(g)
	g.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	q.WaitUntil(t, "thumbnails at the end", func() bool { return allShown(g) })
	if c, ok := shownCells(g)[19999]; !ok || !c.selected {
		t.Fatal("the last item is not on screen and selected after End")
	}
	calls, _ := src.callCounts()
	if calls[src.ID(19999)] != 1 || len(calls) > 60 {
		t.Errorf("%d thumbnails loaded for the first and last screens", len(calls))
	}
}

func TestThumbGridRefreshKeepsSelection(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(200)
	g, _, q := newTestGrid(t, src, ThumbGridOptions{}, 700, 500)
	q.WaitUntil(t, "thumbnails", func() bool { return allShown(g) })
	id := src.ID
	g.SetSelected([]int64{id(4), id(5), id(9)})
	var reported [][]int64
	g.OnSelectionChanged = func(sel []int64) { reported = append(reported, sel) }

	// a filter keeps the odd IDs: item 5 (ID 1005) and 9 stay, 4 goes
	odd := src.filtered(func(id int64) bool { return id%2 == 1 })
	g.SetSource(odd)
	q.WaitUntil(t, "thumbnails after filtering", func() bool { return allShown(g) })
	want := []int64{id(5), id(9)}
	if got := g.Selected(); !slices.Equal(got, want) {
		t.Errorf("Selected() after filter = %v, want %v", got, want)
	}
	if len(reported) != 1 || !slices.Equal(reported[0], want) {
		t.Errorf("OnSelectionChanged reported %v, want once %v", reported, want)
	}
	for i, c := range shownCells(g) {
		if c.id != odd.ID(i) || c.selected != slices.Contains(want, c.id) {
			t.Errorf("cell %d shows %d selected=%v", i, c.id, c.selected)
		}
	}
	// thumbnails already loaded are not loaded again
	if calls, _ := odd.callCounts(); calls[id(5)] != 0 {
		t.Error("a cached thumbnail was loaded again after the filter")
	}
	// the same source changed in place, then Refresh
	odd.ids = slices.DeleteFunc(odd.ids, func(v int64) bool { return v == id(9) })
	g.Refresh()
	if got := g.Selected(); !slices.Equal(got, []int64{id(5)}) {
		t.Errorf("Selected() after Refresh = %v, want [%d]", got, id(5))
	}
}
