package app

import (
	"context"

	"github.com/exhibit-app/exhibit/app/team"
	"github.com/exhibit-app/exhibit/app/ui"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// statusBar is the line at the bottom of the window: the case's name,
// folder and size, and what runs in the background.
type statusBar struct {
	content  fyne.CanvasObject
	caseName *widget.Label
	counts   *widget.Label
	busy     *widget.Label
	// activity marks that something runs: a still icon, not a spinner
	// (an animation is a frame drawn 60 times a second: on a machine
	// drawing in software, a core taken from the import).
	activity *widget.Icon
	// stop cancels what runs in the background, when it can be
	// cancelled (hidden otherwise).
	stop *widget.Button
	// changes says what other programs changed in the case, with a
	// button to reload; hidden when nothing did.
	changes    *widget.Label
	changesBox *fyne.Container
	reload     *widget.Button

	// team is a team case's sync state (hidden for other cases).
	team *team.Bar

	sess *ui.Session
	load ui.Latest
}

type statusCounts struct{ images, reports int }

func newStatusBar(h team.Host) *statusBar {
	b := &statusBar{
		caseName: widget.NewLabel(""),
		counts:   widget.NewLabel(""),
		busy:     widget.NewLabel(""),
		activity: widget.NewIcon(theme.HistoryIcon()),
	}
	for _, l := range []*widget.Label{b.caseName, b.counts, b.busy} {
		l.SizeName = theme.SizeNameCaptionText
	}
	b.caseName.Truncation = fyne.TextTruncateEllipsis
	b.busy.Importance = widget.LowImportance
	b.activity.Hide()
	b.stop = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), nil)
	b.stop.Importance = widget.LowImportance
	b.stop.Hide()
	b.changes = widget.NewLabel("")
	b.changes.SizeName = theme.SizeNameCaptionText
	b.changes.Importance = widget.WarningImportance
	b.changes.Truncation = fyne.TextTruncateEllipsis
	b.reload = widget.NewButtonWithIcon("Reload", theme.ViewRefreshIcon(), nil)
	b.reload.Importance = widget.LowImportance
	b.changesBox = container.NewBorder(nil, nil, nil, b.reload, b.changes)
	b.changesBox.Hide()
	b.team = team.New(h)
	right := container.NewHBox(b.activity, b.busy, b.stop, b.counts, b.team.Content)
	b.content = container.NewVBox(widget.NewSeparator(), b.changesBox, container.NewBorder(nil, nil, nil, right, b.caseName))
	return b
}

// setCase shows the open case.
func (b *statusBar) setCase(s *ui.Session) {
	b.sess = s
	b.caseName.SetText(s.Case.Name() + "   " + s.Case.Dir())
	b.team.SetCase(s)
	b.refresh()
}

// refresh counts the case's images and reports again.
func (b *statusBar) refresh() {
	if b.sess == nil {
		return
	}
	c := b.sess.Case
	b.team.Refresh()
	ui.Load(&b.load, b.sess.Ctx, func(ctx context.Context) (statusCounts, error) {
		n, err := c.CountImages(ctx)
		if err != nil {
			return statusCounts{}, err
		}
		rs, err := c.Reports(ctx)
		return statusCounts{n, len(rs)}, err
	}, func(sc statusCounts) {
		b.counts.SetText(ui.Plural(sc.images, "image", "images") + " · " + ui.Plural(sc.reports, "report", "reports"))
	}, func(err error) {
		b.counts.SetText("")
		fyne.LogError("count the case", err)
	})
}

// setBusy says what runs in the background ("" when nothing).
func (b *statusBar) setBusy(what string) { b.setBusyCancel(what, nil) }

// setBusyCancel says what runs in the background, with a Cancel button
// that calls cancel (none when cancel is nil).
func (b *statusBar) setBusyCancel(what string, cancel func()) {
	b.busy.SetText(what)
	if cancel == nil || what == "" {
		b.stop.Hide()
	} else {
		b.stop.OnTapped = func() {
			b.stop.Disable()
			b.busy.SetText(what + " cancelling…")
			cancel()
		}
		b.stop.Enable()
		b.stop.Show()
	}
	if what == "" {
		b.activity.Hide()
		return
	}
	b.activity.Show()
}

// showChanges says what other programs changed in the case.
func (b *statusBar) showChanges(text string) {
	b.changes.SetText(text)
	b.changesBox.Show()
	b.refresh()
}

// clearChanges hides the note of changes made elsewhere.
func (b *statusBar) clearChanges() {
	b.changes.SetText("")
	b.changesBox.Hide()
}
