package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"image"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// makePair asks for a new pair of the two images selected in the library
// (Ctrl+P), then opens the compare screen on it.
func (mw *mainWindow) makePair() {
	s, ok := mw.requireCase()
	if !ok {
		return
	}
	var ids []int64
	if l, ok := mw.screen(ui.ScreenLibrary).(*libraryScreen); ok {
		ids = l.grid.Selected()
	}
	if len(ids) != 2 {
		if mw.currentScreen() != mw.screen(ui.ScreenLibrary) {
			mw.show(ui.ScreenLibrary, ui.Target{})
		}
		ui.ShowError(mw.win, "Select two images to make a pair", fmt.Errorf("%s selected in the library: select the "+
			"before and the after image of the same place (click one, Ctrl+click the other), then Make a pair again",
			ui.Plural(len(ids), "image is", "images are")))
		return
	}
	c := s.Case
	var a, b *catalog.Image
	ui.Background(s.Ctx, func(ctx context.Context) (err error) {
		if a, err = c.Image(ctx, ids[0]); err != nil {
			return err
		}
		b, err = c.Image(ctx, ids[1])
		return err
	}, func(err error) {
		if err != nil {
			ui.ShowError(mw.win, "Could not read the images", err)
			return
		}
		mw.pairDialog(a, b)
	})
}

// byCaptureTime orders two images as a pair: the earlier capture first
// (as given when a time is missing).
func byCaptureTime(a, b *catalog.Image) (before, after *catalog.Image) {
	if a.TakenAt != nil && b.TakenAt != nil && b.TakenAt.Before(*a.TakenAt) {
		return b, a
	}
	return a, b
}

// pairTitle is the title a new pair is offered.
func pairTitle(before, after *catalog.Image) string { return before.Name() + " / " + after.Name() }

// pairForm is the dialog making a pair (kept for tests).
type pairForm struct {
	d             *dialog.ConfirmDialog
	title         *widget.Entry
	notes         *ui.TextArea
	before, after *catalog.Image
	swap          *widget.Button
}

// pairDialog asks for the title, notes and order of a new pair of a and b.
func (mw *mainWindow) pairDialog(a, b *catalog.Image) {
	f := &pairForm{}
	f.before, f.after = byCaptureTime(a, b)
	f.title = widget.NewEntry()
	f.title.SetText(pairTitle(f.before, f.after))
	f.title.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("give the pair a title")
		}
		return nil
	}
	f.notes = ui.NewTextArea()
	f.notes.SetPlaceHolder("Optional: what the pair shows, where it was taken from")
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetMinRowsVisible(3)
	sides := container.NewGridWithColumns(2)
	order := ui.Caption("")
	thumbs := ui.NewThumbLoader(mw.sess)
	showSides := func() {
		sides.RemoveAll()
		for i, im := range []*catalog.Image{f.before, f.after} {
			img := canvas.NewImageFromImage(nil)
			img.FillMode = canvas.ImageFillContain
			img.SetMinSize(fyne.NewSize(220, 165))
			thumbs.Get(im, func(t image.Image, err error) {
				if err == nil {
					img.Image = t
					img.Refresh()
				}
			})
			sides.Add(container.NewVBox(ui.Heading([]string{"Before", "After"}[i]), img,
				ui.Wrapped(im.Name()), ui.Caption(ui.CaptureText(im))))
		}
		switch {
		case f.before.TakenAt == nil || f.after.TakenAt == nil:
			order.SetText("A capture time is missing: check which image is before.")
		case f.after.TakenAt.Before(*f.before.TakenAt):
			order.SetText("Swapped: the before image was taken after the after image; the date window starts unset.")
		default:
			order.SetText("Ordered by capture time: the earlier is the before image.")
		}
	}
	showSides()
	f.swap = widget.NewButtonWithIcon("Swap before and after", theme.ViewRefreshIcon(), func() {
		auto := f.title.Text == pairTitle(f.before, f.after)
		f.before, f.after = f.after, f.before
		if auto {
			f.title.SetText(pairTitle(f.before, f.after))
		}
		showSides()
	})
	body := container.NewVBox(sides, container.NewBorder(nil, nil, nil, f.swap, order),
		widget.NewForm(widget.NewFormItem("Title", f.title), widget.NewFormItem("Notes", f.notes)))
	f.d = dialog.NewCustomConfirm("Make a before/after pair", "Make the pair", "Cancel", body, func(ok bool) {
		thumbs.Stop()
		if !ok {
			return
		}
		if err := f.title.Validate(); err != nil {
			ui.ShowError(mw.win, "The pair was not made", err)
			return
		}
		mw.addPair(f.before.ID, f.after.ID, catalog.PairOptions{Title: strings.TrimSpace(f.title.Text),
			Notes: strings.TrimSpace(f.notes.Text), KeepOrder: true})
	}, mw.win)
	f.d.Resize(fyne.NewSize(ui.DialogWidth(mw.win, 620), 0))
	mw.lastPairForm = f
	f.d.Show()
}

// addPair stores a pair and opens the compare screen on it.
func (mw *mainWindow) addPair(before, after int64, opt catalog.PairOptions) {
	s := mw.sess
	if s == nil {
		return
	}
	c := s.Case
	var p *catalog.Pair
	ui.Background(s.Ctx, func(ctx context.Context) (err error) {
		p, err = c.AddPair(ctx, before, after, opt)
		return err
	}, func(err error) {
		if err != nil {
			ui.ShowError(mw.win, "Could not make the pair", err)
			return
		}
		mw.changed(nil)
		mw.show(ui.ScreenCompare, ui.Target{PairID: p.ID})
	})
}

// pairEditForm is the dialog editing a pair (kept for tests).
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
	}, cs.mw.win)
	f.d.Resize(fyne.NewSize(ui.DialogWidth(cs.mw.win, 660), 0))
	cs.lastEdit = f
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
		ui.ShowError(cs.mw.win, "The pair was not changed", err)
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
			ui.ShowError(cs.mw.win, failTitle, err)
			return
		}
		cs.mw.changed(cs)
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
	ui.Confirm(cs.mw.win, "Swap before and after?", "The alignment maps the after image onto the before image: swapping "+
		"resets it (the audit trail keeps it). Marks stay on their images.", "Swap", do)
}

// deletePair deletes the pair shown after confirmation.
func (cs *compareScreen) deletePair() {
	if cs.data == nil {
		return
	}
	p := cs.data.pair
	ui.Confirm(cs.mw.win, "Delete the pair?", fmt.Sprintf("“%s” will no longer be listed. Its two images are not deleted, "+
		"and the pair with its marks is kept in the case's audit trail.", p.Title), "Delete the pair", func() {
		c := cs.s.Case
		ui.Background(cs.s.Ctx, func(ctx context.Context) error { return c.DeletePair(ctx, p.ID) }, func(err error) {
			if err != nil {
				ui.ShowError(cs.mw.win, "Could not delete the pair", err)
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
	cs.mw.changed(cs)
	cs.pairs.reload()
}
