package annot

import (
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

func annAt(id int64, x float64) *catalog.Annotation {
	return &catalog.Annotation{ID: id, Kind: catalog.KindCallout, Points: pts(x, 0.5), Color: "#FF0000", Number: int(id)}
}

func TestHistoryUndoRedo(t *testing.T) {
	h := NewHistory(10)
	if _, ok := h.Undo(); ok {
		t.Fatal("Undo on an empty history")
	}
	if _, ok := h.Redo(); ok {
		t.Fatal("Redo on an empty history")
	}
	add := Op{Kind: OpAdd, After: annAt(1, 0.1)}
	upd := Op{Kind: OpUpdate, Before: annAt(1, 0.1), After: annAt(1, 0.7)}
	del := Op{Kind: OpDelete, Before: annAt(1, 0.7)}
	for _, op := range []Op{add, upd, del} {
		if err := h.Push(op); err != nil {
			t.Fatalf("Push(%s): %v", op.Kind, err)
		}
	}
	// Undo returns the inverses, newest first.
	u, ok := h.Undo()
	if !ok || u.Kind != OpAdd || u.Before != nil || u.After.Points[0].X != 0.7 {
		t.Fatalf("undo delete = %+v, want add of the deleted annotation", u)
	}
	u, _ = h.Undo()
	if u.Kind != OpUpdate || u.Before.Points[0].X != 0.7 || u.After.Points[0].X != 0.1 {
		t.Fatalf("undo update = %+v, want update 0.7→0.1", u)
	}
	u, _ = h.Undo()
	if u.Kind != OpDelete || u.Before.ID != 1 || u.After != nil {
		t.Fatalf("undo add = %+v, want delete", u)
	}
	if h.CanUndo() || !h.CanRedo() {
		t.Fatal("after undoing all: CanUndo or !CanRedo")
	}
	// Redo returns the ops as pushed, oldest first.
	r, ok := h.Redo()
	if !ok || r.Kind != OpAdd || r.After.Points[0].X != 0.1 {
		t.Fatalf("redo = %+v, want the add", r)
	}
	// A new edit drops what could be redone.
	if err := h.Push(Op{Kind: OpUpdate, Before: annAt(1, 0.1), After: annAt(1, 0.3)}); err != nil {
		t.Fatal(err)
	}
	if h.CanRedo() {
		t.Fatal("redo survived a new edit")
	}
	u, _ = h.Undo()
	if u.After.Points[0].X != 0.1 {
		t.Fatalf("undo of the new edit = %+v", u)
	}
}

func TestHistoryCopiesAndDepth(t *testing.T) {
	h := NewHistory(3)
	a := annAt(1, 0.1)
	if err := h.Push(Op{Kind: OpAdd, After: a}); err != nil {
		t.Fatal(err)
	}
	a.Points[0].X = 0.9 // the caller reuses its annotation
	a.ID = 99
	r, _ := h.Undo()
	if r.Before.Points[0].X != 0.1 || r.Before.ID != 1 {
		t.Fatalf("history aliased the pushed annotation: %+v", r.Before)
	}
	r.Before.Points[0].X = 0.5 // the caller edits what it got
	r2, _ := h.Redo()
	if r2.After.Points[0].X != 0.1 {
		t.Fatalf("history aliased a returned annotation: %+v", r2.After)
	}

	h = NewHistory(3)
	for i := range 5 {
		_ = h.Push(Op{Kind: OpAdd, After: annAt(int64(i+1), 0.1)})
	}
	var ids []int64
	for {
		u, ok := h.Undo()
		if !ok {
			break
		}
		ids = append(ids, u.Before.ID)
	}
	if len(ids) != 3 || ids[0] != 5 || ids[2] != 3 {
		t.Errorf("undo after 5 pushes at depth 3 gave ids %v, want [5 4 3]", ids)
	}
	if NewHistory(0).depth != DefaultHistoryDepth {
		t.Error("NewHistory(0) has no default depth")
	}
}

func TestHistoryReplaceIDAndCheck(t *testing.T) {
	h := NewHistory(0)
	_ = h.Push(Op{Kind: OpAdd, After: annAt(1, 0.1)})
	_ = h.Push(Op{Kind: OpUpdate, Before: annAt(1, 0.1), After: annAt(1, 0.2)})
	_ = h.Push(Op{Kind: OpAdd, After: annAt(2, 0.4)})
	// Undo both edits of 1 and the add of 2: 1 is deleted; redoing its add
	// re-creates it under a new ID, 7.
	h.Undo()
	h.Undo()
	h.Undo()
	h.Redo()
	h.ReplaceID(1, 7)
	r, _ := h.Redo()
	if r.Before.ID != 7 || r.After.ID != 7 {
		t.Errorf("after ReplaceID the update addresses %d→%d, want 7", r.Before.ID, r.After.ID)
	}
	r, _ = h.Redo()
	if r.After.ID != 2 {
		t.Errorf("ReplaceID changed another annotation: %d", r.After.ID)
	}

	bad := []Op{
		{Kind: OpAdd},
		{Kind: OpAdd, Before: annAt(1, 0.1), After: annAt(1, 0.1)},
		{Kind: OpDelete, After: annAt(1, 0.1)},
		{Kind: OpUpdate, Before: annAt(1, 0.1)},
		{Kind: OpUpdate, Before: annAt(1, 0.1), After: annAt(2, 0.1)},
		{Kind: "move", Before: annAt(1, 0.1), After: annAt(1, 0.2)},
	}
	h.Undo() // leave something to redo: a refused op must not drop it
	for _, op := range bad {
		if err := h.Push(op); err == nil {
			t.Errorf("Push(%+v) accepted", op)
		}
	}
	if !h.CanRedo() {
		t.Error("a refused op dropped the redo tail")
	}
	h.Clear()
	if h.CanUndo() || h.CanRedo() {
		t.Error("Clear left ops")
	}
}
