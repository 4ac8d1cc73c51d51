package compare

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// pairInfo is the compare screen's Pair panel: the pair's title, images,
// date window, alignment and notes, and what can be done with it.
type pairInfo struct {
	cs      *compareScreen
	content fyne.CanvasObject
	box     *fyne.Container
	actions *fyne.Container
	edit    *widget.Button
	swap    *widget.Button
	sheet   *widget.Button
	png     *widget.Button
	del     *widget.Button
}

func newPairInfo(cs *compareScreen) *pairInfo {
	p := &pairInfo{cs: cs, box: container.NewVBox()}
	p.edit = widget.NewButtonWithIcon("Edit title, notes, window…", theme.DocumentCreateIcon(), func() { cs.editPair() })
	p.swap = widget.NewButtonWithIcon("Swap before and after", theme.ViewRefreshIcon(), func() { cs.swapPair() })
	p.sheet = widget.NewButtonWithIcon("Export sheet…", theme.DocumentSaveIcon(), cs.ExportSheet)
	p.png = widget.NewButtonWithIcon("Export image (PNG)…", theme.FileImageIcon(), cs.ExportImage)
	p.del = widget.NewButtonWithIcon("Delete the pair…", theme.DeleteIcon(), func() { cs.deletePair() })
	p.del.Importance = widget.DangerImportance
	for _, b := range []*widget.Button{p.edit, p.swap, p.sheet, p.png, p.del} {
		b.Alignment = widget.ButtonAlignLeading
	}
	p.actions = container.NewVBox(p.edit, p.swap, p.sheet, p.png, widget.NewSeparator(), p.del)
	p.content = container.NewVScroll(container.NewPadded(container.NewVBox(p.box, widget.NewSeparator(), p.actions)))
	return p
}

// show shows d's pair (nil: none).
func (p *pairInfo) show(d *compareData) {
	p.box.RemoveAll()
	if d == nil {
		p.box.Add(ui.Caption("No pair shown."))
		p.actions.Hide()
		return
	}
	p.actions.Show()
	pr := d.pair
	t := ui.Wrapped(pr.Title)
	t.TextStyle.Bold = true
	p.box.Add(t)
	p.box.Add(ui.Caption(fmt.Sprintf("Pair %d · made %s · changed %s", pr.ID, ui.TimeText(pr.CreatedAt), ui.TimeText(pr.UpdatedAt))))
	for i, im := range d.ims {
		name := []string{"Before", "After"}[i]
		p.box.Add(ui.Heading(name))
		p.box.Add(ui.Wrapped(fmt.Sprintf("%s (image %d)", im.Name(), im.ID)))
		p.box.Add(ui.Caption(ui.CaptureText(im)))
	}
	p.box.Add(ui.Heading("Date window"))
	p.box.Add(ui.Wrapped("Not before: " + ui.WindowShow(pr.NotBefore)))
	p.box.Add(ui.Wrapped("Not after: " + ui.WindowShow(pr.NotAfter)))
	p.box.Add(ui.Heading("Alignment"))
	p.box.Add(ui.Wrapped(ui.Capitalize(ui.AlignedText(pr)) + "."))
	p.box.Add(ui.Heading("Notes"))
	if pr.Notes == "" {
		p.box.Add(ui.Caption("No notes. Edit the pair to add them: they are printed on its sheet."))
	} else {
		p.box.Add(ui.Wrapped(pr.Notes))
	}
}

// pairImages returns the images of the pair shown.
func (cs *compareScreen) pairImages() (before, after *catalog.Image) {
	if cs.data == nil {
		return nil, nil
	}
	return cs.data.ims[0], cs.data.ims[1]
}
