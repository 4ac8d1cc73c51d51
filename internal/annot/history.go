package annot

import (
	"fmt"
	"sync"

	"github.com/exhibit-app/exhibit/catalog"
)

// OpKind says what an edit did to an annotation.
type OpKind string

// The kinds of edit.
const (
	OpAdd    OpKind = "add"    // After was created (Before is nil)
	OpUpdate OpKind = "update" // Before became After
	OpDelete OpKind = "delete" // Before was removed (After is nil)
)

// Op is one edit of one annotation, as data: the GUI applies it through
// the catalog store, which audits it.
type Op struct {
	Kind   OpKind
	Before *catalog.Annotation
	After  *catalog.Annotation
}

// Check reports whether the op is consistent: an add has only After, a
// delete only Before, an update both, of the same annotation.
func (o Op) Check() error {
	switch o.Kind {
	case OpAdd:
		if o.Before != nil || o.After == nil {
			return fmt.Errorf("annotation op add: needs After and no Before")
		}
	case OpDelete:
		if o.Before == nil || o.After != nil {
			return fmt.Errorf("annotation op delete: needs Before and no After")
		}
	case OpUpdate:
		if o.Before == nil || o.After == nil {
			return fmt.Errorf("annotation op update: needs Before and After")
		}
		if o.Before.ID != o.After.ID {
			return fmt.Errorf("annotation op update: Before is annotation %d, After is %d", o.Before.ID, o.After.ID)
		}
	default:
		return fmt.Errorf("annotation op: unknown kind %q", o.Kind)
	}
	return nil
}

// Inverse returns the op that undoes o: an add becomes a delete of what
// was added, a delete an add of what was deleted, an update the update
// back.
func (o Op) Inverse() Op {
	switch o.Kind {
	case OpAdd:
		return Op{Kind: OpDelete, Before: cloneAnn(o.After)}
	case OpDelete:
		return Op{Kind: OpAdd, After: cloneAnn(o.Before)}
	}
	return Op{Kind: o.Kind, Before: cloneAnn(o.After), After: cloneAnn(o.Before)}
}

func (o Op) clone() Op {
	return Op{Kind: o.Kind, Before: cloneAnn(o.Before), After: cloneAnn(o.After)}
}

func cloneAnn(a *catalog.Annotation) *catalog.Annotation {
	if a == nil {
		return nil
	}
	c := *a
	c.Points = clonePoints(a.Points)
	return &c
}

// DefaultHistoryDepth is the depth of a History made with a depth ≤ 0.
const DefaultHistoryDepth = 200

// History is an undo/redo stack of annotation edits, as data: it applies
// nothing itself. The GUI pushes each edit it has applied; Undo returns the
// op to apply to revert the latest one, Redo the op to apply again. A new
// Push after an Undo drops the ops that could have been redone. The oldest
// ops are forgotten beyond the depth. It copies annotations in and out, so
// callers may reuse theirs, and it is safe for concurrent use.
type History struct {
	mu    sync.Mutex
	ops   []Op
	pos   int // ops[:pos] can be undone, ops[pos:] redone
	depth int
}

// NewHistory returns an empty history keeping at most depth ops.
func NewHistory(depth int) *History {
	if depth <= 0 {
		depth = DefaultHistoryDepth
	}
	return &History{depth: depth}
}

// Push records an applied edit. It refuses an inconsistent op.
func (h *History) Push(op Op) error {
	if err := op.Check(); err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.depth <= 0 {
		h.depth = DefaultHistoryDepth
	}
	h.ops = append(h.ops[:h.pos], op.clone())
	if over := len(h.ops) - h.depth; over > 0 {
		h.ops = append(h.ops[:0], h.ops[over:]...)
	}
	h.pos = len(h.ops)
	return nil
}

// Undo steps back one edit and returns the op that reverts it (the
// inverse of what was pushed), or false when there is nothing to undo.
func (h *History) Undo() (Op, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.pos == 0 {
		return Op{}, false
	}
	h.pos--
	return h.ops[h.pos].Inverse(), true
}

// Redo steps forward one edit and returns the op to apply again (as it
// was pushed), or false when there is nothing to redo.
func (h *History) Redo() (Op, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.pos == len(h.ops) {
		return Op{}, false
	}
	h.pos++
	return h.ops[h.pos-1].clone(), true
}

// CanUndo reports whether Undo has an op to return.
func (h *History) CanUndo() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.pos > 0
}

// CanRedo reports whether Redo has an op to return.
func (h *History) CanRedo() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.pos < len(h.ops)
}

// Clear forgets every op (when another image or case is opened).
func (h *History) Clear() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.ops, h.pos = nil, 0
}

// ReplaceID rewrites the annotation ID old to new in every recorded op.
// The store gives a re-created annotation (an undone delete, a redone
// add) a new ID; the GUI calls this so that later undos and redos address
// it.
func (h *History) ReplaceID(old, new int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := range h.ops {
		for _, a := range []*catalog.Annotation{h.ops[i].Before, h.ops[i].After} {
			if a != nil && a.ID == old {
				a.ID = new
			}
		}
	}
}
