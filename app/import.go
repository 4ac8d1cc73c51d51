package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
)

// errImportCancelled is an import cancelled before it read any file.
var errImportCancelled = errors.New("the import was cancelled before any file was read; nothing was imported")

// importFilesDialog asks for a file to import.
func (mw *mainWindow) importFilesDialog() {
	if _, ok := mw.requireCase(); !ok {
		return
	}
	mw.chooseFile("Import a file (drop several files on the window to import them at once)", "Import", "the file",
		catalog.ImageExtensions(), func(path string) { mw.startImport([]string{path}) })
}

// importFolderDialog asks for a folder to import, with its subfolders.
func (mw *mainWindow) importFolderDialog() {
	if _, ok := mw.requireCase(); !ok {
		return
	}
	mw.chooseFolder("Import a folder and its subfolders", "Import", mw.settings.LastImportFolder(), func(dir string) {
		mw.settings.SetLastImportFolder(filepath.Dir(dir))
		mw.startImport([]string{dir})
	})
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
		ui.ShowError(mw.win, "No case is open", fmt.Errorf("open or create a case first, then drop the files again"))
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
	ctx, cancel := context.WithCancel(s.Ctx)
	di := &importDialog{mw: mw, cancel: cancel, start: time.Now()}
	di.build(paths)
	mw.status.setBusy("Importing…")
	var res *catalog.ImportResult
	ui.Background(ctx, func(ctx context.Context) (err error) {
		res, err = s.Case.Import(ctx, paths, catalog.ImportOptions{Progress: di.progress,
			// The library shows the images (provisional thumbnails
			// where the camera embedded one) while the real ones are made.
			FirstLook: func() { fyne.Do(func() { mw.changed(nil) }) }})
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
