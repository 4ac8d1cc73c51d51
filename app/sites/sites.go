package sites

import (
	"github.com/exhibit-app/exhibit/app/ui"
	"slices"

	"context"
	"fmt"
	"image"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
	"github.com/exhibit-app/exhibit/viewer"
)

// Host is what the Sites screen asks of the window it is shown in.
type Host interface {
	Window() fyne.Window
	// Show switches to another screen (Compare, on the bracketing pair).
	Show(screen string, t ui.Target)
	// Changed says that the screen changed the case (an image coded, a
	// pair made).
	Changed(from ui.Screen)
	// ExportSiteSheet opens the export dialog of a site's sheet.
	ExportSiteSheet(siteID int64, name string)
}

// New makes the Sites screen of the case of s.
func New(host Host, s *ui.Session) ui.Screen { return newSitesScreen(host, s) }

// sitesScreen lists the case's sites and shows the selected one's images
// on a time axis (overhead images and ground photos on two rows), coloured
// by the state they are coded in, with the window of its damage as a band
// and in a sentence naming the two images that bracket it; the excerpts
// linked to its images, or that mention their dates, beside it. An image
// is coded from here, and the bracketing pair made and opened in Compare.
type sitesScreen struct {
	host Host
	s    *ui.Session

	content  fyne.CanvasObject
	list     *widget.List
	count    *widget.Label
	title    *widget.Label
	sentence *widget.Label
	problems *widget.Label
	tl       *viewer.SiteTimeline
	imgName  *widget.Label
	imgInfo  *widget.Label
	states   *widget.RadioGroup
	note     *widget.Entry
	code     *widget.Button
	pair     *widget.Button
	sheet    *widget.Button
	add      *widget.Button
	edit     *widget.Button
	remove   *widget.Button
	blind    *widget.Check
	blindMsg *widget.Label
	side     *fyne.Container
	detail   *fyne.Container

	sites   []siteRow
	site    int64 // the site shown (0: none)
	image   int64 // the image selected on its timeline (0: none)
	data    *siteData
	opened  bool
	loading ui.Latest
	showing ui.Latest
	thumbs  ui.Latest
	working bool      // a code or a pair is being written
	form    *siteForm // the site dialog last opened
}

// siteRow is a site in the list, with its window in a few words.
type siteRow struct {
	site   *catalog.Site
	window string
}

// siteData is what the screen shows of a site.
type siteData struct {
	report   *catalog.SiteReport
	fps      map[int64]*catalog.Footprint
	linked   []siteExcerpt
	dated    []siteExcerpt
	sentence string
	// agree is how the case's coders agree (site agreement); nil while
	// the user codes blind and has images of the site left.
	agree []catalog.Agreement
}

// siteExcerpt is an excerpt beside the timeline, and why: the image it is
// linked to, or whose date it mentions.
type siteExcerpt struct {
	excerpt *catalog.Excerpt
	why     string
}

func newSitesScreen(host Host, s *ui.Session) *sitesScreen {
	ss := &sitesScreen{host: host, s: s}
	ss.count = ui.Caption("")
	ss.list = widget.NewList(func() int { return len(ss.sites) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.TextStyle.Bold = true
			name.Truncation = fyne.TextTruncateEllipsis
			info := ui.Caption("")
			info.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(name, info)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(ss.sites) {
				return
			}
			r := ss.sites[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(r.site.Name)
			box.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%s · %s · %s", r.site.Status, ui.Plural(r.site.ImageCount, "image", "images"), r.window))
		})
	ss.list.OnSelected = func(i widget.ListItemID) {
		if i < len(ss.sites) && ss.sites[i].site.ID != ss.site {
			ss.showSite(ss.sites[i].site.ID)
		}
	}
	ss.title = ui.Heading("")
	ss.sentence = ui.Wrapped("")
	ss.problems = ui.Caption("")
	ss.problems.Wrapping = fyne.TextWrapWord
	ss.tl = viewer.NewSiteTimeline()
	ss.tl.OnSelected = ss.selectImage
	ss.imgName = widget.NewLabel("")
	ss.imgName.TextStyle.Bold = true
	ss.imgInfo = ui.Caption("")
	ss.imgInfo.Wrapping = fyne.TextWrapWord
	ss.states = widget.NewRadioGroup([]string{catalog.StateIntact, catalog.StateDamaged, catalog.StateDestroyed, catalog.StateUnclear}, nil)
	ss.states.Horizontal = true
	ss.note = widget.NewEntry()
	ss.note.SetPlaceHolder("Note (optional): what you see")
	ss.code = widget.NewButtonWithIcon("Code", theme.ConfirmIcon(), ss.codeImage)
	ss.code.Importance = widget.HighImportance
	ss.pair = widget.NewButtonWithIcon("Make the bracketing pair", theme.ViewRestoreIcon(), ss.makePair)
	ss.sheet = widget.NewButtonWithIcon("Export site sheet…", theme.DocumentSaveIcon(), ss.ExportSheet)
	ss.add = widget.NewButtonWithIcon("Add a site…", theme.ContentAddIcon(), func() { ss.AddSite(nil) })
	ss.edit = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), ss.editSite)
	ss.remove = widget.NewButtonWithIcon("Remove…", theme.DeleteIcon(), ss.removeSite)
	ss.blind = widget.NewCheck("Code blind", func(bool) { ss.Reload() })
	ss.blindMsg = ui.Caption("")
	ss.blindMsg.Wrapping = fyne.TextWrapWord
	coding := container.NewBorder(nil, nil, nil, ss.code, ss.note)
	// The controls come before what is known of the image (its time, its
	// codes), which grows as it is coded: they stay put.
	ss.detail = container.NewVBox(ss.imgName, ss.states, coding, ss.imgInfo)
	ss.side = container.NewVBox()
	left := container.NewBorder(container.NewVBox(container.NewPadded(ui.Heading("Sites")), ss.add), ss.count, nil, nil, ss.list)
	actions := container.NewHBox(ss.pair, ss.sheet, widget.NewSeparator(), ss.edit, ss.remove)
	blind := container.NewBorder(nil, nil, ss.blind, nil, ss.blindMsg)
	// What the codes say (the window in a sentence, the contradictions)
	// comes under the timeline and the coding controls: it is rewritten
	// with each code, and would otherwise move them under the pointer.
	main := container.NewVBox(ss.title, actions, blind, ss.tl, widget.NewSeparator(), ss.detail, widget.NewSeparator(), ss.sentence, ss.problems)
	right := container.New(ui.WidthLayout{Width: 320}, container.NewVScroll(ss.side))
	ss.content = container.NewBorder(nil, nil, container.New(ui.WidthLayout{Width: 260}, left), right, container.NewVScroll(container.NewPadded(main)))
	ss.showNone()
	return ss
}

// Content returns the screen.
func (ss *sitesScreen) Content() fyne.CanvasObject { return ss.content }

// Open reads the sites when the screen is first shown; on a position
// (t.NewSiteAt: Add a site here, on the map), it opens the dialog that
// adds a site there.
func (ss *sitesScreen) Open(t ui.Target) {
	if !ss.opened {
		ss.opened = true
		ss.reload()
	}
	if t.NewSiteAt != nil {
		ss.AddSite(t.NewSiteAt)
	}
}

// Reload reads the sites again (once the screen has been shown).
func (ss *sitesScreen) Reload() {
	if ss.opened {
		ss.reload()
	}
}

// Close stops the loads.
func (ss *sitesScreen) Close() {
	ss.loading.Stop()
	ss.showing.Stop()
	ss.thumbs.Stop()
}

// reload reads the sites and their windows, then the site shown.
func (ss *sitesScreen) reload() {
	c := ss.s.Case
	blindFor := ss.blindFor()
	ui.Load(&ss.loading, ss.s.Ctx, func(ctx context.Context) ([]siteRow, error) {
		sites, err := c.Sites(ctx, false)
		if err != nil {
			return nil, err
		}
		rows := make([]siteRow, len(sites))
		for i, s := range sites {
			r, err := c.SiteReport(ctx, s.ID, blindFor)
			if err != nil {
				return nil, err
			}
			rows[i] = siteRow{site: s, window: export.SiteWindowShort(r)}
		}
		return rows, nil
	}, ss.updateList, func(err error) { ui.ShowError(ss.host.Window(), "Could not read the sites", err) })
}

// updateList shows the sites read, keeping the one shown (or showing the
// first).
func (ss *sitesScreen) updateList(rows []siteRow) {
	ss.sites = rows
	ss.list.Refresh()
	ss.count.SetText(ui.Plural(len(rows), "site", "sites"))
	if len(rows) == 0 {
		ss.site = 0
		ss.showNone()
		return
	}
	for i, r := range rows {
		if r.site.ID == ss.site {
			ss.list.Select(i)
			ss.showSite(ss.site)
			return
		}
	}
	ss.list.Select(0) // calls showSite, unless row 0 was selected already
	if ss.site != rows[0].site.ID {
		ss.showSite(rows[0].site.ID)
	}
}

// showSite reads a site's report, footprints and excerpts, and shows them.
func (ss *sitesScreen) showSite(id int64) {
	if id != ss.site {
		ss.image = 0
	}
	ss.site = id
	c := ss.s.Case
	blindFor := ss.blindFor()
	ui.Load(&ss.showing, ss.s.Ctx, func(ctx context.Context) (*siteData, error) {
		return readSite(ctx, c, id, blindFor)
	}, ss.update, func(err error) { ui.ShowError(ss.host.Window(), "Could not read the site", err) })
}

// readSite reads what the screen shows of a site (for a coder coding
// blind, blindFor: see catalog.SiteReport).
func readSite(ctx context.Context, c *catalog.Case, id int64, blindFor string) (*siteData, error) {
	r, err := c.SiteReport(ctx, id, blindFor)
	if err != nil {
		return nil, err
	}
	fps, err := export.SiteFootprints(ctx, c, r)
	if err != nil {
		return nil, err
	}
	d := &siteData{report: r, fps: fps, sentence: export.WindowSentence(r)}
	if !r.Blind {
		if d.agree, err = c.CoderAgreement(ctx); err != nil {
			return nil, err
		}
	}
	seen := map[int64]bool{}
	for _, si := range r.Images {
		ls, err := c.Links(ctx, si.Image.ID)
		if err != nil {
			return nil, err
		}
		for _, l := range ls {
			if !seen[l.Excerpt.ID] {
				seen[l.Excerpt.ID] = true
				d.linked = append(d.linked, siteExcerpt{l.Excerpt, "Linked to " + si.Image.Name()})
			}
		}
	}
	for _, si := range r.Images {
		if si.Image.TakenAt == nil {
			continue
		}
		sg, err := c.Suggest(ctx, si.Image.ID)
		if err != nil {
			return nil, err
		}
		for _, g := range sg {
			if !seen[g.Excerpt.ID] {
				seen[g.Excerpt.ID] = true
				d.dated = append(d.dated, siteExcerpt{g.Excerpt, "Mentions " + strings.Join(g.Matches, ", ") + ", the date of " + si.Image.Name()})
			}
		}
	}
	return d, nil
}

// update shows a site read.
func (ss *sitesScreen) update(d *siteData) {
	ss.data = d
	r := d.report
	ss.title.SetText(r.Site.Name)
	ss.sentence.SetText(d.sentence)
	var probs []string
	for _, k := range r.Contradictions {
		probs = append(probs, fmt.Sprintf("Image %d: %s", k.ImageID, k.Reason))
	}
	ss.problems.SetText(strings.Join(probs, "\n"))
	ss.problems.Hidden = len(probs) == 0
	ss.tl.SetItems(export.TimelineItems(r, d.fps), export.TimelineWindow(r))
	if ss.image != 0 {
		ss.tl.Select(ss.image)
	}
	if r.Window.BeforeImage != 0 && r.Window.AfterImage != 0 {
		ss.pair.Enable()
	} else {
		ss.pair.Disable()
	}
	if r.Window.BeforeImage != 0 || r.Window.AfterImage != 0 {
		ss.sheet.Enable()
	} else {
		ss.sheet.Disable()
	}
	ss.edit.Enable()
	ss.remove.Enable()
	ss.showBlind()
	ss.showImage()
	ss.showExcerpts()
	ss.loadThumbs()
}

// loadThumbs loads the thumbnails of the site's images.
func (ss *sitesScreen) loadThumbs() {
	c := ss.s.Case
	ims := make([]*catalog.Image, len(ss.data.report.Images))
	for i, si := range ss.data.report.Images {
		ims[i] = si.Image
	}
	ui.Load(&ss.thumbs, ss.s.Ctx, func(ctx context.Context) (map[int64]image.Image, error) {
		out := map[int64]image.Image{}
		for _, im := range ims {
			if img, err := ui.LoadThumb(ctx, c, im); err == nil {
				out[im.ID] = img
			} else if ctx.Err() != nil {
				return nil, ctx.Err()
			}
		}
		return out, nil
	}, func(m map[int64]image.Image) {
		for id, img := range m {
			ss.tl.SetThumb(id, img)
		}
	}, nil)
}

// selectImage shows the image tapped on the timeline.
func (ss *sitesScreen) selectImage(id int64) {
	ss.image = id
	ss.showImage()
}

// showImage shows the selected image and its codes, ready to code.
func (ss *sitesScreen) showImage() {
	si := ss.selectedImage()
	if si == nil {
		ss.imgName.SetText("Tap an image on the timeline to code it")
		ss.imgInfo.SetText("Its frame is the colour of its state: green intact, orange damaged, red destroyed, violet unclear, grey not coded.")
		ss.states.SetSelected("")
		ss.states.Disable()
		ss.note.Disable()
		ss.code.Disable()
		return
	}
	im := si.Image
	ss.imgName.SetText(fmt.Sprintf("%s (image %d)", im.Name(), im.ID))
	state := si.State
	switch {
	case si.Disputed:
		state = "disputed"
	case state == "":
		state = "not coded"
	}
	var codes []string
	for _, k := range si.Codes {
		s := k.Coder + ": " + k.State
		if k.Note != "" {
			s += " (" + k.Note + ")"
		}
		codes = append(codes, s)
	}
	taken := im.TakenString()
	if taken == "" {
		taken = "no capture time"
	}
	info := "Taken " + taken + " · " + state
	if len(codes) > 0 {
		info += "\n" + strings.Join(codes, "\n")
	}
	ss.imgInfo.SetText(info)
	ss.states.Enable()
	ss.note.Enable()
	ss.code.Enable()
	if si.State != "" {
		ss.states.SetSelected(si.State)
	} else {
		ss.states.SetSelected("")
	}
}

// selectedImage returns the selected image of the site shown, or nil.
func (ss *sitesScreen) selectedImage() *catalog.SiteImage {
	if ss.data == nil || ss.image == 0 {
		return nil
	}
	for i := range ss.data.report.Images {
		if si := &ss.data.report.Images[i]; si.Image.ID == ss.image {
			return si
		}
	}
	return nil
}

// codeImage records the state chosen for the selected image (the user's
// code), then shows the site again.
func (ss *sitesScreen) codeImage() {
	si := ss.selectedImage()
	if si == nil || ss.working {
		return
	}
	state := ss.states.Selected
	if state == "" {
		ui.ShowError(ss.host.Window(), "Choose a state", fmt.Errorf("choose intact, damaged, destroyed or unclear for %s, then Code", si.Image.Name()))
		return
	}
	site, id, note, blind := ss.site, si.Image.ID, ss.note.Text, ss.blind.Checked
	c := ss.s.Case
	ss.working = true
	ui.Background(ss.s.Ctx, func(ctx context.Context) error {
		_, err := c.CodeImage(ctx, site, id, state, note, "", blind)
		return err
	}, func(err error) {
		ss.working = false
		if err != nil {
			ui.ShowError(ss.host.Window(), "Could not code the image", err)
			return
		}
		ss.note.SetText("")
		ss.image = ss.nextToCode(id)
		ss.host.Changed(ss)
		ss.reload()
	})
}

// nextToCode is the image to select once image id is coded: the next one
// in time (going round) that the user has not coded yet, or id itself
// when every other is coded.
func (ss *sitesScreen) nextToCode(id int64) int64 {
	if ss.data == nil {
		return id
	}
	ims, me := ss.data.report.Images, ss.s.Case.Who()
	at := slices.IndexFunc(ims, func(si catalog.SiteImage) bool { return si.Image.ID == id })
	for k := 1; k < len(ims); k++ {
		si := &ims[(at+k)%len(ims)]
		if si.Image.ID != id && !codedBy(si, me) {
			return si.Image.ID
		}
	}
	return id
}

// codedBy tells whether coder has coded the image.
func codedBy(si *catalog.SiteImage, coder string) bool {
	return slices.ContainsFunc(si.Codes, func(k catalog.SiteCode) bool { return k.Coder == coder })
}

// makePair makes the pair of the two images that bracket the window (or
// updates it when it exists) with the window's times, and opens it in
// Compare.
func (ss *sitesScreen) makePair() {
	if ss.data == nil || ss.working {
		return
	}
	r := ss.data.report
	if r.Window.BeforeImage == 0 || r.Window.AfterImage == 0 {
		return
	}
	c := ss.s.Case
	ss.working = true
	var pairID int64
	ui.Background(ss.s.Ctx, func(ctx context.Context) (err error) {
		pairID, err = BracketingPair(ctx, c, r)
		return err
	}, func(err error) {
		ss.working = false
		if err != nil {
			ui.ShowError(ss.host.Window(), "Could not make the pair", err)
			return
		}
		ss.host.Changed(ss)
		ss.host.Show(ui.ScreenCompare, ui.Target{PairID: pairID})
	})
}

// BracketingPair makes, or updates, the pair of the two images that
// bracket a site's window, its window the two capture times, and returns
// its id.
func BracketingPair(ctx context.Context, c *catalog.Case, r *catalog.SiteReport) (int64, error) {
	b, a := r.Window.BeforeImage, r.Window.AfterImage
	var nb, na string
	for _, si := range r.Images {
		switch si.Image.ID {
		case b:
			nb = si.Image.TakenString()
		case a:
			na = si.Image.TakenString()
		}
	}
	pairs, err := c.Pairs(ctx)
	if err != nil {
		return 0, err
	}
	for _, p := range pairs {
		if p.BeforeID == b && p.AfterID == a {
			if p.NotBefore == nb && p.NotAfter == na {
				return p.ID, nil
			}
			_, err := c.UpdatePair(ctx, p.ID, catalog.PairUpdate{NotBefore: &nb, NotAfter: &na})
			return p.ID, err
		}
	}
	p, err := c.AddPair(ctx, b, a, catalog.PairOptions{Title: r.Site.Name + ": the bracketing pair", KeepOrder: true,
		Notes: "The last image of the site coded intact and the first coded damaged or destroyed (Sites screen)."})
	if err != nil {
		return 0, err
	}
	if p.NotBefore != nb || p.NotAfter != na {
		if _, err := c.UpdatePair(ctx, p.ID, catalog.PairUpdate{NotBefore: &nb, NotAfter: &na}); err != nil {
			return 0, err
		}
	}
	return p.ID, nil
}

// showExcerpts lists the excerpts beside the timeline.
func (ss *sitesScreen) showExcerpts() {
	ss.side.RemoveAll()
	d := ss.data
	ss.showAgreement()
	add := func(title string, list []siteExcerpt, none string) {
		ss.side.Add(ui.Heading(title))
		if len(list) == 0 {
			ss.side.Add(ui.Caption(none))
		}
		for _, e := range list {
			cite := e.excerpt.ReportTitle
			if e.excerpt.Paragraph > 0 {
				cite += fmt.Sprintf(", ¶ %d", e.excerpt.Paragraph)
			}
			ss.side.Add(ui.Wrapped("“" + strings.TrimSpace(e.excerpt.Text) + "”"))
			ss.side.Add(ui.Caption("— " + cite + " · " + e.why))
		}
	}
	add("Excerpts linked to its images", d.linked, "None: link excerpts to the site's images in the review screen.")
	add("Excerpts that mention their dates", d.dated, "None.")
}

// showNone says what the screen is for when there is no site.
func (ss *sitesScreen) showNone() {
	ss.data = nil
	ss.title.SetText("No site")
	ss.sentence.SetText("A site is a named place whose fate the case works out from its images. Add one with Add a site… " +
		"(or from the map, or exhibit site add NAME --at LAT,LON), attach images with exhibit site suggest and attach; then code them here.")
	ss.problems.Hide()
	ss.tl.SetItems(nil, export.TimelineWindow(&catalog.SiteReport{}))
	ss.pair.Disable()
	ss.sheet.Disable()
	ss.edit.Disable()
	ss.remove.Disable()
	ss.blindMsg.SetText("")
	ss.side.RemoveAll()
	ss.image = 0
	ss.showImage()
}

// ExportSheet exports the site sheet of the site shown (Ctrl+E).
func (ss *sitesScreen) ExportSheet() {
	if ss.data == nil {
		return
	}
	s := ss.data.report.Site
	ss.host.ExportSiteSheet(s.ID, s.Name)
}

// Icon is the Sites screen's tab icon.
func Icon() fyne.Resource { return theme.HistoryIcon() }
