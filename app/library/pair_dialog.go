package library

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

// MakePair asks for a new pair of the two images selected (Ctrl+P), then
// opens the Compare screen on it; with another number of images selected,
// it says what to do.
func (l *libraryScreen) MakePair() {
	s, win := l.s, l.host.Window()
	ids := l.selected()
	if len(ids) != 2 {
		ui.ShowError(win, "Select two images to make a pair", fmt.Errorf("%s selected in the library: select the "+
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
			ui.ShowError(win, "Could not read the images", err)
			return
		}
		l.pairDialog(a, b)
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

// pairForm is the dialog making a pair.
type pairForm struct {
	d             *dialog.ConfirmDialog
	title         *widget.Entry
	notes         *ui.TextArea
	before, after *catalog.Image
	swap          *widget.Button
}

// pairDialog asks for the title, notes and order of a new pair of a and b.
func (l *libraryScreen) pairDialog(a, b *catalog.Image) {
	win := l.host.Window()
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
	thumbs := ui.NewThumbLoader(l.s)
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
			ui.ShowError(win, "The pair was not made", err)
			return
		}
		l.addPair(f.before.ID, f.after.ID, catalog.PairOptions{Title: strings.TrimSpace(f.title.Text),
			Notes: strings.TrimSpace(f.notes.Text), KeepOrder: true})
	}, win)
	f.d.Resize(fyne.NewSize(ui.DialogWidth(win, 620), 0))
	f.d.Show()
}

// addPair stores a pair and opens the compare screen on it.
func (l *libraryScreen) addPair(before, after int64, opt catalog.PairOptions) {
	s, win := l.s, l.host.Window()
	c := s.Case
	var p *catalog.Pair
	ui.Background(s.Ctx, func(ctx context.Context) (err error) {
		p, err = c.AddPair(ctx, before, after, opt)
		return err
	}, func(err error) {
		if err != nil {
			ui.ShowError(win, "Could not make the pair", err)
			return
		}
		l.host.Changed(nil)
		l.host.Show(ui.ScreenCompare, ui.Target{PairID: p.ID})
	})
}
