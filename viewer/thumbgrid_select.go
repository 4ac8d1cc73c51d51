package viewer

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
)

// Declare conformity with the interfaces ThumbGrid handles.
var (
	_ fyne.Focusable    = (*ThumbGrid)(nil)
	_ fyne.Shortcutable = (*ThumbGrid)(nil)
	_ desktop.Keyable   = (*ThumbGrid)(nil)
	_ desktop.Mouseable = (*ThumbGrid)(nil)
)

// MouseDown on the grid outside the items (the cells take their own) gives
// it the keyboard focus.
func (g *ThumbGrid) MouseDown(*desktop.MouseEvent) { g.focus() }

// MouseUp is needed by desktop.Mouseable.
func (g *ThumbGrid) MouseUp(*desktop.MouseEvent) {}

// Selected returns the selected IDs in display order.
func (g *ThumbGrid) Selected() []int64 {
	out := make([]int64, 0, len(g.sel))
	for id := range g.sel {
		out = append(out, id)
	}
	sort.Slice(out, func(a, b int) bool { return g.index[out[a]] < g.index[out[b]] })
	return out
}

// IsSelected reports whether the item with the given ID is selected.
func (g *ThumbGrid) IsSelected(id int64) bool {
	_, ok := g.sel[id]
	return ok
}

// SetSelected selects exactly the given IDs (those not in the source are
// ignored), puts the cursor on the first and calls OnSelectionChanged if
// the selection changed.
func (g *ThumbGrid) SetSelected(ids []int64) {
	next := map[int64]struct{}{}
	first, hasFirst := int64(0), false
	for _, id := range ids {
		if _, ok := g.index[id]; ok {
			next[id] = struct{}{}
			if !hasFirst || g.index[id] < g.index[first] {
				first, hasFirst = id, true
			}
		}
	}
	if hasFirst {
		g.cursor, g.hasCursor = first, true
		g.anchor, g.hasAnchor = first, true
	}
	g.replaceSelection(next)
}

// SelectAll selects every item.
func (g *ThumbGrid) SelectAll() {
	next := make(map[int64]struct{}, len(g.index))
	for id := range g.index {
		next[id] = struct{}{}
	}
	g.replaceSelection(next)
}

// ClearSelection selects nothing.
func (g *ThumbGrid) ClearSelection() { g.replaceSelection(map[int64]struct{}{}) }

// Cursor returns the ID of the item under the keyboard cursor (the last
// clicked or reached with the keys), if any.
func (g *ThumbGrid) Cursor() (int64, bool) { return g.cursor, g.hasCursor }

// replaceSelection makes next the selection and reports a change.
func (g *ThumbGrid) replaceSelection(next map[int64]struct{}) {
	changed := len(next) != len(g.sel)
	if !changed {
		for id := range next {
			if _, ok := g.sel[id]; !ok {
				changed = true
				break
			}
		}
	}
	g.sel = next
	g.updateMarks()
	if changed {
		g.selectionChanged()
	}
}

func (g *ThumbGrid) selectionChanged() {
	if f := g.OnSelectionChanged; f != nil {
		f(g.Selected())
	}
}

// updateMarks redraws the selection and cursor marks of the cells.
func (g *ThumbGrid) updateMarks() {
	for c := range g.cells {
		c.setMarks(g.IsSelected(c.id), g.hasCursor && g.cursor == c.id)
	}
}

// rangeIDs returns the IDs from index a to index b inclusive.
func (g *ThumbGrid) rangeIDs(a, b int) []int64 {
	if a > b {
		a, b = b, a
	}
	out := make([]int64, 0, b-a+1)
	for i := a; i <= b; i++ {
		out = append(out, g.src.ID(i))
	}
	return out
}

// pick applies a selection gesture on item id: plain (only id), toggle
// (flip id), extend (the range from the anchor, added to the selection with
// toggle), or cursorOnly (select nothing new).
func (g *ThumbGrid) pick(id int64, toggle, extend, cursorOnly bool) {
	i, ok := g.index[id]
	if !ok {
		return
	}
	next := map[int64]struct{}{}
	switch {
	case cursorOnly:
		next = g.sel
	case extend:
		if toggle {
			for s := range g.sel {
				next[s] = struct{}{}
			}
		}
		from := i
		if g.hasAnchor {
			from = g.index[g.anchor]
		} else {
			g.anchor, g.hasAnchor = id, true
		}
		for _, r := range g.rangeIDs(from, i) {
			next[r] = struct{}{}
		}
	case toggle:
		for s := range g.sel {
			next[s] = struct{}{}
		}
		if _, on := next[id]; on {
			delete(next, id)
		} else {
			next[id] = struct{}{}
		}
		g.anchor, g.hasAnchor = id, true
	default:
		next[id] = struct{}{}
		g.anchor, g.hasAnchor = id, true
	}
	g.cursor, g.hasCursor = id, true
	g.replaceSelection(next)
}

// clickSelect handles a primary click on id.
func (g *ThumbGrid) clickSelect(id int64, mods fyne.KeyModifier) {
	g.focus()
	g.pick(id, mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0, mods&fyne.KeyModifierShift != 0, false)
}

// contextSelect selects id alone unless it is selected already (a right
// click acts on the selection it falls in).
func (g *ThumbGrid) contextSelect(id int64) {
	g.focus()
	if !g.IsSelected(id) {
		g.pick(id, false, false, false)
	}
}

func (g *ThumbGrid) activate(id int64) {
	g.cursor, g.hasCursor = id, true
	g.updateMarks()
	if f := g.OnActivated; f != nil {
		f(id)
	}
}

func (g *ThumbGrid) focus() {
	if g.focused {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(g); c != nil {
		c.Focus(g)
	}
}

// FocusGained shows the keyboard cursor.
func (g *ThumbGrid) FocusGained() {
	g.focused = true
	g.updateMarks()
	for c := range g.cells {
		c.Refresh()
	}
}

// FocusLost hides the keyboard cursor.
func (g *ThumbGrid) FocusLost() {
	g.focused = false
	g.mods = 0
	for c := range g.cells {
		c.Refresh()
	}
}

// TypedRune is needed by fyne.Focusable; keys are handled in TypedKey.
func (g *ThumbGrid) TypedRune(rune) {}

// TypedKey moves the cursor and selection, or activates (see ThumbGrid).
func (g *ThumbGrid) TypedKey(ev *fyne.KeyEvent) { g.key(ev.Name, g.modifiers()) }

// TypedShortcut handles Ctrl+A and the Ctrl (or Cmd) variants of the
// navigation keys, which Fyne delivers as shortcuts.
func (g *ThumbGrid) TypedShortcut(s fyne.Shortcut) {
	switch s := s.(type) {
	case *fyne.ShortcutSelectAll:
		g.SelectAll()
	case *desktop.CustomShortcut:
		g.key(s.KeyName, s.Modifier)
	}
}

// KeyDown tracks the modifier keys held.
func (g *ThumbGrid) KeyDown(ev *fyne.KeyEvent) { g.mods |= modifierOf(ev.Name) }

// KeyUp tracks the modifier keys held.
func (g *ThumbGrid) KeyUp(ev *fyne.KeyEvent) { g.mods &^= modifierOf(ev.Name) }

func modifierOf(k fyne.KeyName) fyne.KeyModifier {
	switch k {
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		return fyne.KeyModifierShift
	case desktop.KeyControlLeft, desktop.KeyControlRight:
		return fyne.KeyModifierControl
	case desktop.KeySuperLeft, desktop.KeySuperRight:
		return fyne.KeyModifierSuper
	case desktop.KeyAltLeft, desktop.KeyAltRight:
		return fyne.KeyModifierAlt
	}
	return 0
}

// modifiers returns the modifier keys held now.
func (g *ThumbGrid) modifiers() fyne.KeyModifier {
	m := g.mods
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		m |= d.CurrentKeyModifiers()
	}
	return m
}

// key handles a navigation or action key with the modifiers held.
func (g *ThumbGrid) key(name fyne.KeyName, mods fyne.KeyModifier) {
	n := g.length()
	if n == 0 {
		return
	}
	toggle := mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
	extend := mods&fyne.KeyModifierShift != 0
	cur := -1
	if g.hasCursor {
		cur = g.index[g.cursor]
	}
	switch name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if cur >= 0 {
			g.activate(g.cursor)
		}
		return
	case fyne.KeyEscape:
		g.ClearSelection()
		return
	case fyne.KeySpace:
		if cur >= 0 {
			g.pick(g.cursor, toggle, false, false)
		}
		return
	}
	next, ok := g.target(name, cur, n)
	if !ok {
		return
	}
	g.ScrollTo(next)
	g.pick(g.src.ID(next), toggle && extend, extend, toggle && !extend)
}

// target returns the index the navigation key moves the cursor to from
// index cur (-1: no cursor yet, start at the first item).
func (g *ThumbGrid) target(name fyne.KeyName, cur, n int) (int, bool) {
	cols := g.ColumnCount()
	pad := g.Theme().Size(theme.SizeNamePadding)
	page := max(1, int(g.Size().Height/(g.cellSize().Height+pad))) * cols
	if cur < 0 {
		switch name {
		case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyPageUp, fyne.KeyPageDown:
			return 0, true
		case fyne.KeyEnd:
			return n - 1, true
		}
		return 0, false
	}
	next := cur
	switch name {
	case fyne.KeyLeft:
		next = cur - 1
	case fyne.KeyRight:
		next = cur + 1
	case fyne.KeyUp:
		next = cur - cols
	case fyne.KeyDown:
		next = cur + cols
		if next >= n && cur/cols < (n-1)/cols {
			next = n - 1 // last row is shorter
		}
	case fyne.KeyHome:
		next = 0
	case fyne.KeyEnd:
		next = n - 1
	case fyne.KeyPageUp:
		next = max(0, cur-page)
	case fyne.KeyPageDown:
		next = min(n-1, cur+page)
	default:
		return 0, false
	}
	if next < 0 || next >= n {
		return cur, true // stay (and still select it)
	}
	return next, true
}
