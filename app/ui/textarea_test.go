package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestTextAreaKeepsWhatIsTyped types a note key by key into fields of many
// widths, so that spaces fall where lines wrap: the text is what was
// typed; Backspace after a space erases the space.
func TestTextAreaKeepsWhatIsTyped(t *testing.T) {
	test.NewTempApp(t)
	const typed = "The roof is gone on the east side, consistent with April photo. Seen again  twice, then once more."
	for w := float32(90); w <= 420; w += 6 {
		e := NewTextArea()
		win := test.NewTempWindow(t, e)
		win.Resize(fyne.NewSize(w, 300))
		win.Canvas().Focus(e)
		for _, r := range typed {
			e.TypedRune(r)
			if r == ' ' { // a space typed, erased, typed again
				e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
				e.Refresh()
				e.TypedRune(' ')
			}
			e.Refresh() // as anything shown may
		}
		if e.Text != typed {
			t.Errorf("width %v: typed %q, the field holds %q", w, typed, e.Text)
		}
	}
}
