package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
)

// watchEvery is how often the open case is checked for changes made
// elsewhere, unless the window is made with another period.
const watchEvery = 2 * time.Second

// caseWatch notices the changes another program makes to the open case: a
// command run in a terminal, another window, a colleague on a shared
// folder. It does not reload the screens itself (that could throw away
// what is being typed); the status bar says what changed and offers to
// reload.
type caseWatch struct {
	mu  sync.Mutex
	sum changeSummary
}

// changeSummary counts the changes made elsewhere since the last reload.
type changeSummary struct {
	images, other int
	actors        []string // who made them, first seen first
}

func (s *changeSummary) add(es []catalog.AuditEntry) {
	for _, e := range es {
		if e.Action == "image.add" {
			s.images++
		} else if !strings.HasPrefix(e.Action, "import.") && e.Action != "verify" && !strings.HasPrefix(e.Action, "export") {
			// An import's start and end frame its images; a check or an
			// export changes nothing shown.
			s.other++
		}
		actor := e.Actor
		if actor == "" {
			actor = "an older Exhibit"
		}
		if len(s.actors) < 3 && !containsString(s.actors, actor) {
			s.actors = append(s.actors, actor)
		}
	}
}

// text says what changed: "12 images added and 3 other changes, by
// ana@laptop, exhibit import", or "" when nothing shown changed.
func (s *changeSummary) text() string {
	var parts []string
	if s.images > 0 {
		parts = append(parts, ui.Plural(s.images, "image", "images")+" added")
	}
	if s.other > 0 {
		what := ui.Plural(s.other, "change", "changes")
		if s.images > 0 {
			what = ui.Plural(s.other, "other change", "other changes")
		}
		parts = append(parts, what)
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("Changed elsewhere: %s, by %s.", strings.Join(parts, " and "), strings.Join(s.actors, "; "))
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// reset forgets what was counted: the screens have just been reloaded.
func (w *caseWatch) reset() {
	w.mu.Lock()
	w.sum = changeSummary{}
	w.mu.Unlock()
}

// watch checks s's case every mw.watchEvery until the session ends, and
// shows in the status bar what other programs changed.
func (mw *mainWindow) watch(s *ui.Session) {
	w := &caseWatch{}
	mw.caseWatch = w
	go func() {
		mark, err := s.Case.AuditMark(s.Ctx)
		if err != nil {
			if s.Ctx.Err() == nil {
				fyne.LogError("watch the case for changes made elsewhere", err)
			}
			return
		}
		t := time.NewTicker(mw.watchEvery)
		defer t.Stop()
		for {
			select {
			case <-s.Ctx.Done():
				return
			case <-t.C:
			}
			es, next, err := s.Case.ChangesElsewhere(s.Ctx, mark)
			if err != nil {
				continue // the case is closing, or busy: next time
			}
			mark = next
			if len(es) == 0 {
				continue
			}
			w.mu.Lock()
			w.sum.add(es)
			w.mu.Unlock()
			fyne.Do(func() {
				// Read here, on the UI goroutine: a Reload since then
				// has emptied the summary, and nothing is to be shown.
				w.mu.Lock()
				text := w.sum.text()
				w.mu.Unlock()
				if mw.sess == s && text != "" {
					mw.status.showChanges(text)
				}
			})
		}
	}()
}

// reloadCase reads the open case again in every screen: after changes
// made elsewhere (Ctrl+R, or the status bar's Reload).
func (mw *mainWindow) reloadCase() {
	if mw.sess == nil {
		return
	}
	if mw.caseWatch != nil {
		mw.caseWatch.reset()
	}
	mw.status.clearChanges()
	mw.changed(nil)
}
