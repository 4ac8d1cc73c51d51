package review

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"errors"
	"fmt"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
	"github.com/exhibit-app/exhibit/internal/export"
)

// historyChanged enables Undo, Redo and Delete, and counts the marks.
func (r *reviewScreen) historyChanged() {
	l := r.image.Layer
	_, sel := l.Selected()
	r.tools.SetHistory(l.CanUndo(), l.CanRedo(), sel)
	r.marks.RefreshList()
	if len(r.side.Items) > 3 {
		r.side.Items[3].Text = fmt.Sprintf("Marks (%d)", len(l.Annotations()))
		r.side.Refresh()
	}
}

// markError shows a mark the catalog refused or that cannot be made.
func (r *reviewScreen) markError(err error) {
	if errors.Is(err, annot.ErrInvalid) || errors.Is(err, catalog.ErrNotFound) {
		r.image.Warn(ui.ErrorText(err))
		return
	}
	ui.ShowError(r.host.Window(), "The mark was not saved", err)
}

// Undo undoes the latest change of a mark on the image.
func (r *reviewScreen) Undo() {
	r.marks.Flush()
	if err := r.image.Layer.Undo(); err != nil {
		r.markError(err)
	}
	r.historyChanged()
}

// Redo redoes the latest change undone.
func (r *reviewScreen) Redo() {
	if err := r.image.Layer.Redo(); err != nil {
		r.markError(err)
	}
	r.historyChanged()
}

// DeleteMark deletes the selected mark.
func (r *reviewScreen) DeleteMark() {
	if _, ok := r.image.Layer.Selected(); !ok {
		return
	}
	r.marks.Flush()
	if err := r.image.Layer.Delete(); err != nil {
		r.markError(err)
	}
}

// Hidden stores what is being typed when another screen is shown.
func (r *reviewScreen) Hidden() { r.marks.Flush() }

// ExportSheet exports the image's sheet.
func (r *reviewScreen) ExportSheet() {
	if r.im == nil {
		ui.ShowError(r.host.Window(), "No image to export", fmt.Errorf("open an image first"))
		return
	}
	r.marks.Flush()
	im := r.im
	r.host.ExportSheets(export.Target{Images: []int64{im.ID}}, "Export the sheet of the image",
		fmt.Sprintf("The sheet of %s: the image with its marks and their legend, its caption with SHA-256, and the "+
			"excerpts linked to it.", im.Name()), fmt.Sprintf("Image %d - %s", im.ID, ui.TrimExt(im.Name())))
}

// ExportImage exports the image at full resolution with its marks.
func (r *reviewScreen) ExportImage() {
	if r.im == nil {
		ui.ShowError(r.host.Window(), "No image to export", fmt.Errorf("open an image first"))
		return
	}
	r.marks.Flush()
	im := r.im
	r.host.ExportPNG("Export the image (PNG)", func(string) (*catalog.Image, int64) { return im, 0 },
		fmt.Sprintf("Image %d - %s - marked", im.ID, ui.TrimExt(im.Name())), nil)
}
