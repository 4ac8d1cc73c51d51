package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// chooseFile asks for a file with one of exts (any case), in a dialog
// titled title whose button says confirm, starting in the folder of the
// last import (which it then remembers); then runs with the file's path.
// what names the file in an error ("the report").
func (mw *mainWindow) chooseFile(title, confirm, what string, exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			ui.ShowError(mw.win, "Could not choose "+what, err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		mw.settings.SetLastImportFolder(filepath.Dir(path))
		then(path)
	}, mw.win)
	d.SetTitleText(title)
	d.SetConfirmText(confirm)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	startIn(d, mw.settings.LastImportFolder())
	d.Resize(fyne.NewSize(ui.DialogWidth(mw.win, 860), 580))
	d.Show()
}

// chooseFolder asks for a folder, in a dialog titled title whose button
// says confirm ("" for the default), starting in start; then runs with
// the folder's path.
func (mw *mainWindow) chooseFolder(title, confirm, start string, then func(dir string)) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			ui.ShowError(mw.win, "Could not choose the folder", err)
			return
		}
		if u == nil {
			return // cancelled
		}
		then(u.Path())
	}, mw.win)
	d.SetTitleText(title)
	if confirm != "" {
		d.SetConfirmText(confirm)
	}
	startIn(d, start)
	d.Resize(fyne.NewSize(ui.DialogWidth(mw.win, 860), 580))
	d.Show()
}

// startIn sets a file dialog's first folder, when dir is one.
func startIn(d *dialog.FileDialog, dir string) {
	if dir == "" {
		return
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}
