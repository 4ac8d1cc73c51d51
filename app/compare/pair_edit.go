package compare

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// pairEditForm is the dialog editing a pair: its fields.
type pairEditForm struct {
	d             *dialog.FormDialog
	title, nb, na *widget.Entry
	notes         *ui.TextArea
	problem       *widget.Label
}

// editPair asks for the title, notes and date window of the pair shown;
// Save stays disabled while a field is not valid, and says why.
func (cs *compareScreen) editPair() {
	if cs.data == nil {
		return
	}
	p := cs.data.pair
	before, after := cs.pairImages()
	f := &pairEditForm{}
	f.title = widget.NewEntry()
	f.title.SetText(p.Title)
	f.title.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("a pair needs a title")
		}
		return nil
	}
	f.notes = ui.NewTextArea()
	f.notes.SetText(p.Notes)
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetMinRowsVisible(4)
	f.problem = ui.Wrapped("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Hide()
	timeEntry := func(v string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(ui.WindowEdit(v))
		e.SetPlaceHolder(ui.ExamplePlaceholder("Unknown", "2017-10-14 09:12 (+03:00)"))
		return e
	}
	f.nb, f.na = timeEntry(p.NotBefore), timeEntry(p.NotAfter)
	f.nb.Validator = func(s string) error { _, _, _, err := catalog.ParseWindowTime(s); return err }
	f.na.Validator = func(s string) error {
		if _, _, _, err := catalog.ParseWindowTime(s); err != nil {
			return err
		}
		if _, _, err := catalog.CheckWindow(f.nb.Text, s); err != nil && f.nb.Validator(f.nb.Text) == nil {
			return err
		}
		return nil
	}
	check := func(string) {
		f.na.Validate()
		if _, _, err := catalog.CheckWindow(f.nb.Text, f.na.Text); err != nil {
			f.problem.SetText(ui.ErrorText(err))
			f.problem.Show()
		} else {
			f.problem.Hide()
		}
	}
	f.nb.OnChanged, f.na.OnChanged = check, check
	useTime := func(e *widget.Entry, im *catalog.Image, which string) fyne.CanvasObject {
		b := widget.NewButtonWithIcon("Use", theme.HistoryIcon(), func() { e.SetText(ui.WindowEdit(im.TakenString())) })
		if im.TakenAt == nil {
			b.Disable()
		}
		return ui.WithAction(ui.Caption(which+" image "+ui.CaptureText(im)), b)
	}
	hint := ui.Caption("The date window bounds when the change happened: the latest time it had not yet happened, " +
		"the earliest time it had. It starts as the two capture times.")
	items := []*widget.FormItem{
		widget.NewFormItem("Title", f.title),
		widget.NewFormItem("Notes", f.notes),
		widget.NewFormItem("Not before", f.nb),
		widget.NewFormItem("", useTime(f.nb, before, "Before")),
		widget.NewFormItem("Not after", f.na),
		widget.NewFormItem("", useTime(f.na, after, "After")),
		widget.NewFormItem("", container.NewVBox(f.problem, hint)),
	}
	f.d = dialog.NewForm("Edit the pair", "Save", "Cancel", items, func(ok bool) {
		if ok {
			cs.savePairEdit(p, f)
		}
	}, cs.host.Window())
	f.d.Resize(fyne.NewSize(ui.DialogWidth(cs.host.Window(), 660), 0))
	f.d.Show()
}

// savePairEdit stores what the edit dialog holds.
func (cs *compareScreen) savePairEdit(p *catalog.Pair, f *pairEditForm) {
	title := strings.TrimSpace(f.title.Text)
	notes := strings.TrimSpace(f.notes.Text)
	nb, na, err := catalog.CheckWindow(f.nb.Text, f.na.Text)
	if err == nil && title == "" {
		err = fmt.Errorf("a pair needs a title")
	}
	if err != nil {
		ui.ShowError(cs.host.Window(), "The pair was not changed", err)
		return
	}
	u := catalog.PairUpdate{Title: &title, Notes: &notes, NotBefore: &nb, NotAfter: &na}
	cs.changePair(p.ID, u, "Could not change the pair")
}

// changePair stores a change of a pair, then shows it.
func (cs *compareScreen) changePair(id int64, u catalog.PairUpdate, failTitle string) {
	c := cs.s.Case
	ui.Background(cs.s.Ctx, func(ctx context.Context) error {
		_, err := c.UpdatePair(ctx, id, u)
		return err
	}, func(err error) {
		if err != nil {
			ui.ShowError(cs.host.Window(), failTitle, err)
			return
		}
		cs.host.Changed(cs)
		cs.pairs.reload()
		if cs.data != nil && cs.data.pair.ID == id {
			cs.fetch(id)
		}
	})
}

// swapPair exchanges the before and after images of the pair shown, after
// confirmation when it is aligned (the alignment is reset).
func (cs *compareScreen) swapPair() {
	if cs.data == nil {
		return
	}
	p := cs.data.pair
	do := func() {
		cs.align.pairChanged()
		cs.cv.StopAlignment()
		cs.changePair(p.ID, catalog.PairUpdate{Swap: true}, "Could not swap the images")
	}
	if p.Alignment == nil && !cs.align.dirty() {
		do()
		return
	}
	ui.Confirm(cs.host.Window(), "Swap before and after?", "The alignment maps the after image onto the before image: swapping "+
		"resets it (the audit trail keeps it). Marks stay on their images.", "Swap", do)
}

// deletePair deletes the pair shown after confirmation.
func (cs *compareScreen) deletePair() {
	if cs.data == nil {
		return
	}
	p := cs.data.pair
	ui.Confirm(cs.host.Window(), "Delete the pair?", fmt.Sprintf("“%s” will no longer be listed. Its two images are not deleted, "+
		"and the pair with its marks is kept in the case's audit trail.", p.Title), "Delete the pair", func() {
		c := cs.s.Case
		ui.Background(cs.s.Ctx, func(ctx context.Context) error { return c.DeletePair(ctx, p.ID) }, func(err error) {
			if err != nil {
				ui.ShowError(cs.host.Window(), "Could not delete the pair", err)
				return
			}
			cs.pairDeleted(p.ID)
		})
	})
}

// pairDeleted shows another pair, or none, after pair id was deleted.
func (cs *compareScreen) pairDeleted(id int64) {
	if cs.data != nil && cs.data.pair.ID == id {
		cs.load.Stop()
		cs.align.pairChanged()
		cs.cv.StopAlignment()
		cs.marks.Clear()
		cs.data = nil
		cs.cv.SetImages(nil, nil)
		for _, l := range cs.layers() {
			l.Load(0, 0, nil)
		}
		cs.order.Reset()
		cs.showPair()
		cs.pairs.openFirst = true
	}
	cs.host.Changed(cs)
	cs.pairs.reload()
}
