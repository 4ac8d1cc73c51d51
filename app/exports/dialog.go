// Package exports holds the export dialogs: where to write a file (and
// the paper, for sheets), the export's progress with Cancel, and its result
// with the file's SHA-256; and the specs of the exports the screens and the
// window offer (sheets, PNG renders, the catalog).
package exports

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// Spec describes one export the user asked for.
type Spec struct {
	Title string // of the dialog: "Export the sheet of pair 1"
	What  string // what will be written, in a sentence
	Ext   string // ".pdf"
	Name  string // the file name offered, without the extension
	// Sheets offers the paper and the orientation.
	Sheets bool
	// Sides, when set, offers which image of a pair to export ("Before",
	// "After").
	Sides []string
	// Run writes the file at path (atomically: through a temporary file
	// renamed at the end) from case c, as chosen in the dialog, and records
	// it; it reports its progress when it can (total 0: unknown). It returns
	// the export recorded and a summary. It runs in the background.
	Run func(ctx context.Context, c *catalog.Case, path string, ch Choice, progress func(done, total int)) (*catalog.Export, string, error)
}

// Choice is what the export dialog asked, read on the UI goroutine before
// the export runs.
type Choice struct {
	Paper     string // "A4" or "Letter"
	Landscape bool
	Side      string // "Before" or "After", when offered
	// QuoteImages prints, under each excerpt quoted from a PDF, the
	// region of its page it stands on, highlighted.
	QuoteImages bool
}

// exportState is where an export dialog is.
type exportState int

const (
	exportAsking exportState = iota
	exportRunning
	exportDone
	exportCancelled
	exportFailed
)

// Host is what the export dialogs ask of the window they are shown in.
type Host interface {
	Window() fyne.Window
	Clipboard() fyne.Clipboard
	// OpenURL opens a file written in the desktop's application for it.
	OpenURL(u *url.URL) error
	// ChooseFolder asks for a folder, starting in start, then calls then
	// with its path.
	ChooseFolder(title, confirm, start string, then func(dir string))
	// Exported says that an export was written and recorded in the case.
	Exported()
}

// Settings are the settings an export dialog remembers.
type Settings interface {
	LastExportFolder() string
	SetLastExportFolder(dir string)
	SheetPaper() (paper string, landscape bool)
	SetSheetPaper(paper string, landscape bool)
	SheetQuoteImages() bool
	SetSheetQuoteImages(on bool)
}

// Form is an export's dialog: where to write, the sheet options,
// then its progress and its result.
type Form struct {
	host     Host
	settings Settings
	sess     *ui.Session
	spec     Spec
	d        *dialog.ConfirmDialog
	folder   *widget.Entry
	name     *widget.Entry
	paper    *widget.RadioGroup
	orient   *widget.RadioGroup
	side     *widget.RadioGroup
	quotes   *widget.Check

	state    exportState
	path     string
	cancel   context.CancelFunc
	progress *dialog.CustomDialog
	bar      *widget.ProgressBar
	step     *widget.Label
	result   *dialog.CustomDialog
	export   *catalog.Export
	err      error
}

// SafeName makes s usable as a file name: no separators or characters
// some systems refuse, at most 80 characters.
func SafeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	if r := []rune(s); len(r) > 80 {
		s = strings.TrimSpace(string(r[:80]))
	}
	if s == "" || s == "." || s == ".." {
		s = "export"
	}
	return s
}

// exportFolder is the folder offered: the last used, else Documents,
// else the home folder.
func exportFolder(st Settings) string {
	if d := st.LastExportFolder(); d != "" {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if fi, err := os.Stat(filepath.Join(home, "Documents")); err == nil && fi.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}

// Open asks where to write spec's file from the case of s (and the paper,
// for sheets), then writes it with a progress dialog and shows the result.
func Open(h Host, st Settings, s *ui.Session, spec Spec) *Form {
	f := &Form{host: h, settings: st, sess: s, spec: spec}
	win := h.Window()
	f.folder = widget.NewEntry()
	f.folder.SetText(exportFolder(st))
	f.folder.Validator = func(s string) error {
		if fi, err := os.Stat(strings.TrimSpace(s)); err != nil || !fi.IsDir() {
			return fmt.Errorf("no such folder")
		}
		return nil
	}
	choose := widget.NewButtonWithIcon("Choose…", theme.FolderOpenIcon(), func() {
		h.ChooseFolder("Where to write the file", "", f.folder.Text, f.folder.SetText)
	})
	f.name = widget.NewEntry()
	f.name.SetText(SafeName(spec.Name) + spec.Ext)
	f.name.Validator = func(s string) error {
		s = strings.TrimSpace(s)
		if s == "" || strings.ContainsAny(s, `/\`) {
			return fmt.Errorf("a file name, without / or \\")
		}
		return nil
	}
	items := []*widget.FormItem{
		widget.NewFormItem("Folder", container.NewBorder(nil, nil, nil, choose, f.folder)),
		widget.NewFormItem("File name", f.name),
	}
	if spec.Sheets {
		paper, landscape := st.SheetPaper()
		f.paper = widget.NewRadioGroup([]string{"A4", "Letter"}, nil)
		f.paper.Horizontal = true
		f.paper.Required = true
		f.paper.SetSelected(paper)
		f.orient = widget.NewRadioGroup([]string{"Portrait", "Landscape"}, nil)
		f.orient.Horizontal = true
		f.orient.Required = true
		f.orient.SetSelected(map[bool]string{false: "Portrait", true: "Landscape"}[landscape])
		f.quotes = widget.NewCheck("Under each quote from a PDF, the part of its page it stands on, highlighted", nil)
		f.quotes.SetChecked(st.SheetQuoteImages())
		items = append(items, widget.NewFormItem("Paper", f.paper), widget.NewFormItem("Orientation", f.orient),
			widget.NewFormItem("Quotes", f.quotes))
	}
	if len(spec.Sides) > 0 {
		auto := func(side string) string { return SafeName(spec.Name+" - "+strings.ToLower(side)) + spec.Ext }
		f.side = widget.NewRadioGroup(spec.Sides, nil)
		f.side.OnChanged = func(side string) {
			for _, o := range spec.Sides {
				if f.name.Text == auto(o) {
					f.name.SetText(auto(side))
				}
			}
		}
		f.name.SetText(auto(spec.Sides[len(spec.Sides)-1]))
		f.side.Horizontal = true
		f.side.Required = true
		f.side.SetSelected(spec.Sides[len(spec.Sides)-1])
		items = append(items, widget.NewFormItem("Image", f.side))
	}
	note := ui.Caption(spec.What + " The file is written whole or not at all, and recorded in the case's audit trail with its SHA-256.")
	body := container.NewVBox(widget.NewForm(items...), note)
	f.d = dialog.NewCustomConfirm(spec.Title, "Export", "Cancel", body, func(ok bool) {
		if ok {
			f.start()
		}
	}, win)
	f.d.Resize(fyne.NewSize(ui.DialogWidth(win, 640), 0))
	f.d.Show()
	return f
}

// choice returns what the dialog asks for.
func (f *Form) choice() Choice {
	ch := Choice{Paper: "A4", Landscape: f.orient != nil && f.orient.Selected == "Landscape"}
	if f.paper != nil && f.paper.Selected != "" {
		ch.Paper = f.paper.Selected
	}
	if f.side != nil {
		ch.Side = f.side.Selected
	}
	ch.QuoteImages = f.quotes != nil && f.quotes.Checked
	return ch
}

// start checks the form, asks before replacing a file, and runs the
// export.
func (f *Form) start() {
	win := f.host.Window()
	folder := strings.TrimSpace(f.folder.Text)
	name := strings.TrimSpace(f.name.Text)
	if err := f.folder.Validator(folder); err != nil {
		ui.ShowError(win, "Nothing was exported", fmt.Errorf("the folder %q does not exist: choose another", folder))
		return
	}
	if err := f.name.Validator(name); err != nil {
		ui.ShowError(win, "Nothing was exported", fmt.Errorf("give a file name, without / or \\"))
		return
	}
	if !strings.EqualFold(filepath.Ext(name), f.spec.Ext) {
		name += f.spec.Ext
	}
	f.path = filepath.Join(folder, name)
	f.settings.SetLastExportFolder(folder)
	if f.spec.Sheets {
		ch := f.choice()
		f.settings.SetSheetPaper(ch.Paper, ch.Landscape)
		f.settings.SetSheetQuoteImages(ch.QuoteImages)
	}
	// Never over evidence, into the case, or onto what is not a regular
	// file: said now, before asking to replace anything. (Replacing an
	// ordinary file is asked just below, hence force.)
	if s := f.sess; s != nil {
		if err := s.Case.GuardOutput(s.Ctx, f.path, true); err != nil {
			f.state, f.err = exportFailed, err
			ui.ShowError(win, "Nothing was exported", err)
			return
		}
	}
	if _, err := os.Stat(f.path); err == nil {
		ui.Confirm(win, "Replace the file?", fmt.Sprintf("%s exists. It will be replaced once the export is complete "+
			"(until then it is left as it is).", f.path), "Replace", f.run)
		return
	}
	f.run()
}

// run writes the file in the background with a progress dialog and a
// Cancel button, then shows where it is and its SHA-256.
func (f *Form) run() {
	s := f.sess
	if s == nil {
		return
	}
	win := f.host.Window()
	ctx, cancel := context.WithCancel(s.Ctx)
	f.cancel, f.state = cancel, exportRunning
	f.step = widget.NewLabel("Starting…")
	f.bar = widget.NewProgressBar()
	stop := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		f.step.SetText("Cancelling…")
		cancel()
	})
	f.progress = dialog.NewCustomWithoutButtons(f.spec.Title, container.NewVBox(f.step, f.bar, ui.Caption(f.path)), win)
	f.progress.SetButtons([]fyne.CanvasObject{stop})
	f.progress.Resize(fyne.NewSize(ui.DialogWidth(win, 520), 0))
	f.progress.Show()
	progress := func(done, total int) {
		fyne.Do(func() {
			if total > 0 {
				f.bar.SetValue(float64(done) / float64(total))
				f.step.SetText(fmt.Sprintf("Gathered %d of %d…", done, total))
			}
		})
	}
	var e *catalog.Export
	var summary string
	c, path, ch := s.Case, f.path, f.choice()
	ui.Background(ctx, func(ctx context.Context) (err error) {
		e, summary, err = f.spec.Run(ctx, c, path, ch, progress)
		return err
	}, func(err error) {
		cancel()
		f.progress.Hide()
		switch {
		case err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled):
			f.state = exportCancelled
			dialog.ShowInformation("Export cancelled", fmt.Sprintf("Nothing was written to %s.", f.path), win)
		case err != nil:
			f.state, f.err = exportFailed, err
			ui.ShowError(win, "Could not export", err)
		default:
			f.state, f.export = exportDone, e
			f.showExported(summary)
			f.host.Exported()
		}
	})
}

// showExported says what was written, where, and its SHA-256, with Copy
// and (when the desktop can) Open.
func (f *Form) showExported(summary string) {
	e, win := f.export, f.host.Window()
	path := widget.NewLabel(e.Path)
	path.Wrapping = fyne.TextWrapBreak
	path.Selectable = true
	sum := widget.NewLabel(e.SHA256)
	sum.TextStyle.Monospace = true
	sum.Wrapping = fyne.TextWrapBreak
	sum.Selectable = true
	clip := f.host.Clipboard()
	copySum := ui.CopyButton("Copy", clip, func() string { return e.SHA256 })
	copyPath := ui.CopyButton("Copy", clip, func() string { return e.Path })
	grid := container.New(ui.NewColumnsLayout(80),
		widget.NewLabel("File"), ui.WithAction(path, copyPath),
		widget.NewLabel("Size"), widget.NewLabel(ui.FormatBytes(e.Size)),
		widget.NewLabel("SHA-256"), ui.WithAction(sum, copySum),
	)
	body := container.NewVBox(ui.Wrapped(summary), grid,
		ui.Caption(fmt.Sprintf("Recorded in the audit trail as export %d, %s.", e.ID, ui.TimeText(e.At))))
	var d *dialog.CustomDialog
	closeB := widget.NewButton("Close", func() { d.Hide() })
	buttons := []fyne.CanvasObject{closeB}
	if canOpenFiles() {
		open := widget.NewButtonWithIcon("Open", theme.FileIcon(), func() {
			if err := f.host.OpenURL(&url.URL{Scheme: "file", Path: e.Path}); err != nil {
				ui.ShowError(win, "Could not open the file", err)
			}
		})
		open.Importance = widget.HighImportance
		buttons = append(buttons, open)
	}
	d = dialog.NewCustomWithoutButtons("Export complete", body, win)
	d.SetButtons(buttons)
	d.Resize(fyne.NewSize(ui.DialogWidth(win, 640), 0))
	f.result = d
	d.Show()
}

// canOpenFiles reports whether the desktop can open a file in its
// application (Linux needs xdg-open).
func canOpenFiles() bool {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" {
		return true
	}
	_, err := exec.LookPath("xdg-open")
	return err == nil
}
