package viewer

import (
	"math"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

// Pointer tolerances, in Fyne units.
const (
	hitTolerance    = 6 // a click this close to a mark selects it
	handleReach     = 8 // a press this close to a handle grabs it
	minDrawn        = 4 // a drag shorter than this draws nothing
	doubleTapDelay  = 400 * time.Millisecond
	doubleTapReach  = 6
	outsideTolerate = 0.002 // clicks this far off the image still count
)

// dragKind is what a drag does.
type dragKind int

const (
	dragNone   dragKind = iota
	dragDraw            // a rect, ellipse or arrow is drawn
	dragMove            // a mark is moved
	dragResize          // a mark's handle is moved
	dragPan             // the view is panned
	dragVoid            // cancelled by Escape: ignored until it ends
)

type dragState struct {
	kind   dragKind
	start  catalog.Point // fractions
	startW fyne.Position // widget
	orig   catalog.Annotation
	handle int
	draft  catalog.Annotation
}

// editKind is a mark made by several clicks or keys.
type editKind int

const (
	editNone     editKind = iota
	editPolyline          // vertices clicked so far in draft
	editText              // label typed so far in draft
)

type editState struct {
	kind  editKind
	draft catalog.Annotation
}

// toImage returns the image point under a widget position.
func (l *AnnotationLayer) toImage(pos fyne.Position) catalog.Point { return l.z.WidgetToImage(pos) }

// ready reports whether the view shows an image, so that positions mean
// something.
func (l *AnnotationLayer) ready() bool {
	w, h := l.displaySize()
	return w > 0 && h > 0
}

func onImage(p catalog.Point) bool {
	return p.X >= -outsideTolerate && p.X <= 1+outsideTolerate && p.Y >= -outsideTolerate && p.Y <= 1+outsideTolerate
}

func clampPt(p catalog.Point) catalog.Point { return catalog.Point{X: clamp01(p.X), Y: clamp01(p.Y)} }

// displaySize returns the size the whole image is shown at, in Fyne units.
func (l *AnnotationLayer) displaySize() (w, h float64) {
	_, s := l.z.ImageRect()
	return float64(s.Width), float64(s.Height)
}

// hitAt returns the index of the mark at pos, or -1.
func (l *AnnotationLayer) hitAt(pos fyne.Position) int {
	w, h := l.displaySize()
	if w <= 0 || h <= 0 {
		return -1
	}
	return annot.HitTest(l.anns, l.toImage(pos), hitTolerance, w, h)
}

// handleAt returns the handle of the selected mark at pos, or -1.
func (l *AnnotationLayer) handleAt(pos fyne.Position) int {
	a, ok := l.Selected()
	if !ok {
		return -1
	}
	best, bestD := -1, float32(handleReach)
	for i, p := range annot.Handles(a) {
		q := l.z.ImageToWidget(p)
		if d := float32(math.Hypot(float64(q.X-pos.X), float64(q.Y-pos.Y))); d <= bestD {
			best, bestD = i, d
		}
	}
	return best
}

// MouseDown takes the keyboard focus and notes where a drag may start.
func (l *AnnotationLayer) MouseDown(ev *desktop.MouseEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(l); c != nil && !l.focused {
		c.Focus(l)
	}
	l.pressed, l.pressPos = true, ev.Position
}

// MouseUp ends a press.
func (l *AnnotationLayer) MouseUp(*desktop.MouseEvent) { l.pressed = false }

// Dragged draws, moves or resizes a mark, or pans the view.
func (l *AnnotationLayer) Dragged(ev *fyne.DragEvent) {
	if l.drag.kind == dragNone {
		start := ev.Position.Subtract(ev.Dragged)
		if l.pressed {
			start = l.pressPos
		}
		l.beginDrag(start)
	}
	d := &l.drag
	p := l.toImage(ev.Position)
	switch d.kind {
	case dragPan:
		l.z.Dragged(ev)
		return
	case dragDraw:
		d.draft.Points[1] = clampPt(p)
	case dragMove:
		d.draft = annot.Translate(d.orig, p.X-d.start.X, p.Y-d.start.Y)
	case dragResize:
		d.draft = annot.MoveHandle(d.orig, d.handle, p)
	default:
		return
	}
	l.Refresh()
}

// beginDrag decides what a drag starting at the widget position start
// does.
func (l *AnnotationLayer) beginDrag(start fyne.Position) {
	p := l.toImage(start)
	l.drag = dragState{kind: dragPan, start: p, startW: start}
	if l.readOnly || !l.ready() {
		return
	}
	switch l.tool {
	case ToolSelect:
		if h := l.handleAt(start); h >= 0 {
			a, _ := l.Selected()
			l.drag = dragState{kind: dragResize, start: p, startW: start, orig: a, handle: h, draft: cloneAnn(a)}
			return
		}
		if i := l.hitAt(start); i >= 0 {
			a := l.anns[i]
			l.setSelection(a.ID, true)
			l.drag = dragState{kind: dragMove, start: p, startW: start, orig: cloneAnn(a), draft: cloneAnn(a)}
		}
	case ToolRect, ToolEllipse, ToolArrow:
		if !onImage(p) {
			return
		}
		k := map[Tool]catalog.AnnotationKind{ToolRect: catalog.KindRect, ToolEllipse: catalog.KindEllipse, ToolArrow: catalog.KindArrow}[l.tool]
		q := clampPt(p)
		l.drag = dragState{kind: dragDraw, start: q, startW: start, draft: l.newMark(k, q, q)}
	}
}

// DragEnd finishes what the drag did.
func (l *AnnotationLayer) DragEnd() {
	d := l.drag
	l.drag = dragState{}
	switch d.kind {
	case dragPan:
		l.z.DragEnd()
	case dragDraw:
		a, b := l.z.ImageToWidget(d.draft.Points[0]), l.z.ImageToWidget(d.draft.Points[1])
		if math.Hypot(float64(a.X-b.X), float64(a.Y-b.Y)) < minDrawn {
			break // a slip of the mouse, not a mark
		}
		l.add(d.draft)
	case dragMove, dragResize:
		if err := l.update(d.orig, d.draft); err != nil {
			l.fail(err)
		}
	}
	l.Refresh()
}

// Tapped selects, places a callout, starts a text or adds a polyline
// vertex, depending on the tool. Two taps in quick succession make a
// double click: it finishes a polyline, and on an empty spot of the
// select tool toggles the zoom like the view's double click.
func (l *AnnotationLayer) Tapped(ev *fyne.PointEvent) {
	now := time.Now()
	double := now.Sub(l.lastTap) < doubleTapDelay &&
		math.Hypot(float64(ev.Position.X-l.tapPos.X), float64(ev.Position.Y-l.tapPos.Y)) <= doubleTapReach
	l.lastTap, l.tapPos = now, ev.Position
	if double {
		l.lastTap = time.Time{} // a third click starts afresh
	}
	p := l.toImage(ev.Position)
	if !l.ready() {
		return
	}
	if l.readOnly {
		l.tapSelect(ev, double)
		return
	}
	if l.edit.kind == editText {
		l.finishText()
		if l.tool == ToolText {
			return // the click ended the text; the next one starts another
		}
	}
	switch l.tool {
	case ToolSelect, ToolRect, ToolEllipse, ToolArrow:
		l.tapSelect(ev, double)
	case ToolCallout:
		if double || !onImage(p) {
			return
		}
		a := l.newMark(catalog.KindCallout, clampPt(p))
		a.Number = l.nextNumber()
		l.add(a)
	case ToolText:
		if double || !onImage(p) {
			return
		}
		l.edit = editState{kind: editText, draft: l.newMark(catalog.KindText, clampPt(p))}
	case ToolPolyline:
		if double {
			l.finishPolyline()
			return
		}
		if !onImage(p) {
			return
		}
		if l.edit.kind != editPolyline {
			l.edit = editState{kind: editPolyline, draft: l.newMark(catalog.KindPolyline)}
		}
		pts := l.edit.draft.Points
		if len(pts) < annot.MaxPolylinePoints && (len(pts) == 0 || pts[len(pts)-1] != clampPt(p)) {
			l.edit.draft.Points = append(pts, clampPt(p))
		}
	}
	l.Refresh()
}

// tapSelect selects the mark under the tap, or deselects; a double click
// off the marks toggles the zoom.
func (l *AnnotationLayer) tapSelect(ev *fyne.PointEvent, double bool) {
	if i := l.hitAt(ev.Position); i >= 0 {
		l.setSelection(l.anns[i].ID, true)
	} else {
		if double {
			l.z.DoubleTapped(ev)
		}
		l.setSelection(0, false)
	}
	l.Refresh()
}

// TappedSecondary finishes a polyline.
func (l *AnnotationLayer) TappedSecondary(*fyne.PointEvent) {
	if l.edit.kind == editPolyline {
		l.finishPolyline()
	}
}

// finishPolyline stores the polyline being clicked, when it has two
// vertices or more.
func (l *AnnotationLayer) finishPolyline() {
	e := l.edit
	l.edit = editState{}
	if e.kind == editPolyline && len(e.draft.Points) >= 2 {
		l.add(e.draft)
	}
	l.Refresh()
}

// finishText stores the text being typed, unless it is blank.
func (l *AnnotationLayer) finishText() {
	e := l.edit
	l.edit = editState{}
	if e.kind == editText && len(annot.LabelLines(e.draft.Label)) > 0 {
		l.add(e.draft)
	}
	l.Refresh()
}

// settleGesture ends what is being made before another change: a text
// being typed is stored (nothing typed is lost), a drag or a polyline
// abandoned.
func (l *AnnotationLayer) settleGesture() {
	if l.edit.kind == editText {
		l.finishText()
	}
	l.cancelGesture()
}

// cancelGesture abandons a drag, a polyline or a text being made.
func (l *AnnotationLayer) cancelGesture() {
	if l.drag.kind == dragPan {
		l.z.DragEnd()
	}
	if l.drag.kind != dragNone {
		l.drag = dragState{kind: dragVoid}
	}
	l.edit = editState{}
}

// MouseIn starts following the pointer.
func (l *AnnotationLayer) MouseIn(ev *desktop.MouseEvent) { l.MouseMoved(ev) }

// MouseMoved follows the pointer, for the next segment of a polyline.
func (l *AnnotationLayer) MouseMoved(ev *desktop.MouseEvent) {
	l.hover, l.hovering = ev.Position, true
	if l.edit.kind == editPolyline {
		l.Refresh()
	}
}

// MouseOut stops following the pointer.
func (l *AnnotationLayer) MouseOut() {
	l.hovering = false
	if l.edit.kind == editPolyline {
		l.Refresh()
	}
}

// Cursor is a crosshair for the drawing tools.
func (l *AnnotationLayer) Cursor() desktop.Cursor {
	if l.readOnly || l.tool == ToolSelect {
		return desktop.DefaultCursor
	}
	return desktop.CrosshairCursor
}

// FocusGained notes the focus.
func (l *AnnotationLayer) FocusGained() { l.focused = true }

// FocusLost finishes a text being typed (nothing typed is lost).
func (l *AnnotationLayer) FocusLost() {
	l.focused = false
	if l.edit.kind == editText {
		l.finishText()
	}
}

// TypedRune types a text's label, or goes to the view.
func (l *AnnotationLayer) TypedRune(r rune) {
	if l.edit.kind == editText {
		if utf8.RuneCountInString(l.edit.draft.Label) < annot.MaxLabelRunes {
			l.edit.draft.Label += string(r)
			l.Refresh()
		}
		return
	}
	l.z.TypedRune(r)
}

// TypedKey handles Escape, Enter, Delete and Backspace; other keys go to
// the view.
func (l *AnnotationLayer) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		switch {
		case l.edit.kind != editNone || l.drag.kind != dragNone:
			l.cancelGesture()
		default:
			l.setSelection(0, false)
		}
		l.Refresh()
	case fyne.KeyReturn, fyne.KeyEnter:
		switch l.edit.kind {
		case editPolyline:
			l.finishPolyline()
		case editText:
			l.finishText()
		}
	case fyne.KeyBackspace, fyne.KeyDelete:
		if l.edit.kind == editText {
			if s := l.edit.draft.Label; s != "" && ev.Name == fyne.KeyBackspace {
				_, n := utf8.DecodeLastRuneInString(s)
				l.edit.draft.Label = s[:len(s)-n]
				l.Refresh()
			}
			return
		}
		if l.edit.kind == editPolyline && ev.Name == fyne.KeyBackspace {
			if n := len(l.edit.draft.Points); n > 0 {
				l.edit.draft.Points = l.edit.draft.Points[:n-1]
				l.Refresh()
			}
			return
		}
		if _, ok := l.Selected(); ok && !l.readOnly {
			if err := l.Delete(); err != nil {
				l.fail(err)
			}
		}
	default:
		l.z.TypedKey(ev)
	}
}

// TypedShortcut handles undo (Ctrl+Z) and redo (Ctrl+Shift+Z, Ctrl+Y).
func (l *AnnotationLayer) TypedShortcut(s fyne.Shortcut) {
	if l.readOnly {
		return
	}
	var err error
	switch s := s.(type) {
	case *fyne.ShortcutUndo:
		err = l.Undo()
	case *fyne.ShortcutRedo:
		err = l.Redo()
	case *desktop.CustomShortcut:
		ctrl := s.Modifier&(fyne.KeyModifierShortcutDefault|fyne.KeyModifierControl) != 0
		switch {
		case ctrl && s.KeyName == fyne.KeyZ && s.Modifier&fyne.KeyModifierShift != 0:
			err = l.Redo()
		case ctrl && s.KeyName == fyne.KeyZ:
			err = l.Undo()
		case ctrl && s.KeyName == fyne.KeyY:
			err = l.Redo()
		}
	}
	if err != nil {
		l.fail(err)
	}
}
