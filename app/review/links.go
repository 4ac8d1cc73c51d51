package review

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// candidate is an excerpt offered for linking: a search hit or a
// suggestion.
type candidate struct {
	ex      *catalog.Excerpt
	snippet string // with ** around matches; "" shows the excerpt's text
	why     string // for suggestions: the date written in it
	linked  bool
}

// linksPanel is the review screen's excerpt panel: the excerpts linked to
// the image (with Unlink), a search to find excerpts to link, and the
// suggestions (excerpts mentioning the capture date).
type linksPanel struct {
	rs      *reviewScreen
	content fyne.CanvasObject

	linkedHead *widget.Label
	linked     *fyne.Container
	search     *widget.Entry
	candHead   *widget.Label
	cands      *fyne.Container

	candidates []candidate
	cards      []*ui.Card
	mark       int // the highlighted candidate, linked by Ctrl+L

	suggestions []candidate
	suggestNote string
	searching   ui.Latest
	typing      *time.Timer
}

func newLinksPanel(rs *reviewScreen) *linksPanel {
	p := &linksPanel{rs: rs}
	p.linkedHead = ui.Heading("Linked excerpts")
	p.linked = container.NewVBox()
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder("Find excerpts to link: words, \"a phrase\", strik*")
	p.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	p.search.OnChanged = func(string) {
		if p.typing != nil {
			p.typing.Stop()
		}
		p.typing = time.AfterFunc(ui.TypingDelay, func() { fyne.Do(p.runSearch) })
	}
	p.search.OnSubmitted = func(string) { p.runSearch() }
	p.candHead = ui.Heading("Suggestions")
	p.cands = container.NewVBox()
	p.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		p.linkedHead, p.linked,
		widget.NewSeparator(),
		ui.Heading("Link an excerpt"), p.search,
		p.candHead, p.cands,
	)))
	return p
}

// close stops the search.
func (p *linksPanel) close() {
	p.searching.Stop()
	if p.typing != nil {
		p.typing.Stop()
	}
}

// update shows the links and suggestions of the image.
func (p *linksPanel) update(d *reviewData) {
	p.linked.RemoveAll()
	p.linkedHead.SetText(fmt.Sprintf("Linked excerpts (%d)", len(d.links)))
	if len(d.links) == 0 {
		p.linked.Add(ui.Caption("No excerpt is linked to this image yet. Find one below, or take a suggestion."))
	}
	for _, l := range d.links {
		p.linked.Add(p.linkedCard(l))
	}
	p.suggestions = nil
	for _, s := range d.suggestions {
		p.suggestions = append(p.suggestions, candidate{ex: s.Excerpt, why: strings.Join(s.Matches, ", "), linked: s.Linked})
	}
	p.suggestNote = d.suggestNote
	if strings.TrimSpace(p.search.Text) == "" {
		p.showSuggestions()
	} else {
		p.runSearch()
	}
}

// linkedCard shows one link: the excerpt quoted, its citation, the link's
// note and region, and Unlink.
func (p *linksPanel) linkedCard(l *catalog.Link) fyne.CanvasObject {
	quote := ui.Wrapped("“" + l.Excerpt.Text + "”")
	quote.TextStyle.Italic = true
	box := container.NewVBox(quote, ui.Caption(l.Excerpt.Citation()))
	if l.Excerpt.Gone {
		w := ui.Wrapped("This excerpt is no longer in the current version of the report; the link is kept.")
		w.Importance = widget.WarningImportance
		box.Add(w)
	} else if l.Excerpt.Revised {
		box.Add(ui.Caption("Its text was revised in a later version of the report."))
	}
	if l.Note != "" {
		box.Add(ui.Wrapped("Note: " + l.Note))
	}
	box.Add(p.excerptActions(l.Excerpt))
	unlink := widget.NewButtonWithIcon("Unlink", theme.ContentRemoveIcon(), func() { p.unlink(l) })
	unlink.Importance = widget.LowImportance
	box.Add(ui.WithAction(ui.Caption(ui.RegionText(l.Region)+" · linked "+ui.TimeText(l.CreatedAt)), unlink))
	return ui.NewCard(box)
}

// unlink removes a link after confirmation.
func (p *linksPanel) unlink(l *catalog.Link) {
	rs := p.rs
	ui.Confirm(rs.host.Window(), "Unlink this excerpt?", fmt.Sprintf("“%s” will no longer be linked to %s. The audit trail keeps the link and its removal.",
		shorten(l.Excerpt.Text, 160), rs.im.Name()), "Unlink", func() {
		c := rs.s.Case
		ui.Background(rs.s.Ctx, func(ctx context.Context) error { return c.RemoveLink(ctx, l.ID) }, func(err error) {
			if err != nil {
				ui.ShowError(rs.host.Window(), "Could not unlink the excerpt", err)
			}
			rs.caseChanged()
		})
	})
}

// runSearch searches the excerpts for the entry's text in the background;
// an empty search shows the suggestions.
func (p *linksPanel) runSearch() {
	q := strings.TrimSpace(p.search.Text)
	if q == "" {
		p.searching.Stop()
		p.showSuggestions()
		return
	}
	rs := p.rs
	c := rs.s.Case
	linked := map[int64]bool{}
	if rs.data != nil {
		for _, l := range rs.data.links {
			linked[l.Excerpt.ID] = true
		}
	}
	ui.Load(&p.searching, rs.s.Ctx, func(ctx context.Context) ([]candidate, error) {
		hits, err := c.Search(ctx, q, 60)
		if err != nil {
			return nil, err
		}
		var out []candidate
		for _, h := range hits {
			if h.Excerpt != nil {
				out = append(out, candidate{ex: h.Excerpt, snippet: h.Snippet, linked: linked[h.Excerpt.ID]})
			}
		}
		return out, nil
	}, func(cs []candidate) {
		p.candHead.SetText(fmt.Sprintf("Excerpts found (%d)", len(cs)))
		p.showCandidates(cs, "No excerpt matches. Try fewer words, or a prefix like strik*.")
	}, func(err error) {
		p.candHead.SetText("Excerpts found")
		p.showCandidates(nil, ui.ErrorText(err))
	})
}

func (p *linksPanel) showSuggestions() {
	date := ""
	if p.rs.im != nil && p.rs.im.TakenAt != nil {
		date = " " + p.rs.im.TakenAt.Format("2 January 2006")
	}
	p.candHead.SetText(fmt.Sprintf("Suggestions: excerpts that mention%s (%d)", date, len(p.suggestions)))
	empty := "No excerpt mentions the capture date."
	if p.suggestNote != "" {
		empty = p.suggestNote
	}
	p.showCandidates(p.suggestions, empty)
}

// showCandidates lists excerpts that can be linked, the first highlighted.
func (p *linksPanel) showCandidates(cs []candidate, empty string) {
	p.candidates = cs
	p.cards = nil
	p.mark = -1
	p.cands.RemoveAll()
	if len(cs) == 0 {
		p.cands.Add(ui.Caption(empty))
		return
	}
	for i, c := range cs {
		p.cards = append(p.cards, p.candidateCard(i, c))
		p.cands.Add(p.cards[i])
	}
	p.setMark(p.firstUnlinked())
}

// firstUnlinked returns the first candidate not linked yet, or -1.
func (p *linksPanel) firstUnlinked() int {
	for i, c := range p.candidates {
		if !c.linked {
			return i
		}
	}
	return -1
}

// setMark highlights candidate i.
func (p *linksPanel) setMark(i int) {
	p.mark = i
	for j, c := range p.cards {
		c.SetMarked(j == i)
	}
}

func (p *linksPanel) candidateCard(i int, c candidate) *ui.Card {
	var text fyne.CanvasObject
	if c.snippet != "" {
		text = ui.Highlighted(c.snippet)
	} else {
		text = ui.Wrapped(c.ex.Text)
	}
	cite := c.ex.Citation()
	if c.why != "" {
		cite += " · mentions " + c.why
	}
	box := container.NewVBox(text, ui.Caption(cite))
	var action fyne.CanvasObject
	if c.linked {
		l := widget.NewLabelWithStyle("Linked", fyne.TextAlignTrailing, fyne.TextStyle{Italic: true})
		l.Importance = widget.SuccessImportance
		action = l
	} else {
		b := widget.NewButtonWithIcon("Link…", theme.ContentAddIcon(), func() { p.linkDialog(c.ex) })
		action = b
	}
	// A result found is seen where it stands before it is linked: on its
	// page, or in its report.
	box.Add(container.NewBorder(nil, nil, p.excerptActions(c.ex), action))
	k := ui.NewCard(box)
	k.OnTap = func() { p.setMark(i) }
	return k
}

// linkMarked links the highlighted candidate (Ctrl+L), or focuses the
// search when there is none.
func (p *linksPanel) linkMarked() {
	if p.mark < 0 || p.mark >= len(p.candidates) || p.candidates[p.mark].linked {
		p.rs.host.Window().Canvas().Focus(p.search)
		return
	}
	p.linkDialog(p.candidates[p.mark].ex)
}

// linkDialog asks for an optional note, then links ex to the image.
func (p *linksPanel) linkDialog(ex *catalog.Excerpt) {
	rs := p.rs
	im := rs.im
	if im == nil {
		return
	}
	note := ui.NewTextArea()
	note.SetPlaceHolder("Optional: why this excerpt speaks of this image")
	note.SetMinRowsVisible(3)
	note.Wrapping = fyne.TextWrapWord
	quote := ui.Wrapped("“" + shorten(ex.Text, 400) + "”")
	quote.TextStyle.Italic = true
	body := container.NewVBox(quote, ui.Caption(ex.Citation()), widget.NewSeparator(),
		widget.NewLabel("Note on the link"), note)
	d := dialog.NewCustomConfirm("Link to "+im.Name(), "Link", "Cancel", body, func(ok bool) {
		if !ok {
			return
		}
		c := rs.s.Case
		text := strings.TrimSpace(note.Text)
		ui.Background(rs.s.Ctx, func(ctx context.Context) error {
			_, err := c.AddLink(ctx, im.ID, ex.ID, text, nil)
			return err
		}, func(err error) {
			if err != nil {
				ui.ShowError(rs.host.Window(), "Could not link the excerpt", err)
			}
			rs.caseChanged()
		})
	}, rs.host.Window())
	d.Resize(fyne.NewSize(ui.DialogWidth(rs.host.Window(), 620), 0))
	d.Show()
	rs.host.Window().Canvas().Focus(note)
}

// shorten cuts s to about n characters at a word, with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
