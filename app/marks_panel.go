package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
	"github.com/exhibit-app/exhibit/viewer"
)

// labelDelay is how long the mark panel waits for the next key before it
// stores a label or note being typed.
const labelDelay = 600 * time.Millisecond

// markSide is a layer the mark panel lists, and how it is named ("Before",
// "After"; "" for the review screen's one).
type markSide struct {
	name  string
	layer *viewer.AnnotationLayer
}

// markPanel lists the marks of one or two layers and edits the label and
// note of the one selected. What is typed is stored after a pause, and at
// once when another mark is selected or the screen changes pair or image:
// nothing typed is lost.
type markPanel struct {
	content fyne.CanvasObject
	sides   []markSide

	list   *fyne.Container
	editor *fyne.Container
	none   *widget.Label
	head   *widget.Label
	scope  *widget.Label
	label  *widget.Entry
	note   *ui.TextArea
	del    *widget.Button
	msg    *widget.Label

	cur   *viewer.AnnotationLayer // layer of the mark edited
	curID int64
	quiet bool // setting the entries from code
	timer *time.Timer
	dirty bool // the entries hold text not stored yet
	// onSelect is called when a mark is chosen in the list.
	onSelect func(l *viewer.AnnotationLayer, id int64)
	// onError shows a change the catalog refused.
	onError func(error)
}

func newMarkPanel(sides []markSide, onError func(error)) *markPanel {
	p := &markPanel{sides: sides, onError: onError}
	p.none = ui.Wrapped("No mark selected. Choose a tool above and draw on the image; choose Select and click a mark to " +
		"give it a label and a note. Every mark is saved as it is made.")
	p.none.Importance = widget.LowImportance
	p.head = ui.Heading("")
	p.scope = ui.Caption("")
	p.label = widget.NewEntry()
	p.label.SetPlaceHolder("Label, shown on the image and the sheet")
	p.note = ui.NewTextArea()
	p.note.SetPlaceHolder("Note: what the mark shows, how it was established")
	p.note.Wrapping = fyne.TextWrapWord
	p.note.SetMinRowsVisible(4)
	p.label.OnChanged = func(string) { p.typed() }
	p.note.OnChanged = func(string) { p.typed() }
	p.label.OnSubmitted = func(string) { p.flush() }
	p.del = widget.NewButtonWithIcon("Delete the mark", theme.DeleteIcon(), p.deleteSelected)
	p.del.Importance = widget.LowImportance
	p.msg = ui.Wrapped("")
	p.msg.Importance = widget.WarningImportance
	p.msg.Hide()
	p.editor = container.NewVBox(p.head, p.scope, widget.NewLabel("Label"), p.label, widget.NewLabel("Note"), p.note,
		p.msg, container.NewHBox(p.del))
	p.editor.Hide()
	p.list = container.NewVBox()
	p.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		ui.Heading("Selected mark"), p.none, p.editor, widget.NewSeparator(), p.list)))
	p.refreshList()
	return p
}

// kindName names a mark for people: its kind (annot.KindName), and a
// callout's number.
func kindName(a catalog.Annotation) string {
	if a.Kind == catalog.KindCallout {
		return fmt.Sprintf("%s %d", annot.KindName(a.Kind), a.Number)
	}
	return annot.KindName(a.Kind)
}

// checkLabel refuses a label too long to be stored.
func checkLabel(s string) error {
	if n := utf8.RuneCountInString(s); n > annot.MaxLabelRunes {
		return fmt.Errorf("%d characters: at most %d", n, annot.MaxLabelRunes)
	}
	return nil
}

// sideName returns the name of l's side ("" for a lone layer).
func (p *markPanel) sideName(l *viewer.AnnotationLayer) string {
	for _, s := range p.sides {
		if s.layer == l {
			return s.name
		}
	}
	return ""
}

// selectionChanged shows the mark selected on l (nil: none there). What
// was typed for the previous mark is stored first.
func (p *markPanel) selectionChanged(l *viewer.AnnotationLayer, a *catalog.Annotation) {
	if a == nil {
		if l != p.cur {
			return // the other side deselected as this one selected
		}
		p.flush()
		p.cur, p.curID = nil, 0
		p.editor.Hide()
		p.none.Show()
		p.refreshList()
		return
	}
	if l != p.cur || a.ID != p.curID {
		p.flush()
		p.cur, p.curID = l, a.ID
		p.msg.Hide()
		p.setEntries(a.Label, a.Note)
	} else if !p.dirty {
		p.setEntries(a.Label, a.Note) // an undo or redo changed it
	}
	head := kindName(*a)
	if n := p.sideName(l); n != "" {
		head += " on the " + strings.ToLower(n) + " image"
	}
	p.head.SetText(head)
	if a.PairID == 0 && len(p.sides) > 1 {
		p.scope.SetText("Made on the image itself (in the review screen): it shows wherever the image is.")
	} else if a.PairID == 0 {
		p.scope.SetText("On the image itself: it shows in the review screen and in every pair of this image.")
	} else {
		p.scope.SetText("Made in this pair: it shows here and on the pair's sheet.")
	}
	p.none.Hide()
	p.editor.Show()
	p.refreshList()
}

func (p *markPanel) setEntries(label, note string) {
	p.quiet = true
	if p.label.Text != label {
		p.label.SetText(label)
	}
	if p.note.Text != note {
		p.note.SetText(note)
	}
	p.quiet = false
	p.dirty = false
}

// typed notes a change of the entries and stores it after a pause.
func (p *markPanel) typed() {
	if p.quiet || p.cur == nil {
		return
	}
	p.dirty = true
	if p.timer != nil {
		p.timer.Stop()
	}
	p.timer = time.AfterFunc(labelDelay, func() { fyne.Do(p.flush) })
}

// flush stores what was typed for the mark edited, if anything.
func (p *markPanel) flush() {
	if p.timer != nil {
		p.timer.Stop()
		p.timer = nil
	}
	if !p.dirty || p.cur == nil {
		return
	}
	p.dirty = false
	var a catalog.Annotation
	found := false
	for _, m := range p.cur.Annotations() {
		if m.ID == p.curID {
			a, found = m, true
		}
	}
	if !found {
		return // deleted meanwhile (the audit keeps it)
	}
	label, note := p.label.Text, p.note.Text
	if a.Label == label && a.Note == note {
		return
	}
	if err := checkLabel(label); err != nil {
		p.showError(fmt.Errorf("the label was not saved: %w", err))
		p.dirty = true
		return
	}
	a.Label, a.Note = label, note
	if err := p.cur.Update(a); err != nil {
		p.showError(fmt.Errorf("not saved: %w", err))
		p.dirty = true // kept in the entries; saved once valid
		return
	}
	p.msg.Hide()
	p.refreshList()
}

func (p *markPanel) showError(err error) {
	p.msg.SetText(ui.ErrorText(err))
	p.msg.Show()
}

// deleteSelected deletes the mark edited (undo brings it back).
func (p *markPanel) deleteSelected() {
	if p.cur == nil {
		return
	}
	p.flush()
	if err := p.cur.Delete(); err != nil && p.onError != nil {
		p.onError(err)
	}
}

// refreshList lists the marks of every side; the selected one is marked.
func (p *markPanel) refreshList() {
	p.list.RemoveAll()
	for _, s := range p.sides {
		anns := s.layer.Annotations()
		title := fmt.Sprintf("Marks (%d)", len(anns))
		if s.name != "" {
			title = fmt.Sprintf("%s image: %s", s.name, ui.Plural(len(anns), "mark", "marks"))
		}
		p.list.Add(ui.Heading(title))
		if len(anns) == 0 {
			p.list.Add(ui.Caption("None yet."))
		}
		for _, a := range anns {
			text := kindName(a)
			if a.Label != "" {
				text += " · " + a.Label
			}
			if a.PairID == 0 && len(p.sides) > 1 {
				text += " (on the image)"
			}
			row := ui.NewCard(widget.NewLabel(text))
			l, id := s.layer, a.ID
			row.OnTap = func() {
				l.Select(id)
				if p.onSelect != nil {
					p.onSelect(l, id)
				}
			}
			row.SetMarked(l == p.cur && id == p.curID)
			p.list.Add(row)
		}
	}
}

// clear shows no mark (the layers were emptied), storing what was typed.
func (p *markPanel) clear() {
	p.flush()
	p.cur, p.curID = nil, 0
	p.editor.Hide()
	p.none.Show()
	p.refreshList()
}
