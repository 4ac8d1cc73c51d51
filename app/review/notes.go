package review

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// notesPanel shows the image's tags (chips to remove, an entry to add)
// and notes (to add, and delete after confirmation).
type notesPanel struct {
	rs      *reviewScreen
	content fyne.CanvasObject

	tagHead  *widget.Label
	chips    *fyne.Container
	tagEntry *widget.SelectEntry
	noteHead *widget.Label
	notes    *fyne.Container
	note     *ui.TextArea
}

func newNotesPanel(rs *reviewScreen) *notesPanel {
	p := &notesPanel{rs: rs}
	p.tagHead = ui.Heading("Tags")
	p.chips = container.New(&ui.FlowLayout{})
	p.tagEntry = widget.NewSelectEntry(nil)
	p.tagEntry.SetPlaceHolder("Add a tag: damage, market, drone…")
	p.tagEntry.OnSubmitted = func(string) { p.addTag() }
	addTag := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), p.addTag)
	p.noteHead = ui.Heading("Notes")
	p.notes = container.NewVBox()
	p.note = ui.NewTextArea()
	p.note.SetPlaceHolder("Write a note on this image")
	p.note.Wrapping = fyne.TextWrapWord
	p.note.SetMinRowsVisible(3)
	addNote := widget.NewButtonWithIcon("Add the note", theme.ContentAddIcon(), p.addNote)
	p.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		p.tagHead, p.chips, container.NewBorder(nil, nil, nil, addTag, p.tagEntry),
		widget.NewSeparator(),
		p.noteHead, p.notes, p.note, container.NewBorder(nil, nil, nil, addNote),
	)))
	return p
}

// update shows the image's tags and notes.
func (p *notesPanel) update(d *reviewData) {
	p.chips.RemoveAll()
	p.tagHead.SetText(fmt.Sprintf("Tags (%d)", len(d.tags)))
	if len(d.tags) == 0 {
		none := ui.Caption("No tag yet.")
		none.Wrapping = fyne.TextWrapOff // the chips' flow gives it its width on one line
		p.chips.Add(none)
	}
	for _, t := range d.tags {
		tag := t
		b := widget.NewButtonWithIcon(tag, theme.CancelIcon(), func() { p.removeTag(tag) })
		b.IconPlacement = widget.ButtonIconTrailingText
		b.Importance = widget.MediumImportance
		p.chips.Add(b)
	}
	var names []string
	for _, t := range d.allTags {
		names = append(names, t.Tag)
	}
	p.tagEntry.SetOptions(names)
	p.chips.Refresh()

	p.notes.RemoveAll()
	p.noteHead.SetText(fmt.Sprintf("Notes (%d)", len(d.notes)))
	for _, n := range d.notes {
		p.notes.Add(p.noteCard(n))
	}
}

func (p *notesPanel) noteCard(n *catalog.Note) fyne.CanvasObject {
	del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() {
		p.rs.confirmThen("Delete this note?", fmt.Sprintf("“%s” will be deleted from this image. The audit trail keeps it.", shorten(n.Text, 160)), "Delete",
			func(ctx context.Context, c *catalog.Case) error { return c.DeleteNote(ctx, n.ID) }, "Could not delete the note")
	})
	del.Importance = widget.LowImportance
	return ui.NewCard(container.NewVBox(ui.Wrapped(n.Text), ui.WithAction(ui.Caption(NoteByline(n)), del)))
}

func (p *notesPanel) addTag() {
	tag := strings.TrimSpace(p.tagEntry.Text)
	if tag == "" || p.rs.im == nil {
		return
	}
	id := p.rs.im.ID
	p.rs.change(func(ctx context.Context, c *catalog.Case) error { return c.AddTag(ctx, id, tag) }, "Could not add the tag", func() {
		p.tagEntry.SetText("")
	})
}

func (p *notesPanel) removeTag(tag string) {
	if p.rs.im == nil {
		return
	}
	id := p.rs.im.ID
	p.rs.change(func(ctx context.Context, c *catalog.Case) error { return c.RemoveTag(ctx, id, tag) }, "Could not remove the tag", nil)
}

func (p *notesPanel) addNote() {
	text := strings.TrimSpace(p.note.Text)
	if text == "" || p.rs.im == nil {
		return
	}
	id := p.rs.im.ID
	p.rs.change(func(ctx context.Context, c *catalog.Case) error {
		_, err := c.AddNote(ctx, id, text)
		return err
	}, "Could not add the note", func() { p.note.SetText("") })
}

// NoteByline says when a note was written and, when the record knows, by
// whom ("written 7 Dec 2026 16:02 by ana@field-laptop").
func NoteByline(n *catalog.Note) string {
	s := "written " + ui.TimeText(n.CreatedAt)
	if who, _, _ := strings.Cut(n.Author, ", "); who != "" {
		s += " by " + who
	}
	return s
}
