package marks

import (
	"slices"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

// storeTimeout bounds one write of a mark. The AnnotationLayer's callbacks
// are synchronous (a mark is stored as it is made, or taken back on
// screen), so the write runs on the UI goroutine: one small SQLite
// transaction, a few milliseconds.
const storeTimeout = 10 * time.Second

// markStore stores in the case what an AnnotationLayer draws and edits,
// as it happens: every add, change, delete and restore goes through
// catalog (and its audit trail) before the layer shows it.
type Store struct {
	Session *ui.Session
	// Changed is called after each change stored (the other screens read
	// the case again when next shown).
	Changed func()
	// Stored is told which layer stored a change (not during undo or
	// redo; see replaying), for the screen's undo order.
	Stored func(l *viewer.AnnotationLayer)
	// Replaying is set while the screen undoes or redoes a change.
	Replaying bool
}

// Attach makes l store its marks in the case.
func (m *Store) Attach(l *viewer.AnnotationLayer) {
	l.OnAdd = func(a catalog.Annotation) (catalog.Annotation, error) {
		ctx, cancel := context.WithTimeout(m.Session.Ctx, storeTimeout)
		defer cancel()
		out, err := m.Session.Case.AddAnnotations(ctx, []catalog.Annotation{a})
		if err != nil {
			return a, err
		}
		if len(out) != 1 {
			return a, fmt.Errorf("the catalog stored %d marks for one", len(out))
		}
		m.done(l)
		return *out[0], nil
	}
	l.OnUpdate = func(_, after catalog.Annotation) error {
		ctx, cancel := context.WithTimeout(m.Session.Ctx, storeTimeout)
		defer cancel()
		if _, err := m.Session.Case.UpdateAnnotation(ctx, after); err != nil {
			return err
		}
		m.done(l)
		return nil
	}
	l.OnDelete = func(a catalog.Annotation) error {
		ctx, cancel := context.WithTimeout(m.Session.Ctx, storeTimeout)
		defer cancel()
		if err := m.Session.Case.DeleteAnnotation(ctx, a.ID); err != nil {
			return err
		}
		m.done(l)
		return nil
	}
	l.OnRestore = func(a catalog.Annotation) (catalog.Annotation, error) {
		ctx, cancel := context.WithTimeout(m.Session.Ctx, storeTimeout)
		defer cancel()
		if err := m.Session.Case.RestoreAnnotation(ctx, a.ID); err != nil {
			return a, err
		}
		back, err := m.Session.Case.Annotation(ctx, a.ID)
		if err != nil {
			return a, err
		}
		m.done(l)
		return *back, nil
	}
}

func (m *Store) done(l *viewer.AnnotationLayer) {
	if !m.Replaying && m.Stored != nil {
		m.Stored(l)
	}
	if m.Changed != nil {
		m.Changed()
	}
}

// UndoOrder undoes and redoes the changes of several layers (the two
// sides of a pair) in the order they were made: each layer keeps its own
// history, this keeps which layer each change was made on.
type UndoOrder struct {
	done, undone []*viewer.AnnotationLayer
}

// Made records a new change on l (what was undone can no longer be
// redone).
func (u *UndoOrder) Made(l *viewer.AnnotationLayer) {
	u.done = append(u.done, l)
	u.undone = nil
}

// Reset forgets the order (the layers were loaded again).
func (u *UndoOrder) Reset() { u.done, u.undone = nil, nil }

// Undo undoes the latest change, on the layer it was made on; false when
// there is nothing to undo.
func (u *UndoOrder) Undo(layers []*viewer.AnnotationLayer) (l *viewer.AnnotationLayer, ok bool, err error) {
	if l = pick(&u.done, layers, (*viewer.AnnotationLayer).CanUndo); l == nil {
		return nil, false, nil
	}
	if err = l.Undo(); err != nil {
		u.done = append(u.done, l)
		return l, true, err
	}
	u.undone = append(u.undone, l)
	return l, true, nil
}

// Redo redoes the latest change undone.
func (u *UndoOrder) Redo(layers []*viewer.AnnotationLayer) (l *viewer.AnnotationLayer, ok bool, err error) {
	if l = pick(&u.undone, layers, (*viewer.AnnotationLayer).CanRedo); l == nil {
		return nil, false, nil
	}
	if err = l.Redo(); err != nil {
		u.undone = append(u.undone, l)
		return l, true, err
	}
	u.done = append(u.done, l)
	return l, true, nil
}

// pick pops the latest layer of stack that can, else (a change made
// through a layer's own keys) any layer that can.
func pick(stack *[]*viewer.AnnotationLayer, layers []*viewer.AnnotationLayer, can func(*viewer.AnnotationLayer) bool) *viewer.AnnotationLayer {
	for len(*stack) > 0 {
		n := len(*stack) - 1
		l := (*stack)[n]
		*stack = (*stack)[:n]
		if can(l) {
			return l
		}
	}
	for _, l := range layers {
		if can(l) {
			return l
		}
	}
	return nil
}

// sameMarks reports whether two lists hold the same marks.
func Same(a, b []catalog.Annotation) bool {
	return slices.EqualFunc(a, b, func(x, y catalog.Annotation) bool {
		return x.ID == y.ID && x.Kind == y.Kind && x.Color == y.Color && x.Width == y.Width && x.Label == y.Label &&
			x.Note == y.Note && x.Number == y.Number && slices.Equal(x.Points, y.Points)
	})
}
