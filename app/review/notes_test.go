package review

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestNoTagLineIsOneLine: an image without tags says so on one line, not
// one letter per line.
func TestNoTagLineIsOneLine(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	r := openReview(t, tw, 0)
	for _, tag := range r.data.tags { // every image of the sample has tags
		if err := c.RemoveTag(context.Background(), r.im.ID, tag); err != nil {
			t.Fatal(err)
		}
	}
	r.Reload()
	tw.q.WaitUntil(t, "the image without tags", func() bool { return r.load.CancelFunc == nil && len(r.data.tags) == 0 })
	r.side.SelectIndex(1)
	tw.q.Settle()
	var none *widget.Label
	for _, o := range r.notes.chips.Objects {
		if l, ok := o.(*widget.Label); ok && l.Text == "No tag yet." {
			none = l
		}
	}
	if none == nil {
		t.Fatal("no “No tag yet.” line")
	}
	line := fyne.MeasureText(none.Text, theme.Size(theme.SizeNameCaptionText), none.TextStyle)
	if s := none.Size(); s.Width < line.Width || s.Height > 2*line.Height+2*theme.InnerPadding() {
		t.Errorf("“No tag yet.” is laid out %v; one line of it is %v", s, line)
	}
}
