package marks

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
type Side struct {
	Name  string
	Layer *viewer.AnnotationLayer
}

// markPanel lists the marks of one or two layers and edits the label and
// note of the one selected. What is typed is stored after a pause, and at
// once when another mark is selected or the screen changes pair or image:
// nothing typed is lost.
type Panel struct {
	View  fyne.CanvasObject
	sides []Side

	list   *fyne.Container
	Editor *fyne.Container
	none   *widget.Label
	Head   *widget.Label
	Scope  *widget.Label
	Label  *widget.Entry
	Note   *ui.TextArea
	del    *widget.Button
	msg    *widget.Label

	cur   *viewer.AnnotationLayer // layer of the mark edited
	CurID int64
	quiet bool // setting the entries from code
	timer *time.Timer
	dirty bool // the entries hold text not stored yet
	// OnSelect is called when a mark is chosen in the list.
	OnSelect func(l *viewer.AnnotationLayer, id int64)
	// onError shows a change the catalog refused.
	onError func(error)
}

func NewPanel(sides []Side, onError func(error)) *Panel {
	p := &Panel{sides: sides, onError: onError}
	p.none = ui.Wrapped("No mark selected. Choose a tool above and draw on the image; choose Select and click a mark to " +
		"give it a label and a note. Every mark is saved as it is made.")
	p.none.Importance = widget.LowImportance
	p.Head = ui.Heading("")
	p.Scope = ui.Caption("")
	p.Label = widget.NewEntry()
	p.Label.SetPlaceHolder("Label, shown on the image and the sheet")
	p.Note = ui.NewTextArea()
	p.Note.SetPlaceHolder("Note: what the mark shows, how it was established")
	p.Note.Wrapping = fyne.TextWrapWord
	p.Note.SetMinRowsVisible(4)
	p.Label.OnChanged = func(string) { p.typed() }
	p.Note.OnChanged = func(string) { p.typed() }
	p.Label.OnSubmitted = func(string) { p.Flush() }
	p.del = widget.NewButtonWithIcon("Delete the mark", theme.DeleteIcon(), p.deleteSelected)
	p.del.Importance = widget.LowImportance
	p.msg = ui.Wrapped("")
	p.msg.Importance = widget.WarningImportance
	p.msg.Hide()
	p.Editor = container.NewVBox(p.Head, p.Scope, widget.NewLabel("Label"), p.Label, widget.NewLabel("Note"), p.Note,
		p.msg, container.NewHBox(p.del))
	p.Editor.Hide()
	p.list = container.NewVBox()
	p.View = container.NewVScroll(container.NewPadded(container.NewVBox(
		ui.Heading("Selected mark"), p.none, p.Editor, widget.NewSeparator(), p.list)))
	p.RefreshList()
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
func (p *Panel) sideName(l *viewer.AnnotationLayer) string {
	for _, s := range p.sides {
		if s.Layer == l {
			return s.Name
		}
	}
	return ""
}

// SelectionChanged shows the mark selected on l (nil: none there). What
// was typed for the previous mark is stored first.
func (p *Panel) SelectionChanged(l *viewer.AnnotationLayer, a *catalog.Annotation) {
	if a == nil {
		if l != p.cur {
			return // the other side deselected as this one selected
		}
		p.Flush()
		p.cur, p.CurID = nil, 0
		p.Editor.Hide()
		p.none.Show()
		p.RefreshList()
		return
	}
	if l != p.cur || a.ID != p.CurID {
		p.Flush()
		p.cur, p.CurID = l, a.ID
		p.msg.Hide()
		p.setEntries(a.Label, a.Note)
	} else if !p.dirty {
		p.setEntries(a.Label, a.Note) // an undo or redo changed it
	}
	head := kindName(*a)
	if n := p.sideName(l); n != "" {
		head += " on the " + strings.ToLower(n) + " image"
	}
	p.Head.SetText(head)
	if a.PairID == 0 && len(p.sides) > 1 {
		p.Scope.SetText("Made on the image itself (in the review screen): it shows wherever the image is.")
	} else if a.PairID == 0 {
		p.Scope.SetText("On the image itself: it shows in the review screen and in every pair of this image.")
	} else {
		p.Scope.SetText("Made in this pair: it shows here and on the pair's sheet.")
	}
	p.none.Hide()
	p.Editor.Show()
	p.RefreshList()
}

func (p *Panel) setEntries(label, note string) {
	p.quiet = true
	if p.Label.Text != label {
		p.Label.SetText(label)
	}
	if p.Note.Text != note {
		p.Note.SetText(note)
	}
	p.quiet = false
	p.dirty = false
}

// typed notes a change of the entries and stores it after a pause.
func (p *Panel) typed() {
	if p.quiet || p.cur == nil {
		return
	}
	p.dirty = true
	if p.timer != nil {
		p.timer.Stop()
	}
	p.timer = time.AfterFunc(labelDelay, func() { fyne.Do(p.Flush) })
}

// Flush stores what was typed for the mark edited, if anything.
func (p *Panel) Flush() {
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
		if m.ID == p.CurID {
			a, found = m, true
		}
	}
	if !found {
		return // deleted meanwhile (the audit keeps it)
	}
	label, note := p.Label.Text, p.Note.Text
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
	p.RefreshList()
}

func (p *Panel) showError(err error) {
	p.msg.SetText(ui.ErrorText(err))
	p.msg.Show()
}

// deleteSelected deletes the mark edited (undo brings it back).
func (p *Panel) deleteSelected() {
	if p.cur == nil {
		return
	}
	p.Flush()
	if err := p.cur.Delete(); err != nil && p.onError != nil {
		p.onError(err)
	}
}

// RefreshList lists the marks of every side; the selected one is marked.
func (p *Panel) RefreshList() {
	p.list.RemoveAll()
	for _, s := range p.sides {
		anns := s.Layer.Annotations()
		title := fmt.Sprintf("Marks (%d)", len(anns))
		if s.Name != "" {
			title = fmt.Sprintf("%s image: %s", s.Name, ui.Plural(len(anns), "mark", "marks"))
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
			l, id := s.Layer, a.ID
			row.OnTap = func() {
				l.Select(id)
				if p.OnSelect != nil {
					p.OnSelect(l, id)
				}
			}
			row.SetMarked(l == p.cur && id == p.CurID)
			p.list.Add(row)
		}
	}
}

// Clear shows no mark (the layers were emptied), storing what was typed.
func (p *Panel) Clear() {
	p.Flush()
	p.cur, p.CurID = nil, 0
	p.Editor.Hide()
	p.none.Show()
	p.RefreshList()
}
