package reports

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// linkToReviewed links the selected excerpt to the image the Review
// screen shows.
func (p *excerptPane) linkToReviewed() {
	ex := p.selectedExcerpt()
	im := p.r.host.ReviewImage()
	if ex == nil || im == nil {
		return
	}
	for _, id := range p.r.shown.linked[ex.ID] {
		if id == im.ID {
			return // linked already
		}
	}
	p.link(ex, []int64{im.ID})
}

// link links ex to images in the background, then reads the report again.
func (p *excerptPane) link(ex *catalog.Excerpt, images []int64) {
	r := p.r
	c := r.s.Case
	ui.Background(r.s.Ctx, func(ctx context.Context) error {
		for _, id := range images {
			if _, err := c.AddLink(ctx, id, ex.ID, "", nil); err != nil {
				return err
			}
		}
		return nil
	}, func(err error) {
		if err != nil {
			ui.ShowError(r.host.Window(), "Could not link the excerpt", err)
		}
		r.host.Changed(r)
		r.showReport(r.selected)
	})
}

// chooseImages asks which images of the case to link the selected
// excerpt to: a list filtered by name, a check for each.
func (p *excerptPane) chooseImages() {
	ex := p.selectedExcerpt()
	if ex == nil {
		return
	}
	r := p.r
	c := r.s.Case
	ui.Background(r.s.Ctx, func(ctx context.Context) error {
		ims, err := c.Images(ctx, catalog.Filter{})
		if err != nil {
			return err
		}
		fyne.Do(func() { p.chooseDialog(ex, ims) })
		return nil
	}, func(err error) {
		if err != nil {
			ui.ShowError(r.host.Window(), "Could not list the images", err)
		}
	})
}

// chooseDialog is the dialog of chooseImages on the case's images.
func (p *excerptPane) chooseDialog(ex *catalog.Excerpt, all []*catalog.Image) {
	linked := map[int64]bool{}
	for _, id := range p.r.shown.linked[ex.ID] {
		linked[id] = true
	}
	chosen := map[int64]bool{}
	shown := all
	count := widget.NewLabel("")
	list := widget.NewList(func() int { return len(shown) },
		func() fyne.CanvasObject { return widget.NewCheck("image name", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			im := shown[i]
			ch := o.(*widget.Check)
			ch.OnChanged = nil
			ch.Text = im.Name()
			ch.SetChecked(chosen[im.ID] || linked[im.ID])
			if linked[im.ID] {
				ch.Text += " (linked)"
				ch.Disable()
			} else {
				ch.Enable()
			}
			ch.Refresh()
			ch.OnChanged = func(on bool) {
				chosen[im.ID] = on
				count.SetText(fmt.Sprintf("%s chosen", ui.Plural(countTrue(chosen), "image", "images")))
			}
		})
	filter := widget.NewEntry()
	filter.SetPlaceHolder("Filter by name")
	filter.OnChanged = func(s string) {
		q := strings.ToLower(strings.TrimSpace(s))
		shown = nil
		for _, im := range all {
			if q == "" || strings.Contains(strings.ToLower(im.Name()), q) {
				shown = append(shown, im)
			}
		}
		list.Refresh()
	}
	body := container.NewBorder(container.NewVBox(ui.Wrapped("“"+firstLine(ex.Text)+"”"), filter), count, nil, nil, list)
	w := p.r.host.Window()
	d := dialog.NewCustomConfirm("Link the excerpt to images", "Link", "Cancel", body, func(ok bool) {
		var ids []int64
		for _, im := range all {
			if chosen[im.ID] && !linked[im.ID] {
				ids = append(ids, im.ID)
			}
		}
		if ok && len(ids) > 0 {
			p.link(ex, ids)
		}
	}, w)
	d.Resize(fyne.NewSize(ui.DialogWidth(w, 560), 520))
	d.Show()
}

func countTrue(m map[int64]bool) int {
	n := 0
	for _, v := range m {
		if v {
			n++
		}
	}
	return n
}
