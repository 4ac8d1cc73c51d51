package viewer

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

// Tool is what a click or a drag on an AnnotationLayer does.
type Tool int

// The tools of an AnnotationLayer.
const (
	// ToolSelect selects a mark by a click, moves it by a drag, resizes it
	// by its handles; a drag elsewhere pans.
	ToolSelect Tool = iota
	// ToolRect, ToolEllipse and ToolArrow draw by a drag (an arrow from
	// its tail to its head).
	ToolRect
	ToolEllipse
	ToolArrow
	// ToolPolyline adds a vertex per click; a double click or Enter
	// finishes it, Escape abandons it.
	ToolPolyline
	// ToolCallout places a numbered disc per click, numbered after the
	// highest number in use (see annot.NextNumber).
	ToolCallout
	// ToolText starts a text mark at a click; the label is typed, Enter
	// (or a click elsewhere) finishes it, Escape abandons it.
	ToolText
)

// Declare conformity with the interfaces the layer handles.
var (
	_ fyne.Widget            = (*AnnotationLayer)(nil)
	_ fyne.Tappable          = (*AnnotationLayer)(nil)
	_ fyne.Draggable         = (*AnnotationLayer)(nil)
	_ fyne.Focusable         = (*AnnotationLayer)(nil)
	_ fyne.Shortcutable      = (*AnnotationLayer)(nil)
	_ desktop.Mouseable      = (*AnnotationLayer)(nil)
	_ desktop.Hoverable      = (*AnnotationLayer)(nil)
	_ desktop.Cursorable     = (*AnnotationLayer)(nil)
	_ fyne.SecondaryTappable = (*AnnotationLayer)(nil)
)

// AnnotationLayer shows the annotations of one image over a ZoomView and
// edits them. Points are exchanged in fractions of the upright image
// (catalog.Annotation), read from the pointer through
// ZoomView.WidgetToImage, so marks stay in place at any zoom, on the
// preview and on the original.
//
// Every finished change is handed to the app at once through OnAdd,
// OnUpdate, OnDelete (and OnRestore for an undone delete), which store it:
// there is no "save" step. When a callback returns an error, the change is
// taken back on screen and the error goes to OnError. Undo and redo
// (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y, or Undo and Redo) go through the same
// callbacks.
//
// Keys, when the layer has the focus (a click on it): Delete or Backspace
// deletes the selected mark, Escape abandons what is being drawn (or
// deselects), Enter finishes a polyline or a text; other keys go to the
// ZoomView (zoom, pan, and its OnTypedRune/OnTypedKey hooks). The mouse
// wheel zooms the view. Its methods must be called on the UI goroutine.
type AnnotationLayer struct {
	widget.BaseWidget

	// OnAdd stores a new mark and returns it as stored, with its ID (and
	// its callout number). Nil keeps marks on screen only, with local IDs.
	OnAdd func(a catalog.Annotation) (catalog.Annotation, error)
	// OnUpdate stores a change of a mark (same ID).
	OnUpdate func(before, after catalog.Annotation) error
	// OnDelete deletes a mark.
	OnDelete func(a catalog.Annotation) error
	// OnRestore brings back a deleted mark (undo of a delete, redo of an
	// add) and returns it as stored; the store keeps its ID
	// (catalog.Case.RestoreAnnotation). When nil, OnAdd re-creates it and
	// the layer follows its new ID.
	OnRestore func(a catalog.Annotation) (catalog.Annotation, error)
	// OnSelectionChanged is called with the selected mark when the
	// selection, or the selected mark, changes; with nil when none is
	// selected.
	OnSelectionChanged func(a *catalog.Annotation)
	// OnError reports a change the app refused or that could not be made
	// (a mark too small, an invalid label).
	OnError func(err error)
	// OnHistoryChanged is called when CanUndo or CanRedo may have changed.
	OnHistoryChanged func()
	// NumberScope, when set, returns the other marks that share callout
	// numbers with this layer's (those on the other image of a pair), so
	// that a new callout takes the next number of both.
	NumberScope func() []catalog.Annotation

	z        *ZoomView
	imageID  int64
	pairID   int64
	anns     []catalog.Annotation
	selID    int64
	hasSel   bool
	tool     Tool
	color    string
	width    float64
	readOnly bool
	hist     *annot.History
	localID  int64 // last ID given when OnAdd is nil (negative)

	drag     dragState
	edit     editState
	pressed  bool
	pressPos fyne.Position
	lastTap  time.Time
	tapPos   fyne.Position
	hover    fyne.Position
	hovering bool
	focused  bool
	rend     *layerRenderer
}

// NewAnnotationLayer returns a layer drawing on z and sets it as z's
// overlay. Give it the marks of the image shown with Load.
func NewAnnotationLayer(z *ZoomView) *AnnotationLayer {
	l := &AnnotationLayer{z: z, hist: annot.NewHistory(0), color: catalog.DefaultColor, width: catalog.DefaultWidth}
	l.ExtendBaseWidget(l)
	z.SetOverlay(l)
	return l
}

// ZoomView returns the view the layer draws on.
func (l *AnnotationLayer) ZoomView() *ZoomView { return l.z }

// Load shows anns, the marks of image imageID (in pair pairID, 0 for marks
// on the image itself), which new marks will belong to too. It forgets the
// selection, what was being drawn and the undo history.
func (l *AnnotationLayer) Load(imageID, pairID int64, anns []catalog.Annotation) {
	l.cancelGesture()
	l.imageID, l.pairID = imageID, pairID
	l.anns = cloneAnns(anns)
	l.hist.Clear()
	l.setSelection(0, false)
	l.historyChanged()
	l.Refresh()
}

// Annotations returns a copy of the marks shown, in drawing order.
func (l *AnnotationLayer) Annotations() []catalog.Annotation { return cloneAnns(l.anns) }

// SetTool chooses what clicks and drags do; what was being drawn with the
// previous tool is abandoned (a typed text is kept).
func (l *AnnotationLayer) SetTool(t Tool) {
	l.settleGesture()
	l.tool = t
	l.lastTap = time.Time{}
	l.Refresh()
}

// Tool returns the current tool.
func (l *AnnotationLayer) Tool() Tool { return l.tool }

// SetStyle sets the colour ("#RRGGBB") and stroke width (in pixels of the
// image scaled to a 1000 px long side; 0 for the default) of new marks.
func (l *AnnotationLayer) SetStyle(color string, width float64) error {
	if _, err := annot.ParseColor(color); err != nil {
		return err
	}
	if width < 0 || width > annot.MaxWidth || width != width {
		return fmt.Errorf("width %g is not between 0 and %g", width, annot.MaxWidth)
	}
	l.color, l.width = color, width
	if l.edit.kind != editNone {
		l.edit.draft.Color, l.edit.draft.Width = color, width
		l.Refresh()
	}
	return nil
}

// Style returns the colour and width of new marks.
func (l *AnnotationLayer) Style() (color string, width float64) { return l.color, l.width }

// SetReadOnly makes the layer only show marks (and select them for their
// note) when true.
func (l *AnnotationLayer) SetReadOnly(ro bool) {
	if ro {
		l.cancelGesture()
	}
	l.readOnly = ro
	l.Refresh()
}

// Selected returns the selected mark.
func (l *AnnotationLayer) Selected() (catalog.Annotation, bool) {
	if i := l.index(l.selID); l.hasSel && i >= 0 {
		return cloneAnn(l.anns[i]), true
	}
	return catalog.Annotation{}, false
}

// Select selects the mark with that ID; false when there is none (use
// ClearSelection to deselect).
func (l *AnnotationLayer) Select(id int64) bool {
	if l.index(id) < 0 {
		return false
	}
	l.setSelection(id, true)
	l.Refresh()
	return true
}

// ClearSelection deselects.
func (l *AnnotationLayer) ClearSelection() {
	l.setSelection(0, false)
	l.Refresh()
}

// Update stores a change of the mark with a.ID (its label, note, colour,
// width or points), through OnUpdate, with undo.
func (l *AnnotationLayer) Update(a catalog.Annotation) error {
	i := l.index(a.ID)
	if i < 0 {
		return fmt.Errorf("update annotation %d: it is not shown", a.ID)
	}
	before := l.anns[i]
	a.ImageID, a.PairID = before.ImageID, before.PairID
	return l.update(before, a)
}

// SetLabel changes the label of the selected mark.
func (l *AnnotationLayer) SetLabel(label string) error {
	a, ok := l.Selected()
	if !ok {
		return errors.New("set label: no annotation is selected")
	}
	a.Label = label
	return l.Update(a)
}

// SetNote changes the note of the selected mark.
func (l *AnnotationLayer) SetNote(note string) error {
	a, ok := l.Selected()
	if !ok {
		return errors.New("set note: no annotation is selected")
	}
	a.Note = note
	return l.Update(a)
}

// Delete deletes the selected mark through OnDelete, with undo.
func (l *AnnotationLayer) Delete() error {
	a, ok := l.Selected()
	if !ok {
		return errors.New("delete: no annotation is selected")
	}
	return l.remove(a)
}

// CanUndo reports whether Undo has something to undo.
func (l *AnnotationLayer) CanUndo() bool { return l.hist.CanUndo() }

// CanRedo reports whether Redo has something to redo.
func (l *AnnotationLayer) CanRedo() bool { return l.hist.CanRedo() }

// Undo reverts the latest change through the callbacks (an add is
// deleted, a delete restored, an update reverted). A text being typed is
// stored first, so that Undo takes it back and Redo brings it back; what
// else was being drawn is abandoned. When the app refuses, nothing
// changes and the error is returned.
func (l *AnnotationLayer) Undo() error {
	l.settleGesture()
	op, ok := l.hist.Undo()
	if !ok {
		return nil
	}
	if err := l.apply(op); err != nil {
		l.hist.Redo() // step forward again: the change stays
		l.historyChanged()
		l.Refresh()
		return fmt.Errorf("undo: %w", err)
	}
	l.historyChanged()
	l.Refresh()
	return nil
}

// Redo applies again the latest undone change through the callbacks. A
// text being typed is stored first (which, being a new change, leaves
// nothing to redo).
func (l *AnnotationLayer) Redo() error {
	l.settleGesture()
	op, ok := l.hist.Redo()
	if !ok {
		return nil
	}
	if err := l.apply(op); err != nil {
		l.hist.Undo()
		l.historyChanged()
		l.Refresh()
		return fmt.Errorf("redo: %w", err)
	}
	l.historyChanged()
	l.Refresh()
	return nil
}

// MinSize is small: the layer covers its ZoomView.
func (l *AnnotationLayer) MinSize() fyne.Size { return fyne.NewSize(1, 1) }

// add stores a new mark; false when it was refused.
func (l *AnnotationLayer) add(a catalog.Annotation) bool {
	a = annot.Clamp(a)
	a.ImageID, a.PairID = l.imageID, l.pairID
	if err := annot.Validate(a); err != nil {
		l.fail(fmt.Errorf("add %s: %w", a.Kind, err))
		return false
	}
	stored := a
	if l.OnAdd != nil {
		s, err := l.OnAdd(cloneAnn(a))
		if err != nil {
			l.fail(fmt.Errorf("add %s: %w", a.Kind, err))
			return false
		}
		stored = cloneAnn(s)
	} else {
		l.localID--
		stored.ID = l.localID
	}
	l.anns = append(l.anns, stored)
	l.push(annot.Op{Kind: annot.OpAdd, After: &stored})
	l.setSelection(stored.ID, true)
	return true
}

// update stores a change; the error is also reported to OnError by the
// callers that are gestures.
func (l *AnnotationLayer) update(before, after catalog.Annotation) error {
	if sameAnn(before, after) {
		return nil
	}
	if err := annot.Validate(after); err != nil {
		l.Refresh()
		return fmt.Errorf("change %s: %w", after.Kind, err)
	}
	if l.OnUpdate != nil {
		if err := l.OnUpdate(cloneAnn(before), cloneAnn(after)); err != nil {
			l.Refresh()
			return fmt.Errorf("change %s: %w", after.Kind, err)
		}
	}
	l.replace(after)
	l.push(annot.Op{Kind: annot.OpUpdate, Before: &before, After: &after})
	l.Refresh()
	return nil
}

// remove deletes a mark.
func (l *AnnotationLayer) remove(a catalog.Annotation) error {
	if l.OnDelete != nil {
		if err := l.OnDelete(cloneAnn(a)); err != nil {
			return fmt.Errorf("delete %s: %w", a.Kind, err)
		}
	}
	l.drop(a.ID)
	l.push(annot.Op{Kind: annot.OpDelete, Before: &a})
	l.Refresh()
	return nil
}

// apply carries out an op of the history through the callbacks.
func (l *AnnotationLayer) apply(op annot.Op) error {
	switch op.Kind {
	case annot.OpAdd: // an undone delete or a redone add: bring it back
		a := cloneAnn(*op.After)
		stored := a
		switch {
		case l.OnRestore != nil:
			s, err := l.OnRestore(cloneAnn(a))
			if err != nil {
				return fmt.Errorf("restore %s: %w", a.Kind, err)
			}
			stored = cloneAnn(s)
		case l.OnAdd != nil:
			s, err := l.OnAdd(cloneAnn(a))
			if err != nil {
				return fmt.Errorf("restore %s: %w", a.Kind, err)
			}
			stored = cloneAnn(s)
		}
		if stored.ID != a.ID {
			l.hist.ReplaceID(a.ID, stored.ID)
		}
		l.anns = append(l.anns, stored)
		l.setSelection(stored.ID, true)
	case annot.OpDelete:
		a := *op.Before
		if l.OnDelete != nil {
			if err := l.OnDelete(cloneAnn(a)); err != nil {
				return fmt.Errorf("delete %s: %w", a.Kind, err)
			}
		}
		l.drop(a.ID)
	case annot.OpUpdate:
		if l.OnUpdate != nil {
			if err := l.OnUpdate(cloneAnn(*op.Before), cloneAnn(*op.After)); err != nil {
				return fmt.Errorf("change %s: %w", op.After.Kind, err)
			}
		}
		l.replace(*op.After)
		l.setSelection(op.After.ID, true)
	}
	return nil
}

func (l *AnnotationLayer) push(op annot.Op) {
	if err := l.hist.Push(op); err != nil {
		fyne.LogError("annotation history", err)
	}
	l.historyChanged()
}

func (l *AnnotationLayer) historyChanged() {
	if f := l.OnHistoryChanged; f != nil {
		f()
	}
}

// fail reports an error to OnError and redraws what is stored.
func (l *AnnotationLayer) fail(err error) {
	l.Refresh()
	if f := l.OnError; f != nil {
		f(err)
	} else {
		fyne.LogError("annotation", err)
	}
}

func (l *AnnotationLayer) index(id int64) int {
	return slices.IndexFunc(l.anns, func(a catalog.Annotation) bool { return a.ID == id })
}

// replace puts a in place of the mark with its ID.
func (l *AnnotationLayer) replace(a catalog.Annotation) {
	if i := l.index(a.ID); i >= 0 {
		l.anns[i] = cloneAnn(a)
		if l.hasSel && l.selID == a.ID {
			l.notifySelection()
		}
	}
}

// drop removes the mark with that ID (and deselects it).
func (l *AnnotationLayer) drop(id int64) {
	if i := l.index(id); i >= 0 {
		l.anns = slices.Delete(l.anns, i, i+1)
	}
	if l.hasSel && l.selID == id {
		l.setSelection(0, false)
	}
}

// setSelection selects id (or nothing) and tells OnSelectionChanged.
func (l *AnnotationLayer) setSelection(id int64, has bool) {
	if has == l.hasSel && (!has || id == l.selID) {
		return
	}
	l.selID, l.hasSel = id, has
	l.notifySelection()
}

func (l *AnnotationLayer) notifySelection() {
	f := l.OnSelectionChanged
	if f == nil {
		return
	}
	if a, ok := l.Selected(); ok {
		f(&a)
		return
	}
	f(nil)
}

// nextNumber returns the number of a new callout.
func (l *AnnotationLayer) nextNumber() int {
	all := l.anns
	if l.NumberScope != nil {
		all = append(slices.Clip(all), l.NumberScope()...)
	}
	return annot.NextNumber(all)
}

// newMark returns a mark of kind k with the current style.
func (l *AnnotationLayer) newMark(k catalog.AnnotationKind, pts ...catalog.Point) catalog.Annotation {
	return catalog.Annotation{ImageID: l.imageID, PairID: l.pairID, Kind: k, Points: pts, Color: l.color, Width: l.width}
}

func cloneAnn(a catalog.Annotation) catalog.Annotation {
	a.Points = slices.Clone(a.Points)
	return a
}

func cloneAnns(anns []catalog.Annotation) []catalog.Annotation {
	out := make([]catalog.Annotation, len(anns))
	for i, a := range anns {
		out[i] = cloneAnn(a)
	}
	return out
}

func sameAnn(a, b catalog.Annotation) bool {
	return a.ID == b.ID && a.Kind == b.Kind && a.Color == b.Color && a.Width == b.Width &&
		a.Label == b.Label && a.Note == b.Note && a.Number == b.Number && slices.Equal(a.Points, b.Points)
}
