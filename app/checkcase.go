package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// caseCheck is what "Check the case" found: what `exhibit verify` finds.
type caseCheck struct {
	files  []catalog.VerifyResult
	record *catalog.ChainReport
}

// bad counts the files changed, missing or unreadable and not accepted.
func (cc caseCheck) bad() int {
	n := 0
	for _, r := range cc.files {
		if r.Bad() {
			n++
		}
	}
	return n
}

// summary says, in a few lines, what the check found; problems lists each.
func (cc caseCheck) summary() (title string, lines []string) {
	bad := cc.bad()
	for _, r := range cc.files {
		if r.Bad() {
			lines = append(lines, fmt.Sprintf("%s: %s: %s", r.Status, r.Path, r.Error))
		}
	}
	for _, p := range cc.record.Problems {
		lines = append(lines, fmt.Sprintf("%s %s: %s", p.Kind, p.Status, p.Error))
	}
	head := cc.record.Head
	if len(head) > 16 {
		head = head[:16]
	}
	lines = append([]string{
		fmt.Sprintf("%d files re-hashed: %d changed, missing or unreadable.", len(cc.files), bad),
		fmt.Sprintf("Record: %d entries (head %s), signed up to entry %d by %d key(s); %d rows checked against it.",
			cc.record.Entries, head, cc.record.Signed, len(cc.record.Keys), cc.record.Rows),
	}, lines...)
	if bad == 0 && cc.record.OK() {
		return "The case is intact", lines
	}
	return fmt.Sprintf("%d problems found", bad+len(cc.record.Problems)), lines
}

// checkCase re-hashes every original and report and checks the case's
// record, in the background, then shows what it found: the app's
// `exhibit verify`.
func (mw *mainWindow) checkCase() {
	if mw.sess == nil {
		return
	}
	c := mw.sess.Case
	progress := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons("Checking the case…", progress, mw.win)
	wait.Show()
	var cc caseCheck
	ui.Background(mw.sess.Ctx, func(ctx context.Context) error {
		var err error
		if cc.files, err = c.Verify(ctx, nil); err != nil {
			return err
		}
		cc.record, err = c.VerifyChain(ctx)
		return err
	}, func(err error) {
		wait.Hide()
		if err != nil {
			dialog.ShowError(fmt.Errorf("check the case: %w", err), mw.win)
			return
		}
		title, lines := cc.summary()
		text := widget.NewLabel(strings.Join(lines, "\n"))
		text.Wrapping = fyne.TextWrapWord
		text.Selectable = true
		scroll := container.NewVScroll(text)
		scroll.SetMinSize(fyne.NewSize(ui.DialogWidth(mw.win, 640), 240))
		d := dialog.NewCustom(title, "Close", scroll, mw.win)
		d.Show()
	})
}
