package compare

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

// alignPanel is the compare screen's Align panel: point picking on the two
// images (at least 3 pairs of points), the residual of each point, and
// Save, Cancel and Reset. The alignment being fitted is shown in every
// mode at once; it is stored only by Save.
type alignPanel struct {
	cs        *compareScreen
	content   fyne.CanvasObject
	status    *widget.Label
	residuals *fyne.Container
	startB    *widget.Button
	saveB     *widget.Button
	cancelB   *widget.Button
	resetB    *widget.Button

	pending *catalog.Alignment // fitted, not saved
	changed bool               // pending differs from what is stored
}

func newAlignPanel(cs *compareScreen) *alignPanel {
	a := &alignPanel{cs: cs}
	a.status = ui.Wrapped("")
	a.residuals = container.NewVBox()
	a.startB = widget.NewButtonWithIcon("Place points", theme.ViewRestoreIcon(), a.start)
	a.saveB = widget.NewButtonWithIcon("Save the alignment", theme.DocumentSaveIcon(), a.save)
	a.saveB.Importance = widget.HighImportance
	a.cancelB = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), a.cancel)
	a.resetB = widget.NewButtonWithIcon("Reset…", theme.ContentClearIcon(), a.reset)
	a.resetB.Importance = widget.DangerImportance
	help := ui.Caption("Click a point on one image, then the same point on the other: a corner, a kerb, the foot of " +
		"a pole, spread over the scene. From 3 pairs on the after image is fitted onto the before image (affine) " +
		"and shown aligned in every mode. Each point shows its residual, in pixels of the before image: a point " +
		"far off the others is probably misplaced; drag it, or select it and press Delete. Escape drops a point " +
		"still waiting for its pair.")
	a.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		ui.Heading("Alignment"), a.status, a.residuals,
		container.NewVBox(a.startB, a.saveB, a.cancelB, a.resetB),
		widget.NewSeparator(), help)))
	return a
}

// stored returns the alignment stored for the pair shown.
func (a *alignPanel) stored() *catalog.Alignment {
	if a.cs.data == nil {
		return nil
	}
	return a.cs.data.pair.Alignment
}

// dirty reports whether an alignment is shown that is not saved.
func (a *alignPanel) dirty() bool { return a.changed }

// start begins point picking, from the alignment shown.
func (a *alignPanel) start() {
	cs := a.cs
	if cs.data == nil {
		return
	}
	from := a.stored()
	if a.changed {
		from = a.pending
	} else {
		a.pending = from // its residuals are shown until a point moves
	}
	cs.marks.Flush()
	cs.cv.StartAlignment(from)
	cs.side.SelectIndex(2)
	cs.enableTools()
	a.show()
}

// fitted follows the alignment fitted from the points (nil: none).
func (a *alignPanel) fitted(al *catalog.Alignment) {
	a.pending = al
	a.changed = !sameAlignment(al, a.stored())
	a.show()
}

// sameAlignment reports whether two alignments are the same fit.
func sameAlignment(x, y *catalog.Alignment) bool {
	if x == nil || y == nil {
		return x == y
	}
	return x.Kind == y.Kind && slices.Equal(x.M, y.M) && slices.Equal(x.Before, y.Before) && slices.Equal(x.After, y.After)
}

// save stores the alignment fitted, and ends point picking.
func (a *alignPanel) save() { a.saveThen(nil) }

func (a *alignPanel) saveThen(then func()) {
	cs := a.cs
	if cs.data == nil {
		return
	}
	al := a.pending
	if al == nil {
		cs.showNotice("Place at least 3 pairs of points (not on one line) before saving.")
		return
	}
	id := cs.data.pair.ID
	c := cs.s.Case
	ui.Background(cs.s.Ctx, func(ctx context.Context) error { return c.SetAlignment(ctx, id, al) }, func(err error) {
		if err != nil {
			ui.ShowError(cs.host.Window(), "Could not save the alignment", err)
			return
		}
		if cs.data != nil && cs.data.pair.ID == id {
			cs.data.pair.Alignment = al
		}
		a.changed = false
		cs.cv.StopAlignment()
		cs.enableTools()
		a.saved()
		if then != nil {
			then()
		} else if cs.data != nil && cs.want == 0 {
			cs.fetch(id)
		}
	})
}

// cancel ends point picking and shows the stored alignment again.
func (a *alignPanel) cancel() {
	cs := a.cs
	cs.cv.StopAlignment()
	a.discard()
	cs.enableTools()
}

// discard shows the stored alignment again.
func (a *alignPanel) discard() {
	cs := a.cs
	a.pending, a.changed = nil, false
	var t *annot.Transform
	if cs.data != nil {
		t = cs.data.tr
	}
	if err := cs.cv.SetTransform(t); err != nil {
		cs.showNotice(ui.ErrorText(err))
	}
	a.show()
}

// reset removes the stored alignment, after confirmation.
func (a *alignPanel) reset() {
	cs := a.cs
	if cs.data == nil {
		return
	}
	p := cs.data.pair
	if p.Alignment == nil && !a.changed {
		cs.cv.ResetAlignment()
		return
	}
	ui.Confirm(cs.host.Window(), "Reset the alignment?", fmt.Sprintf("“%s” will be shown unaligned and its points forgotten. "+
		"The audit trail keeps the alignment removed.", p.Title), "Reset", func() {
		id, c := p.ID, cs.s.Case
		ui.Background(cs.s.Ctx, func(ctx context.Context) error { return c.SetAlignment(ctx, id, nil) }, func(err error) {
			if err != nil {
				ui.ShowError(cs.host.Window(), "Could not reset the alignment", err)
				return
			}
			if cs.data != nil && cs.data.pair.ID == id {
				cs.data.pair.Alignment, cs.data.tr = nil, nil
			}
			cs.cv.ResetAlignment() // calls fitted(nil)
			a.pending, a.changed = nil, false
			a.saved()
		})
	})
}

// saved shows that the pair's alignment was saved or reset: in the
// panel, the pairs list, the header and the pair's details, and to the
// other screens.
func (a *alignPanel) saved() {
	cs := a.cs
	a.show()
	cs.host.Changed(cs)
	cs.pairs.reload()
	if cs.data != nil {
		cs.showHeader()
		cs.info.show(cs.data)
	}
}

// settle runs then once the alignment shown is saved or discarded (asking
// which when it is not saved).
func (a *alignPanel) settle(then func()) {
	cs := a.cs
	if !a.changed || cs.data == nil {
		then()
		return
	}
	var d *dialog.CustomDialog
	msg := ui.Wrapped(fmt.Sprintf("The alignment of “%s” is not saved.", cs.data.pair.Title))
	save := widget.NewButton("Save it", func() { d.Hide(); a.saveThen(then) })
	save.Importance = widget.HighImportance
	discard := widget.NewButton("Discard it", func() { d.Hide(); cs.cv.StopAlignment(); a.discard(); then() })
	back := widget.NewButton("Cancel", func() {
		d.Hide()
		if cs.data != nil {
			cs.pairs.showSelected(cs.data.pair.ID)
		}
	})
	d = dialog.NewCustomWithoutButtons("Unsaved alignment", msg, cs.host.Window())
	d.SetButtons([]fyne.CanvasObject{back, discard, save})
	d.Resize(fyne.NewSize(ui.DialogWidth(cs.host.Window(), 480), 0))
	d.Show()
}

// pairChanged forgets what was being aligned (another pair is shown).
func (a *alignPanel) pairChanged() {
	a.pending, a.changed = nil, false
	a.show()
}

// show shows the state of the alignment and enables the buttons.
func (a *alignPanel) show() {
	cs := a.cs
	aligning := cs.cv.Aligning()
	al := a.stored()
	if a.changed || aligning {
		al = a.pending
	}
	switch {
	case cs.data == nil:
		a.status.SetText("No pair shown.")
	case aligning:
		a.status.SetText(ui.Capitalize(cs.cv.AlignmentStatus()) + ".")
	case a.changed:
		a.status.SetText("The alignment shown is not saved: Save it, or Cancel to go back to the stored one.")
	case al == nil:
		a.status.SetText("This pair is not aligned: its images are compared as they are. Place points to align it.")
	default:
		a.status.SetText(fmt.Sprintf("Stored: %s.", ui.AlignedText(cs.data.pair)))
	}
	a.residuals.RemoveAll()
	if al != nil && len(al.Residuals) > 0 {
		rms := annot.RMS(al.Residuals)
		grid := container.New(ui.NewColumnsLayout(90))
		for i, r := range al.Residuals {
			k := widget.NewLabel(fmt.Sprintf("Point %d", i+1))
			v := widget.NewLabel(fmt.Sprintf("%.1f px", r))
			if r > 3*rms && r > 2 {
				v.Importance = widget.WarningImportance
				v.SetText(fmt.Sprintf("%.1f px: check this point", r))
			}
			grid.Add(k)
			grid.Add(v)
		}
		a.residuals.Add(grid)
		a.residuals.Add(ui.Caption(fmt.Sprintf("RMS %.1f px over %d points, in pixels of the before image.", rms, len(al.Residuals))))
	}
	enable := func(b *widget.Button, on bool) {
		if on && cs.data != nil {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	enable(a.startB, !aligning)
	enable(a.saveB, a.changed && a.pending != nil)
	enable(a.cancelB, aligning || a.changed)
	enable(a.resetB, a.stored() != nil || a.changed || aligning)
	if aligning {
		cs.modes.alignB.Disable()
	} else if cs.data != nil {
		cs.modes.alignB.Enable()
	}
}
