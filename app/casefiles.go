package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/demo"
)

// caseParent is where to start looking for cases: beside the open case,
// else the user's data folder.
func (mw *mainWindow) caseParent() string {
	if mw.sess != nil {
		return filepath.Dir(mw.sess.Case.Dir())
	}
	if def, err := catalog.DefaultDir(); err == nil {
		return filepath.Dir(def)
	}
	return ""
}

// openCaseDialog asks for a case folder and opens it.
func (mw *mainWindow) openCaseDialog() {
	mw.chooseFolder("Open a case folder", "", mw.caseParent(), func(dir string) {
		if !catalog.IsCase(dir) {
			ui.ShowError(mw.win, "This folder is not a case", fmt.Errorf("%s has no catalog (%s): choose a case folder, "+
				"whose name usually ends in .exhibit, or make a new case with File ▸ New case", dir, catalog.DBName))
			return
		}
		mw.openCase(dir, "", ui.Target{})
	})
}

// newCaseDialog asks for a name and a place, makes the case, opens it and
// offers to import a folder into it.
func (mw *mainWindow) newCaseDialog() {
	name := widget.NewEntry()
	name.SetPlaceHolder("for example Raqqa 2017")
	name.Validator = func(s string) error {
		s = strings.TrimSpace(s)
		if s == "" {
			return fmt.Errorf("give the case a name")
		}
		if strings.ContainsAny(s, `/\:`) {
			return fmt.Errorf("a name cannot hold a slash, a backslash or a colon")
		}
		return nil
	}
	where := widget.NewLabel(mw.caseParent())
	where.Wrapping = fyne.TextWrapBreak
	choose := widget.NewButton("Choose…", func() {
		mw.chooseFolder("Where to keep the case", "", where.Text, where.SetText)
	})
	items := []*widget.FormItem{
		widget.NewFormItem("Name", name),
		widget.NewFormItem("In folder", container.NewBorder(nil, nil, nil, choose, where)),
	}
	d := dialog.NewForm("New case", "Create", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		dir := filepath.Join(where.Text, strings.TrimSpace(name.Text)+".exhibit")
		if catalog.IsCase(dir) {
			ui.ShowError(mw.win, "A case already exists there", fmt.Errorf("%s is already a case: open it with File ▸ Open a case", dir))
			return
		}
		mw.createCase(dir)
	}, mw.win)
	d.Resize(fyne.NewSize(ui.DialogWidth(mw.win, 600), 0))
	d.Show()
}

// createCase makes a case in dir, opens it and offers to import a folder.
func (mw *mainWindow) createCase(dir string) {
	var c *catalog.Case
	ui.Background(context.Background(), func(ctx context.Context) (err error) {
		c, err = catalog.Open(ctx, dir)
		return err
	}, func(err error) {
		if err != nil {
			ui.ShowError(mw.win, "Could not create the case", err)
			return
		}
		mw.setCase(c, ui.ScreenLibrary, ui.Target{})
		mw.importFolderDialog()
	})
}

// openSample opens the sample case, making it first when needed.
func (mw *mainWindow) openSample() { mw.openSampleThen(ui.ScreenLibrary, ui.Target{}) }

// openSampleThen opens the sample case on screen and target, making it
// first (in the background, with a progress dialog) when it does not exist.
func (mw *mainWindow) openSampleThen(screen string, target ui.Target) {
	dir, err := sampleDir()
	if err != nil {
		ui.ShowError(mw.win, "Could not open the sample case", err)
		return
	}
	// Whether it exists is read in the background (it opens the database).
	var exists bool
	ui.Background(context.Background(), func(context.Context) error {
		exists = catalog.IsCase(dir) && caseHasImages(dir)
		return nil
	}, func(error) {
		if exists {
			mw.openCase(dir, screen, target)
			return
		}
		mw.buildSample(dir, screen, target)
	})
}

// buildSample makes the sample case in dir, with a progress dialog, then
// opens it on screen and target.
func (mw *mainWindow) buildSample(dir, screen string, target ui.Target) {
	_, statErr := os.Stat(dir)
	fresh := os.IsNotExist(statErr) // only a folder made here may be removed on failure
	step := widget.NewLabel("Starting")
	bar := widget.NewProgressBarInfinite()
	ctx, cancel := context.WithCancel(context.Background())
	note := widget.NewLabel("The pictures are drawn on this computer: about 15 seconds, once.")
	note.Importance = widget.LowImportance
	note.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons("Making the sample case", container.NewVBox(step, bar, note), mw.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", cancel)})
	d.Resize(fyne.NewSize(ui.DialogWidth(mw.win, 480), 0))
	d.Show()
	var c *catalog.Case
	ui.Background(ctx, func(ctx context.Context) (err error) {
		c, err = demo.BuildCase(ctx, dir, func(what string) { fyne.Do(func() { step.SetText(what + "…") }) })
		return err
	}, func(err error) {
		cancel()
		bar.Stop()
		d.Hide()
		if err != nil && fresh {
			// A half-made sample is of no use, and holds nothing but what
			// BuildCase generated: remove it, so that the next try starts
			// afresh.
			if rmErr := os.RemoveAll(dir); rmErr != nil {
				fyne.LogError("remove the unfinished sample case", rmErr)
			}
		}
		switch {
		case err != nil && ctx.Err() != nil:
		case err != nil:
			ui.ShowError(mw.win, "Could not make the sample case", err)
		default:
			mw.setCase(c, screen, target)
		}
	})
}
