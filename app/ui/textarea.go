package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// TextArea is a multi-line entry wrapped at words that keeps what is
// typed. Fyne 2.7's Entry cannot place its cursor after a space typed at
// the end of the text where the line wraps (its rows leave that space
// out): the cursor stays before the space, and the next character goes in
// front of it ("April photo." became "Aprilphoto. "), or Backspace erases
// the letter before the space, depending on the width of the field.
// textArea remembers where the cursor belongs and puts it there before
// the next key acts.
type TextArea struct {
	widget.Entry

	// lost is set while the cursor belongs at offset want but Fyne shows
	// it at row, col (of text).
	lost     bool
	want     int
	row, col int
	text     string
}

// NewTextArea returns an empty textArea.
func NewTextArea() *TextArea {
	e := &TextArea{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// TypedRune inserts r at the cursor.
func (e *TextArea) TypedRune(r rune) {
	e.restoreCursor()
	selecting := e.SelectedText() != ""
	want := e.CursorTextOffset() + 1
	e.Entry.TypedRune(r)
	if !selecting {
		e.checkCursor(want)
	}
}

// TypedKey acts at the cursor (Backspace, Delete, arrows, Enter).
func (e *TextArea) TypedKey(ev *fyne.KeyEvent) {
	e.restoreCursor()
	want := -1 // where the cursor belongs after an erasing key
	if e.SelectedText() == "" {
		switch ev.Name {
		case fyne.KeyBackspace:
			want = max(e.CursorTextOffset()-1, 0)
		case fyne.KeyDelete:
			want = e.CursorTextOffset()
		}
	}
	e.Entry.TypedKey(ev)
	if want >= 0 {
		e.checkCursor(want)
	}
}

// TypedShortcut pastes, cuts, undoes… at the cursor.
func (e *TextArea) TypedShortcut(s fyne.Shortcut) {
	e.restoreCursor()
	e.Entry.TypedShortcut(s)
}

// checkCursor notes when the cursor is not at want after a key.
func (e *TextArea) checkCursor(want int) {
	e.lost = e.CursorTextOffset() != want
	if e.lost {
		e.want, e.row, e.col, e.text = want, e.CursorRow, e.CursorColumn, e.Text
	}
}

// restoreCursor puts the cursor where it belongs when Fyne lost it and
// nothing moved it since: a column past the row's end, whose offset
// counts the space the row leaves out (Fyne's next refresh takes it back
// to the row's end, so it is set just before the key acts).
func (e *TextArea) restoreCursor() {
	if !e.lost {
		return
	}
	e.lost = false
	if e.Text != e.text || e.CursorRow != e.row || e.CursorColumn != e.col || e.SelectedText() != "" {
		return // the text changed or the cursor moved: it is where it is
	}
	e.CursorColumn += e.want - e.CursorTextOffset()
}
