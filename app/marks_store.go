package app

import (
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
type markStore struct {
	s *ui.Session
	// changed is called after each change stored (the other screens read
	// the case again when next shown).
	changed func()
	// stored is told which layer stored a change (not during undo or
	// redo; see replaying), for the screen's undo order.
	stored func(l *viewer.AnnotationLayer)
	// replaying is set while the screen undoes or redoes a change.
	replaying bool
}

// attach makes l store its marks in the case.
func (m *markStore) attach(l *viewer.AnnotationLayer) {
	l.OnAdd = func(a catalog.Annotation) (catalog.Annotation, error) {
		ctx, cancel := context.WithTimeout(m.s.Ctx, storeTimeout)
		defer cancel()
		out, err := m.s.Case.AddAnnotations(ctx, []catalog.Annotation{a})
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
		ctx, cancel := context.WithTimeout(m.s.Ctx, storeTimeout)
		defer cancel()
		if _, err := m.s.Case.UpdateAnnotation(ctx, after); err != nil {
			return err
		}
		m.done(l)
		return nil
	}
	l.OnDelete = func(a catalog.Annotation) error {
		ctx, cancel := context.WithTimeout(m.s.Ctx, storeTimeout)
		defer cancel()
		if err := m.s.Case.DeleteAnnotation(ctx, a.ID); err != nil {
			return err
		}
		m.done(l)
		return nil
	}
	l.OnRestore = func(a catalog.Annotation) (catalog.Annotation, error) {
		ctx, cancel := context.WithTimeout(m.s.Ctx, storeTimeout)
		defer cancel()
		if err := m.s.Case.RestoreAnnotation(ctx, a.ID); err != nil {
			return a, err
		}
		back, err := m.s.Case.Annotation(ctx, a.ID)
		if err != nil {
			return a, err
		}
		m.done(l)
		return *back, nil
	}
}

func (m *markStore) done(l *viewer.AnnotationLayer) {
	if !m.replaying && m.stored != nil {
		m.stored(l)
	}
	if m.changed != nil {
		m.changed()
	}
}

// undoOrder undoes and redoes the changes of several layers (the two
// sides of a pair) in the order they were made: each layer keeps its own
// history, this keeps which layer each change was made on.
type undoOrder struct {
	done, undone []*viewer.AnnotationLayer
}

// made records a new change on l (what was undone can no longer be
// redone).
func (u *undoOrder) made(l *viewer.AnnotationLayer) {
	u.done = append(u.done, l)
	u.undone = nil
}

// reset forgets the order (the layers were loaded again).
func (u *undoOrder) reset() { u.done, u.undone = nil, nil }

// undo undoes the latest change, on the layer it was made on; false when
// there is nothing to undo.
func (u *undoOrder) undo(layers []*viewer.AnnotationLayer) (l *viewer.AnnotationLayer, ok bool, err error) {
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

// redo redoes the latest change undone.
func (u *undoOrder) redo(layers []*viewer.AnnotationLayer) (l *viewer.AnnotationLayer, ok bool, err error) {
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
