package app

import (
	"github.com/exhibit-app/exhibit/app/importer"
	"github.com/exhibit-app/exhibit/app/ui"

	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
)

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

// startImport imports paths into the open case, showing the import
// dialog. While an import runs (its dialog stepped aside), another is
// not started: the running one's dialog comes back, with a word.
func (mw *mainWindow) startImport(paths []string) *importer.Dialog {
	s, ok := mw.requireCase()
	if !ok {
		return nil
	}
	if di := mw.importing; di != nil && di.Running() {
		di.Show()
		ui.ShowError(mw.win, "An import is running", fmt.Errorf("wait until it ends (or cancel it), then import %s", ui.Plural(len(paths), "path", "paths")))
		return di
	}
	mw.importing = importer.Start(mw, s, paths)
	return mw.importing
}
