package reports

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// searchBar finds a text in the report shown: the excerpts holding it,
// walked with next and previous ("3 of 17"), the one at hand selected.
type searchBar struct {
	r       *reportScreen
	content fyne.CanvasObject
	entry   *widget.Entry
	count   *widget.Label
	prev    *widget.Button
	next    *widget.Button

	// hits are the indexes of the excerpts found; at the one at hand.
	hits []int
	at   int
}

func newSearchBar(r *reportScreen) *searchBar {
	b := &searchBar{r: r, at: -1}
	b.entry = widget.NewEntry()
	b.entry.SetPlaceHolder("Find in the report (Ctrl+F)")
	b.entry.ActionItem = widget.NewIcon(theme.SearchIcon())
	b.entry.OnChanged = func(string) { b.find() }
	b.entry.OnSubmitted = func(string) { b.step(1) }
	b.count = widget.NewLabel("")
	b.prev = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { b.step(-1) })
	b.next = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { b.step(1) })
	b.content = container.NewBorder(nil, nil, nil, container.NewHBox(b.count, b.prev, b.next), b.entry)
	b.update()
	return b
}

// update finds the text again in a report just read.
func (b *searchBar) update() { b.find() }

// find lists the excerpts holding the entry's text (case aside), and
// goes to the first at or after the excerpt selected.
func (b *searchBar) find() {
	b.hits, b.at = nil, -1
	q := strings.ToLower(strings.TrimSpace(b.entry.Text))
	d := b.r.shown
	if q == "" || d == nil {
		b.show()
		return
	}
	for i, t := range d.lower {
		if strings.Contains(t, q) {
			b.hits = append(b.hits, i)
		}
	}
	if len(b.hits) > 0 {
		b.at = 0
		for j, i := range b.hits {
			if i >= b.r.ex.cur {
				b.at = j
				break
			}
		}
		b.r.ex.selectIndex(b.hits[b.at])
	}
	b.show()
}

// step goes to the next (1) or previous (-1) hit, round the report.
func (b *searchBar) step(dir int) {
	if len(b.hits) == 0 {
		return
	}
	b.at = (b.at + dir + len(b.hits)) % len(b.hits)
	b.r.ex.selectIndex(b.hits[b.at])
	b.show()
}

// show says where the search stands.
func (b *searchBar) show() {
	switch {
	case strings.TrimSpace(b.entry.Text) == "":
		b.count.SetText("")
	case len(b.hits) == 0:
		b.count.SetText("Not found")
	default:
		b.count.SetText(fmt.Sprintf("%d of %d", b.at+1, len(b.hits)))
	}
	if len(b.hits) > 1 {
		b.prev.Enable()
		b.next.Enable()
	} else {
		b.prev.Disable()
		b.next.Disable()
	}
}
