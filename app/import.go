package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/exhibit-app/exhibit/catalog"
)

// errImportCancelled is an import cancelled before it read any file.
var errImportCancelled = errors.New("the import was cancelled before any file was read; nothing was imported")

// imageExtensions are offered by the "Import files" dialog.
var imageExtensions = []string{".jpg", ".jpeg", ".jpe", ".png", ".tif", ".tiff", ".webp", ".gif", ".heic", ".heif", ".avif"}

// importFilesDialog asks for a file to import.
func (mw *mainWindow) importFilesDialog() {
	if _, ok := mw.requireCase(); !ok {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(mw.win, "Could not choose the file", err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		mw.settings.SetLastImportFolder(filepath.Dir(path))
		mw.startImport([]string{path})
	}, mw.win)
	d.SetTitleText("Import a file (drop several files on the window to import them at once)")
	d.SetConfirmText("Import")
	d.SetFilter(storageFilter(imageExtensions))
	startIn(d, mw.settings.LastImportFolder())
	d.Resize(fyne.NewSize(dialogWidth(mw.win, 860), 580))
	d.Show()
}

// importFolderDialog asks for a folder to import, with its subfolders.
func (mw *mainWindow) importFolderDialog() {
	if _, ok := mw.requireCase(); !ok {
		return
	}
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			showError(mw.win, "Could not choose the folder", err)
			return
		}
		if u == nil {
			return
		}
		mw.settings.SetLastImportFolder(filepath.Dir(u.Path()))
		mw.startImport([]string{u.Path()})
	}, mw.win)
	d.SetTitleText("Import a folder and its subfolders")
	d.SetConfirmText("Import")
	startIn(d, mw.settings.LastImportFolder())
	d.Resize(fyne.NewSize(dialogWidth(mw.win, 860), 580))
	d.Show()
}

// dropped imports the files and folders dropped on the window.
func (mw *mainWindow) dropped(uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u != nil && u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) == 0 {
		return
	}
	if mw.sess == nil {
		showError(mw.win, "No case is open", fmt.Errorf("open or create a case first, then drop the files again"))
		return
	}
	mw.startImport(paths)
}

// startImport imports paths into the open case, showing the import dialog.
func (mw *mainWindow) startImport(paths []string) *importDialog {
	s, ok := mw.requireCase()
	if !ok {
		return nil
	}
	ctx, cancel := context.WithCancel(s.ctx)
	di := &importDialog{mw: mw, cancel: cancel, start: time.Now()}
	di.build(paths)
	mw.status.setBusy("Importing…")
	var res *catalog.ImportResult
	background(ctx, func(ctx context.Context) (err error) {
		res, err = s.c.Import(ctx, paths, catalog.ImportOptions{Progress: di.progress})
		if res != nil && res.Cancelled {
			return nil // cancelled by the user: the result says what was kept
		}
		if err != nil && ctx.Err() != nil {
			return errImportCancelled
		}
		return err
	}, func(err error) {
		cancel()
		mw.status.setBusy("")
		di.finish(res, err)
		mw.changed(nil)
	})
	return di
}

// storageFilter shows only files with these extensions (any case).
func storageFilter(exts []string) storage.FileFilter { return storage.NewExtensionFileFilter(exts) }
