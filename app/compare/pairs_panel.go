package compare

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"image"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// pairRow is a pair as the list shows it.
type pairRow struct {
	p             *catalog.Pair
	before, after *catalog.Image
}

// pairsPanel lists the case's pairs beside the compare view: a click
// shows the pair, the boxes choose the pairs whose sheets to export.
type pairsPanel struct {
	cs      *compareScreen
	content fyne.CanvasObject
	list    *widget.List
	head    *widget.Label
	all     *widget.Check
	exportB *widget.Button
	empty   *widget.Label

	rows      []pairRow
	checked   map[int64]bool
	thumbs    *ui.ThumbLoader
	loading   ui.Latest
	loaded    bool
	openFirst bool // open a pair once the list is read (none shown yet)
	quiet     bool // selecting from code
	shown     map[*fyne.Container]int64
}

const pairThumbW, pairThumbH = 96, 72

func newPairsPanel(cs *compareScreen) *pairsPanel {
	p := &pairsPanel{cs: cs, checked: map[int64]bool{}, thumbs: ui.NewThumbLoader(cs.s), shown: map[*fyne.Container]int64{}}
	p.list = widget.NewList(func() int { return len(p.rows) }, p.newRow, p.updateRow)
	p.list.OnSelected = func(i widget.ListItemID) {
		if p.quiet || i >= len(p.rows) {
			return
		}
		cs.openPair(p.rows[i].p.ID)
	}
	p.head = ui.Heading("Pairs")
	p.all = widget.NewCheck("All", func(on bool) {
		if p.quiet {
			return
		}
		for _, r := range p.rows {
			p.checked[r.p.ID] = on
		}
		p.list.Refresh()
		p.showChecked()
	})
	p.exportB = widget.NewButtonWithIcon("Export sheets…", theme.DocumentSaveIcon(), cs.ExportSheets)
	p.empty = ui.Wrapped("No pair yet. In the library, select two images (Ctrl+click) and choose Make a pair (Ctrl+P).")
	p.empty.Hide()
	top := container.NewVBox(container.NewBorder(nil, nil, nil, p.all, p.head), p.exportB)
	p.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewStack(p.list, container.NewPadded(p.empty)))
	p.showChecked()
	return p
}

// newRow makes a row of the list: a box, the title, both thumbnails and
// the date window.
func (p *pairsPanel) newRow() fyne.CanvasObject {
	check := widget.NewCheck("", nil)
	title := widget.NewLabel("Pair title")
	title.TextStyle.Bold = true
	title.Truncation = fyne.TextTruncateEllipsis
	img := func() *canvas.Image {
		i := canvas.NewImageFromImage(nil)
		i.FillMode = canvas.ImageFillContain
		i.SetMinSize(fyne.NewSize(pairThumbW, pairThumbH))
		return i
	}
	line := widget.NewLabel("")
	line.SizeName = theme.SizeNameCaptionText
	line.Truncation = fyne.TextTruncateEllipsis
	thumbs := container.NewHBox(img(), img())
	return container.NewBorder(nil, nil, container.NewVBox(check), nil, container.NewVBox(title, thumbs, line))
}

// updateRow shows pair i in row o.
func (p *pairsPanel) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(p.rows) {
		return
	}
	r := p.rows[i]
	row := o.(*fyne.Container)
	check := row.Objects[1].(*fyne.Container).Objects[0].(*widget.Check)
	body := row.Objects[0].(*fyne.Container)
	title := body.Objects[0].(*widget.Label)
	thumbs := body.Objects[1].(*fyne.Container)
	line := body.Objects[2].(*widget.Label)
	title.SetText(r.p.Title)
	line.SetText(ui.WindowText(r.p.NotBefore, r.p.NotAfter) + " · " + ui.AlignedText(r.p))
	id := r.p.ID
	check.OnChanged = nil
	check.SetChecked(p.checked[id])
	check.OnChanged = func(on bool) {
		p.checked[id] = on
		p.showChecked()
	}
	p.shown[row] = id
	for k, im := range []*catalog.Image{r.before, r.after} {
		ci := thumbs.Objects[k].(*canvas.Image)
		ci.Image = nil
		ci.Refresh()
		if im == nil {
			continue
		}
		p.thumbs.Get(im, func(img image.Image, err error) {
			if p.shown[row] != id || err != nil {
				return
			}
			ci.Image = img
			ci.Refresh()
		})
	}
}

// loadOnce reads the list the first time the screen is shown.
func (p *pairsPanel) loadOnce() {
	if !p.loaded && p.loading.CancelFunc == nil {
		p.reload()
	}
}

// reload reads the pairs again.
func (p *pairsPanel) reload() {
	c := p.cs.s.Case
	ui.Load(&p.loading, p.cs.s.Ctx, func(ctx context.Context) ([]pairRow, error) {
		return fetchPairRows(ctx, c)
	}, p.update, func(err error) { ui.ShowError(p.cs.host.Window(), "Could not list the pairs", err) })
}

// fetchPairRows reads the pairs and their images.
func fetchPairRows(ctx context.Context, c *catalog.Case) ([]pairRow, error) {
	ps, err := c.Pairs(ctx)
	if err != nil {
		return nil, err
	}
	ims := map[int64]*catalog.Image{}
	get := func(id int64) *catalog.Image {
		if im, ok := ims[id]; ok {
			return im
		}
		im, err := c.Image(ctx, id)
		if err != nil {
			im = nil // shown without its thumbnail
		}
		ims[id] = im
		return im
	}
	out := make([]pairRow, len(ps))
	for i, pr := range ps {
		out[i] = pairRow{p: pr, before: get(pr.BeforeID), after: get(pr.AfterID)}
	}
	return out, ctx.Err()
}

// update shows the pairs read.
func (p *pairsPanel) update(rows []pairRow) {
	p.loaded = true
	p.rows = rows
	for id := range p.checked {
		if !slices.ContainsFunc(rows, func(r pairRow) bool { return r.p.ID == id }) {
			delete(p.checked, id)
		}
	}
	p.head.SetText(fmt.Sprintf("Pairs (%d)", len(rows)))
	if len(rows) == 0 {
		p.empty.Show()
	} else {
		p.empty.Hide()
	}
	p.list.Refresh()
	p.showChecked()
	cs := p.cs
	if cs.data != nil {
		p.showSelected(cs.data.pair.ID)
	}
	if p.openFirst && cs.data == nil && cs.want == 0 && len(rows) > 0 {
		p.openFirst = false
		id := rows[0].p.ID
		if last := cs.settings.LastPair(); slices.ContainsFunc(rows, func(r pairRow) bool { return r.p.ID == last }) {
			id = last
		}
		cs.openPair(id)
	}
}

// showSelected selects the row of the pair shown.
func (p *pairsPanel) showSelected(id int64) {
	for i, r := range p.rows {
		if r.p.ID == id {
			p.quiet = true
			p.list.Select(i)
			p.quiet = false
			return
		}
	}
	p.list.UnselectAll()
}

// checkedIDs returns the pairs ticked, in the list's order.
func (p *pairsPanel) checkedIDs() []int64 {
	var out []int64
	for _, r := range p.rows {
		if p.checked[r.p.ID] {
			out = append(out, r.p.ID)
		}
	}
	return out
}

// showChecked says how many pairs are ticked.
func (p *pairsPanel) showChecked() {
	n := len(p.checkedIDs())
	p.quiet = true
	p.all.SetChecked(n > 0 && n == len(p.rows))
	p.quiet = false
	if n == 0 {
		p.exportB.SetText("Export sheets…")
		p.exportB.Disable()
		return
	}
	p.exportB.SetText(fmt.Sprintf("Export %s…", ui.Plural(n, "sheet", "sheets")))
	p.exportB.Enable()
}

// close stops the loads.
func (p *pairsPanel) close() {
	p.loading.Stop()
	p.thumbs.Stop()
}
