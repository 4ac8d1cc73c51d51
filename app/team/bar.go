// Package team is the window's part for a team case (a case that syncs
// with a hub: see internal/hub): on the status bar, the case's sync state
// (last sync, entries waiting, conflicts) and a Sync button; the dialog
// that shows the rows two people changed while apart and lets the
// investigator choose.
package team

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/hub"
)

// Host is what the team bar asks of the window.
type Host interface {
	Window() fyne.Window
	// Changed says the case changed (a sync pulled entries): the screens
	// read it again.
	Changed(from ui.Screen)
	// SetBusy says on the status bar what runs in the background.
	SetBusy(what string)
}

// Bar shows a team case's sync state; it is hidden for a case without a
// hub.
type Bar struct {
	// Content is what the status bar shows.
	Content fyne.CanvasObject

	state     *widget.Label
	sync      *widget.Button
	conflicts *widget.Button

	host Host
	sess *ui.Session
	load ui.Latest
	// syncing is set while a sync runs.
	syncing bool
	// now is the clock (tests set it).
	now func() time.Time
}

// New makes the bar.
func New(h Host) *Bar {
	b := &Bar{host: h, now: time.Now, state: widget.NewLabel("")}
	b.state.SizeName = theme.SizeNameCaptionText
	b.sync = widget.NewButtonWithIcon("Sync", theme.ViewRefreshIcon(), b.Sync)
	b.sync.Importance = widget.LowImportance
	b.conflicts = widget.NewButtonWithIcon("", theme.WarningIcon(), b.ShowConflicts)
	b.conflicts.Importance = widget.WarningImportance
	b.conflicts.Hide()
	b.Content = container.NewHBox(b.state, b.conflicts, b.sync)
	b.Content.Hide()
	return b
}

// state is what the bar shows of a team case.
type state struct {
	hub       catalog.HubInfo
	has       bool
	waiting   int
	conflicts int
}

// SetCase shows the sync state of the case open in s. A team case is
// given the means to fetch the originals it lacks from its hub's store.
func (b *Bar) SetCase(s *ui.Session) {
	b.sess = s
	if _, ok, err := s.Case.Hub(s.Ctx); err == nil && ok {
		s.Case.SetFetcher(hub.Fetcher(s.Case))
	}
	b.Refresh()
}

// Refresh reads the sync state again.
func (b *Bar) Refresh() {
	if b.sess == nil {
		return
	}
	c := b.sess.Case
	ui.Load(&b.load, b.sess.Ctx, func(ctx context.Context) (state, error) {
		var st state
		var err error
		if st.hub, st.has, err = c.Hub(ctx); err != nil || !st.has {
			return st, err
		}
		if st.waiting, err = c.Unsent(ctx); err != nil {
			return st, err
		}
		cs, err := c.Conflicts(ctx)
		for _, cf := range cs {
			if cf.Open() {
				st.conflicts++
			}
		}
		return st, err
	}, b.show, func(err error) {
		b.state.SetText("Hub: " + err.Error())
		b.Content.Show()
	})
}

// show puts a state on the bar.
func (b *Bar) show(st state) {
	if !st.has {
		b.Content.Hide()
		return
	}
	b.state.SetText(StateText(st.hub, st.waiting, b.now()))
	if st.conflicts > 0 {
		b.conflicts.SetText(ui.Plural(st.conflicts, "conflict", "conflicts"))
		b.conflicts.Show()
	} else {
		b.conflicts.Hide()
	}
	b.Content.Show()
}

// StateText says a team case's sync state in a few words: "Synced 5 min
// ago · 3 changes waiting".
func StateText(h catalog.HubInfo, waiting int, now time.Time) string {
	s := "Never synced"
	if t, err := time.Parse(time.RFC3339Nano, h.Synced); err == nil {
		s = "Synced " + ago(now.Sub(t))
	}
	switch {
	case waiting == 0:
		s += " · nothing waiting"
	default:
		s += " · " + ui.Plural(waiting, "change", "changes") + " waiting"
	}
	return s
}

// ago says a duration in the past in words.
func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	default:
		return fmt.Sprintf("%d days ago", int(d.Hours()/24))
	}
}

// Sync brings the case and its hub together in the background, then says
// what it did.
func (b *Bar) Sync() {
	if b.sess == nil || b.syncing {
		return
	}
	b.syncing = true
	b.sync.Disable()
	b.host.SetBusy("Syncing with the hub…")
	c := b.sess.Case
	var res *hub.Result
	ui.Background(b.sess.Ctx, func(ctx context.Context) error {
		var err error
		res, err = hub.Sync(ctx, c, hub.Options{Progress: func(what string) {
			fyne.Do(func() { b.host.SetBusy(what) })
		}})
		return err
	}, func(err error) {
		b.syncing = false
		b.sync.Enable()
		b.host.SetBusy("")
		if res != nil && res.Pulled > 0 {
			b.host.Changed(nil)
		}
		b.Refresh()
		if err != nil {
			dialog.ShowError(fmt.Errorf("sync with the hub: %w", err), b.host.Window())
			return
		}
		b.report(res)
	})
}

// report says what a sync did, when it did something worth a word.
func (b *Bar) report(res *hub.Result) {
	if res.Conflicts == 0 && len(res.Missing) == 0 && !res.HubBehind {
		return // the bar's "Synced just now" says it
	}
	d := dialog.NewInformation("Sync", ResultText(res), b.host.Window())
	d.SetOnClosed(func() {
		if res.Conflicts > 0 {
			b.ShowConflicts()
		}
	})
	d.Show()
}

// ResultText says what a sync did.
func ResultText(r *hub.Result) string {
	s := fmt.Sprintf("Synced: %s sent, %s received", ui.Plural(r.Pushed, "change", "changes"), ui.Plural(r.Pulled, "change", "changes"))
	if r.OriginalsUp+r.OriginalsDown > 0 {
		s += fmt.Sprintf(", %d originals up, %d down", r.OriginalsUp, r.OriginalsDown)
	}
	s += "."
	if r.Conflicts > 0 {
		s += "\n" + ui.Plural(r.Conflicts, "row was", "rows were") + " changed here and by someone else while apart: choose which version stands."
	}
	if len(r.Missing) > 0 {
		s += "\n" + ui.Plural(len(r.Missing), "original is", "originals are") + " missing from the hub's store."
	}
	if r.HubBehind {
		s += "\nThe hub has fewer changes than this laptop has pulled: was it restored from an older backup?"
	}
	return s
}
