package importer

import (
	"errors"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// Host is what an import asks of the window it runs in.
type Host interface {
	Window() fyne.Window
	Clipboard() fyne.Clipboard
	// SetBusy says what runs in the background ("": nothing).
	SetBusy(what string)
	// Changed says that the case changed (nil: not by a screen).
	Changed(from ui.Screen)
}

// errImportCancelled is an import cancelled before it read any file.
var errImportCancelled = errors.New("the import was cancelled before any file was read; nothing was imported")

// Start imports paths into the case of s, showing the import dialog.
func Start(host Host, s *ui.Session, paths []string) *Dialog {
	ctx, cancel := context.WithCancel(s.Ctx)
	di := &Dialog{host: host, cancel: cancel, start: time.Now()}
	di.build(paths)
	host.SetBusy("Importing…")
	var res *catalog.ImportResult
	ui.Background(ctx, func(ctx context.Context) (err error) {
		res, err = s.Case.Import(ctx, paths, catalog.ImportOptions{Progress: di.progress,
			// The library shows the files arriving, from the previews
			// their cameras embedded, while they are read and hashed;
			// then the images (provisional thumbnails where the camera
			// embedded one) while the real ones are made.
			Glimpses: func(gs []catalog.Glimpse) {
				s.SetArriving(gs)
				fyne.Do(func() { host.Changed(nil) })
			},
			FirstLook: func() {
				s.SetArriving(nil)
				fyne.Do(func() { host.Changed(nil) })
			}})
		s.SetArriving(nil) // cancelled or failed before the first look
		if res != nil && res.Cancelled {
			return nil // cancelled by the user: the result says what was kept
		}
		if err != nil && ctx.Err() != nil {
			return errImportCancelled
		}
		return err
	}, func(err error) {
		cancel()
		host.SetBusy("")
		di.finish(res, err)
		host.Changed(nil)
	})
	return di
}

// problem is one file of an import that failed, has a warning, or was
// skipped, as listed at the end of the import.
type problem struct {
	kind   string // "Failed", "Warning", "No picture", "Skipped"
	path   string
	reason string
}

// Dialog shows an import running (progress, count, rate, Cancel),
// then its summary and the files that failed and why.
type Dialog struct {
	host   Host
	d      *dialog.CustomDialog
	body   *fyne.Container // border: the lines on top, the problems in the centre
	bar    *widget.ProgressBar
	counts *widget.Label
	file   *widget.Label
	note   *widget.Label
	cancel context.CancelFunc
	stop   *widget.Button
	hide   *widget.Button
	start  time.Time
	hidden bool // stepped aside while the import runs

	// after the import
	summary  *widget.Label
	list     *widget.List
	detail   *widget.Label
	problems []problem
	result   *catalog.ImportResult
	err      error
	done     bool

	// progress, written by the import's goroutines, shown at most once per
	// frame
	mu   sync.Mutex
	last catalog.ImportProgress
	// postedAt is when the last progress was posted to the UI.
	postedAt time.Time
	posted   bool
}

func (di *Dialog) build(paths []string) {
	what := paths[0]
	if len(paths) > 1 {
		what = fmt.Sprintf("%s and %s", filepath.Base(paths[0]), ui.Plural(len(paths)-1, "other", "others"))
	}
	head := widget.NewLabel("Importing " + what)
	head.Wrapping = fyne.TextWrapBreak
	di.bar = widget.NewProgressBar()
	di.counts = widget.NewLabel("Looking for files…")
	di.file = widget.NewLabel("")
	di.file.Truncation = fyne.TextTruncateEllipsis
	di.file.Importance = widget.LowImportance
	di.note = widget.NewLabel("Originals are only read. Cancelling keeps what was imported; importing again resumes.")
	di.note.Importance = widget.LowImportance
	di.note.Wrapping = fyne.TextWrapWord
	di.summary = widget.NewLabel("")
	di.summary.Wrapping = fyne.TextWrapWord
	di.summary.Hide()
	di.body = container.NewBorder(container.NewVBox(head, di.bar, di.counts, di.file, di.note, di.summary), nil, nil, nil)
	di.stop = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		di.stop.Disable()
		di.stop.SetText("Cancelling…")
		di.cancel()
	})
	// The library shows the images as they arrive: the dialog can step
	// aside, and comes back with the summary.
	di.hide = widget.NewButtonWithIcon("Work while it imports", theme.VisibilityOffIcon(), di.stepAside)
	di.d = dialog.NewCustomWithoutButtons("Import", di.body, di.host.Window())
	di.d.SetButtons([]fyne.CanvasObject{di.stop, di.hide})
	di.d.Resize(fyne.NewSize(ui.DialogWidth(di.host.Window(), 640), 0))
	di.d.Show()
}

// stepAside hides the dialog while the import runs; the status bar says it
// runs, and the summary brings the dialog back.
func (di *Dialog) stepAside() {
	di.hidden = true
	di.d.Hide()
}

// Show shows the dialog again (an import asked for while this one runs).
func (di *Dialog) Show() {
	di.hidden = false
	di.d.Show()
}

// Running reports whether the import is still running.
func (di *Dialog) Running() bool { return !di.done }

// progressEvery is how often at most the dialog shows the progress.
const progressEvery = 200 * time.Millisecond

// progress receives the import's progress, from its goroutines.
func (di *Dialog) progress(p catalog.ImportProgress) {
	di.mu.Lock()
	di.last = p
	// At most every progressEvery: each change of the dialog is a frame
	// drawn, time taken from the import (on a machine drawing in
	// software, much of it).
	post := !di.posted && time.Since(di.postedAt) >= progressEvery
	if post {
		di.posted, di.postedAt = true, time.Now()
	}
	di.mu.Unlock()
	if post {
		fyne.Do(di.showProgress)
	}
}

func (di *Dialog) showProgress() {
	di.mu.Lock()
	p := di.last
	di.posted = false
	di.mu.Unlock()
	if di.done {
		return
	}
	frac, text := progressText(p, time.Since(di.start).Seconds())
	if frac >= 0 {
		di.bar.SetValue(frac)
	}
	di.counts.SetText(text)
	di.file.SetText(p.Current)
}

// progressText returns the bar's fraction (-1: leave it) and the counts'
// line for p, secs after the import started: the files read, then, once
// the library shows them, the real thumbnails made.
func progressText(p catalog.ImportProgress, secs float64) (float64, string) {
	if p.Thumbs > 0 {
		return float64(p.ThumbsDone) / float64(p.Thumbs), fmt.Sprintf("%s of %s files · making thumbnails: %s of %s · %s new, %s failed",
			ui.FormatCount(p.Done), ui.FormatCount(p.Total), ui.FormatCount(p.ThumbsDone), ui.FormatCount(p.Thumbs), ui.FormatCount(p.Added), ui.FormatCount(p.Failed))
	}
	frac := -1.0
	if p.Total > 0 {
		frac = float64(p.Done) / float64(p.Total)
	}
	rate := ""
	if secs > 0.5 && p.Done > 0 {
		rate = fmt.Sprintf(" · %.0f files/s", float64(p.Done)/secs)
	}
	return frac, fmt.Sprintf("%s of %s files%s · %s new, %s failed", ui.FormatCount(p.Done), ui.FormatCount(p.Total), rate,
		ui.FormatCount(p.Added), ui.FormatCount(p.Failed))
}

// finish shows the summary and the problems.
func (di *Dialog) finish(res *catalog.ImportResult, err error) {
	di.done, di.result, di.err = true, res, err
	if di.hidden {
		di.Show() // the summary: what was imported, what failed
	}
	di.file.Hide()
	di.note.Hide()
	di.summary.Show()
	closeBtn := widget.NewButton("Close", di.d.Hide)
	closeBtn.Importance = widget.HighImportance
	if err != nil {
		di.bar.Hide()
		di.mu.Lock()
		added := di.last.Added
		di.mu.Unlock()
		if added == 0 {
			di.counts.SetText("Nothing was imported.")
		} else {
			// The catalog is written in batches as the import goes.
			di.counts.SetText("The import stopped: the images cataloged before the error are kept; import again to resume.")
		}
		di.summary.SetText(ui.ErrorText(err))
		di.summary.Importance = widget.DangerImportance
		di.summary.Refresh()
		di.d.SetButtons([]fyne.CanvasObject{closeBtn})
		return
	}
	di.bar.SetValue(1)
	di.counts.SetText(fmt.Sprintf("Done in %s.", time.Since(di.start).Round(100*time.Millisecond)))
	di.summary.SetText(importSummary(res))
	di.problems = importProblems(res)
	buttons := []fyne.CanvasObject{closeBtn}
	if len(di.problems) > 0 {
		di.showProblems()
		copyBtn := ui.CopyButton("Copy the list", di.host.Clipboard(), func() string { return problemsText(di.problems) })
		buttons = []fyne.CanvasObject{copyBtn, closeBtn}
		di.d.Resize(fyne.NewSize(ui.DialogWidth(di.host.Window(), 900), min(di.host.Window().Canvas().Size().Height-60, 760)))
	}
	di.d.SetButtons(buttons)
}

// showProblems adds the scrollable list of problems, with the full text of
// the one selected below it.
func (di *Dialog) showProblems() {
	di.detail = widget.NewLabel("Select a file to read the whole message.")
	di.detail.Wrapping = fyne.TextWrapWord
	di.detail.Selectable = true
	di.list = widget.NewList(func() int { return len(di.problems) },
		func() fyne.CanvasObject {
			kind := widget.NewLabel("Warning")
			kind.TextStyle.Bold = true
			path := widget.NewLabel("")
			path.Truncation = fyne.TextTruncateEllipsis
			reason := ui.DimLabel("")
			reason.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, container.New(ui.WidthLayout{Width: 80}, kind), nil, container.NewVBox(path, reason))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			p := di.problems[i]
			b := o.(*fyne.Container)
			kind := b.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
			lines := b.Objects[0].(*fyne.Container).Objects
			kind.SetText(p.kind)
			kind.Importance = map[string]widget.Importance{"Failed": widget.DangerImportance, "Warning": widget.WarningImportance}[p.kind]
			kind.Refresh()
			lines[0].(*widget.Label).SetText(p.path)
			reason := lines[1].(*widget.RichText)
			reason.Segments[0].(*widget.TextSegment).Text = p.reason
			reason.Refresh()
		})
	di.list.OnSelected = func(i widget.ListItemID) {
		p := di.problems[i]
		di.detail.SetText(p.kind + ": " + p.path + "\n" + p.reason)
	}
	detail := container.NewVScroll(di.detail)
	detail.SetMinSize(fyne.NewSize(100, 70))
	di.body.Add(container.NewBorder(nil, detail, nil, nil, di.list))
	di.body.Refresh()
}

// importSummary says what an import did, in sentences.
func importSummary(r *catalog.ImportResult) string {
	var b strings.Builder
	if r.Cancelled {
		b.WriteString("Import cancelled. What was imported so far is kept; import the same files again to resume.\n")
	}
	fmt.Fprintf(&b, "%s added", ui.Plural(r.Added, "new image", "new images"))
	if r.Unchanged > 0 {
		fmt.Fprintf(&b, "; %s already in the case", ui.Plural(r.Unchanged, "file was", "files were"))
	}
	if r.NewLocations > 0 {
		fmt.Fprintf(&b, "; %s found at a new path", ui.Plural(r.NewLocations, "image", "images"))
	}
	b.WriteString(".")
	if r.Gone > 0 {
		fmt.Fprintf(&b, " %s no longer at a cataloged path (kept in the case).", ui.Plural(r.Gone, "file is", "files are"))
	}
	if n := len(r.Failed); n > 0 {
		fmt.Fprintf(&b, "\n%s could not be imported: see why below.", ui.Plural(n, "file", "files"))
	}
	if n := len(r.Warnings); n > 0 {
		fmt.Fprintf(&b, "\n%s imported with a warning.", ui.Plural(n, "file was", "files were"))
	}
	if n := len(r.NoPicture); n > 0 {
		fmt.Fprintf(&b, "\n%s cataloged from metadata only (no picture).", ui.Plural(n, "file was", "files were"))
	}
	fmt.Fprintf(&b, "\nIn all: %d with pictures (%d with warnings), %d metadata only, %d failed, %d skipped.",
		r.Pictures, len(r.Warnings), len(r.NoPicture), len(r.Failed), len(r.Skipped))
	if n := len(r.Skipped); n > 0 {
		fmt.Fprintf(&b, "\n%s skipped (not images).", ui.Plural(n, "file was", "files were"))
	}
	return b.String()
}

// importProblems lists failures, then warnings, then files without a
// picture, then skipped files.
func importProblems(r *catalog.ImportResult) []problem {
	var out []problem
	for _, f := range r.Failed {
		out = append(out, problem{"Failed", f.Path, f.Error})
	}
	for _, f := range r.Warnings {
		out = append(out, problem{"Warning", f.Path, f.Error})
	}
	for _, f := range r.NoPicture {
		out = append(out, problem{"No picture", f.Path, f.Error})
	}
	for _, s := range r.Skipped {
		out = append(out, problem{"Skipped", s.Path, s.Reason})
	}
	return out
}

// problemsText is the list as text, for the clipboard.
func problemsText(ps []problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", p.kind, p.path, p.reason)
	}
	return b.String()
}
