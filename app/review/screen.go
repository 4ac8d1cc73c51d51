package review

import (
	"github.com/exhibit-app/exhibit/app/marks"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

// reviewScreen shows one image, zoomable, beside the excerpts linked to
// it, its notes and tags, and its metadata. Previous and Next walk the
// order it was opened with (the library's selection or filter).
type reviewScreen struct {
	host Host
	s    *ui.Session

	content fyne.CanvasObject
	image   *ui.ReviewImage
	links   *linksPanel
	page    *pagePanel
	notes   *notesPanel
	details *fyne.Container
	side    *container.AppTabs
	title   *widget.Label
	// damage says that the file is damaged and what is shown of it
	// (hidden for a file decoded whole).
	damage *widget.Label
	where  *widget.Label
	prev   *widget.Button
	next   *widget.Button
	blank  *widget.Label
	tools  *marks.Toolbar
	marks  *marks.Panel
	store  *marks.Store

	order []int64
	pos   int
	im    *catalog.Image
	data  *reviewData
	load  ui.Latest
	// loadingID is the image load reads (0: none in progress), loadingNew
	// whether it is to be shown anew, pixels and all, once read.
	loadingID  int64
	loadingNew bool
	first      ui.Latest // finding the first image when opened without one
}

// reviewData is what the review screen reads about an image.
type reviewData struct {
	im          *catalog.Image
	links       []*catalog.Link
	notes       []*catalog.Note
	tags        []string
	allTags     []catalog.TagCount
	suggestions []*catalog.Suggestion
	suggestNote string               // why there are no suggestions, when not for lack of mentions
	anns        []catalog.Annotation // the marks made on the image itself
}

func newReviewScreen(host Host, settings marks.StyleSettings, s *ui.Session) *reviewScreen {
	r := &reviewScreen{host: host, s: s}
	r.image = ui.NewReviewImage(s, r, r.TypedRune)
	r.store = &marks.Store{Session: s, Changed: func() { host.Changed(r) }}
	layer := r.image.Layer
	r.store.Attach(layer)
	r.tools = marks.NewToolbar(settings, []*viewer.AnnotationLayer{layer}, marks.Actions{Undo: r.Undo, Redo: r.Redo, Delete: r.DeleteMark})
	r.marks = marks.NewPanel([]marks.Side{{Layer: layer}}, r.markError)
	layer.OnSelectionChanged = func(a *catalog.Annotation) {
		if a != nil {
			r.side.SelectIndex(3)
		}
		r.marks.SelectionChanged(layer, a)
		r.historyChanged()
	}
	layer.OnHistoryChanged = r.historyChanged
	layer.OnError = r.markError
	r.links = newLinksPanel(r)
	r.page = newPagePanel(r)
	r.notes = newNotesPanel(r)
	r.details = container.NewVBox()
	r.title = widget.NewLabel("")
	r.title.TextStyle.Bold = true
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.damage = widget.NewLabel("")
	r.damage.Importance = widget.WarningImportance
	r.damage.Wrapping = fyne.TextWrapWord
	r.damage.Hide()
	r.where = widget.NewLabel("")
	r.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), r.previous)
	r.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), r.forward)
	back := widget.NewButtonWithIcon("Library", theme.GridIcon(), r.backToLibrary)
	back.Importance = widget.LowImportance
	nav := container.NewHBox(back, widget.NewSeparator(), r.prev, r.next, r.where)
	top := container.NewBorder(nil, nil, nav, r.image.Toolbar(), r.title)
	left := container.NewBorder(container.NewVBox(top, r.damage, container.NewHScroll(r.tools.View)), container.NewVBox(r.tools.Hint), nil, nil, r.image.View)

	r.side = container.NewAppTabs(
		container.NewTabItemWithIcon("Excerpts", theme.DocumentIcon(), r.links.content),
		container.NewTabItemWithIcon("Notes & tags", theme.DocumentCreateIcon(), r.notes.content),
		container.NewTabItemWithIcon("Details", theme.InfoIcon(), container.NewVScroll(container.NewPadded(r.details))),
		container.NewTabItemWithIcon("Marks", theme.DocumentCreateIcon(), r.marks.View),
		container.NewTabItemWithIcon("Page", theme.FileIcon(), r.page.content),
	)
	split := container.NewHSplit(left, r.side)
	split.Offset = 0.64
	r.blank = widget.NewLabel("No image to review: the library is empty or nothing is selected.")
	r.blank.Alignment = fyne.TextAlignCenter
	r.blank.Hide()
	r.content = container.NewStack(split, container.NewCenter(r.blank))
	r.showPosition()
	return r
}

// Content returns the screen.
func (r *reviewScreen) Content() fyne.CanvasObject { return r.content }

// Open shows t's image, walking t's order (or the library's).
func (r *reviewScreen) Open(t ui.Target) {
	// the arrows walk the images and + - 0 1 zoom at once
	r.host.Window().Canvas().Focus(r.image.Layer)
	if t.ImageID == 0 {
		if r.im == nil {
			r.openFirst()
		}
		return
	}
	order := t.Order
	if len(order) == 0 {
		order = r.host.LibraryOrder(t.ImageID)
	}
	r.setOrder(order, t.ImageID)
	r.showImage(t.ImageID)
	if len(order) == 0 {
		r.defaultOrder(t.ImageID)
	}
}

// defaultOrder reads the library's unfiltered order in the background and
// walks it from id (when the library was not shown yet).
func (r *reviewScreen) defaultOrder(id int64) {
	c := r.s.Case
	ui.Load(&r.first, r.s.Ctx, func(ctx context.Context) ([]int64, error) {
		return allIDs(ctx, c)
	}, func(ids []int64) {
		if len(r.order) == 1 && r.order[0] == id {
			r.setOrder(ids, id)
			r.showPosition()
		}
	}, nil)
}

// allIDs returns the ids of every image, in the library's default order.
func allIDs(ctx context.Context, c *catalog.Case) ([]int64, error) {
	ims, err := c.Images(ctx, catalog.Filter{})
	ids := make([]int64, len(ims))
	for i, im := range ims {
		ids[i] = im.ID
	}
	return ids, err
}

// setOrder makes order the walk, positioned on id (added when missing).
func (r *reviewScreen) setOrder(order []int64, id int64) {
	r.order, r.pos = order, -1
	for i, o := range order {
		if o == id {
			r.pos = i
			break
		}
	}
	if r.pos < 0 {
		r.order, r.pos = []int64{id}, 0
	}
}

// openFirst shows the first image of the library's order (reading it when
// the library has not yet).
func (r *reviewScreen) openFirst() {
	if ids := r.host.LibraryOrder(0); len(ids) > 0 {
		if id, ok := r.host.LibraryCursor(); ok {
			r.Open(ui.Target{ImageID: id, Order: r.host.LibraryOrder(id)})
			return
		}
		r.Open(ui.Target{ImageID: ids[0], Order: ids})
		return
	}
	c := r.s.Case
	ui.Load(&r.first, r.s.Ctx, func(ctx context.Context) ([]int64, error) {
		return allIDs(ctx, c)
	}, func(ids []int64) {
		if len(ids) == 0 {
			r.showBlank(true)
			return
		}
		r.Open(ui.Target{ImageID: ids[0], Order: ids})
	}, func(err error) { ui.ShowError(r.host.Window(), "Could not list the images", err) })
}

func (r *reviewScreen) showBlank(on bool) {
	if on {
		r.blank.Show()
	} else {
		r.blank.Hide()
	}
}

// Reload reads the image's links, notes and tags again (or, while
// another image is being opened, that image).
func (r *reviewScreen) Reload() {
	switch {
	case r.loadingID != 0:
		r.fetch(r.loadingID, r.loadingNew)
	case r.im != nil:
		r.fetch(r.im.ID, false)
	}
}

// Close stops the loads.
func (r *reviewScreen) Close() {
	r.marks.Flush()
	r.load.Stop()
	r.first.Stop()
	r.image.Preview.Stop()
	r.image.Detail.Stop()
	r.links.close()
	r.page.close()
}

// pageTab is the index of the Page tab beside the image.
const pageTab = 4

// FocusSearch focuses the excerpt search.
func (r *reviewScreen) FocusSearch() {
	r.side.SelectIndex(0)
	r.host.Window().Canvas().Focus(r.links.search)
}

// Link links the highlighted excerpt (Ctrl+L).
func (r *reviewScreen) Link() {
	r.side.SelectIndex(0)
	r.links.linkMarked()
}

// TypedKey walks the order with the arrows and Page Up/Down; Escape goes
// back to the library.
func (r *reviewScreen) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft, fyne.KeyPageUp, fyne.KeyUp:
		r.previous()
	case fyne.KeyRight, fyne.KeyPageDown, fyne.KeyDown:
		r.forward()
	case fyne.KeyHome:
		r.goTo(0)
	case fyne.KeyEnd:
		r.goTo(len(r.order) - 1)
	case fyne.KeyEscape:
		r.backToLibrary()
	}
}

// TypedRune zooms: + or = in, - out, 0 fit, 1 100 %.
func (r *reviewScreen) TypedRune(ch rune) {
	if r.image.Zoom.ZoomKey(ch) {
		r.image.ShowZoom()
	}
}

func (r *reviewScreen) previous() { r.goTo(r.pos - 1) }
func (r *reviewScreen) forward()  { r.goTo(r.pos + 1) }

// goTo shows the image at position i of the order.
func (r *reviewScreen) goTo(i int) {
	if i < 0 || i >= len(r.order) || i == r.pos {
		return
	}
	r.pos = i
	r.showImage(r.order[i])
}

func (r *reviewScreen) backToLibrary() {
	t := ui.Target{}
	if r.im != nil {
		t.ImageID = r.im.ID
	}
	r.host.Show(ui.ScreenLibrary, t)
}

// showPosition updates the walk's buttons and position.
func (r *reviewScreen) showPosition() {
	if len(r.order) == 0 {
		r.where.SetText("")
		r.prev.Disable()
		r.next.Disable()
		return
	}
	r.where.SetText(fmt.Sprintf("%s of %s", ui.FormatCount(r.pos+1), ui.FormatCount(len(r.order))))
	if r.pos > 0 {
		r.prev.Enable()
	} else {
		r.prev.Disable()
	}
	if r.pos < len(r.order)-1 {
		r.next.Enable()
	} else {
		r.next.Disable()
	}
}

// showImage shows the image with this id.
func (r *reviewScreen) showImage(id int64) {
	r.marks.Flush()
	r.showBlank(false)
	r.showPosition()
	r.fetch(id, true)
}

// fetch reads the image and what is attached to it in the background;
// newImage also starts showing its pixels.
func (r *reviewScreen) fetch(id int64, newImage bool) {
	c := r.s.Case
	if newImage {
		r.title.SetText("Loading…")
	}
	r.loadingID, r.loadingNew = id, newImage
	ui.Load(&r.load, r.s.Ctx, func(ctx context.Context) (*reviewData, error) {
		return fetchReview(ctx, c, id)
	}, func(d *reviewData) {
		r.loadingID = 0
		r.update(d, newImage)
	}, func(err error) {
		r.loadingID = 0
		r.title.SetText("")
		ui.ShowError(r.host.Window(), fmt.Sprintf("Could not read image %d", id), err)
	})
}

// fetchReview reads an image with its links, notes, tags and suggestions.
func fetchReview(ctx context.Context, c *catalog.Case, id int64) (*reviewData, error) {
	d := &reviewData{}
	var err error
	if d.im, err = c.Image(ctx, id); err != nil {
		return nil, err
	}
	if d.links, err = c.Links(ctx, id); err != nil {
		return nil, err
	}
	if d.notes, err = c.Notes(ctx, id); err != nil {
		return nil, err
	}
	if d.tags, err = c.Tags(ctx, id); err != nil {
		return nil, err
	}
	if d.allTags, err = c.AllTags(ctx); err != nil {
		return nil, err
	}
	anns, err := c.Annotations(ctx, catalog.AnnotationScope{ImageID: id})
	if err != nil {
		return nil, err
	}
	for _, a := range anns {
		d.anns = append(d.anns, *a)
	}
	if d.im.TakenAt == nil {
		d.suggestNote = "This image has no capture time, so no excerpt can be suggested by date. Search instead."
	} else if d.suggestions, err = c.Suggest(ctx, id); err != nil {
		if errors.Is(err, context.Canceled) {
			return nil, err
		}
		d.suggestNote = "Suggestions are not available: " + ui.ErrorText(err)
	}
	return d, nil
}

// update shows what fetch read.
func (r *reviewScreen) update(d *reviewData, newImage bool) {
	r.data = d
	r.im = d.im
	r.title.SetText(d.im.Name())
	if dmg := d.im.Damage(); dmg != "" {
		r.damage.SetText("⚠ This file is damaged; what is shown is what could be decoded of it. " + dmg)
		r.damage.Show()
	} else {
		r.damage.Hide()
	}
	if newImage {
		r.image.ShowImage(d.im)
	}
	if l := r.image.Layer; newImage || !marks.Same(l.Annotations(), d.anns) {
		r.marks.Flush() // what is typed for a mark is stored before the marks are replaced
		l.Load(d.im.ID, 0, d.anns)
		r.marks.Clear()
	}
	r.links.update(d)
	r.notes.update(d)
	r.details.RemoveAll()
	actions := container.NewHBox()
	if d.im.HasGPS() {
		id := d.im.ID
		onMap := widget.NewButtonWithIcon("Show on the map", ui.MapIcon(), func() { r.host.Show(ui.ScreenMap, ui.Target{ImageID: id}) })
		actions.Add(onMap)
	}
	actions.Add(r.allTagsButton(d.im))
	r.details.Add(actions)
	r.details.Add(ui.NewMetaPanel(d.im, r.host.Clipboard()))
	r.side.Items[0].Text = fmt.Sprintf("Excerpts (%d)", len(d.links))
	r.side.Items[1].Text = fmt.Sprintf("Notes & tags (%d)", len(d.notes)+len(d.tags))
	r.side.Items[3].Text = fmt.Sprintf("Marks (%d)", len(r.image.Layer.Annotations()))
	r.side.Refresh()
}

// caseChanged reads the image again after this screen changed the case,
// and tells the other screens.
func (r *reviewScreen) caseChanged() {
	r.Reload()
	r.host.Changed(r)
}

// change runs a change of the case in the background, then reads the
// image again; ok runs after a success.
func (r *reviewScreen) change(do func(context.Context, *catalog.Case) error, failTitle string, ok func()) {
	c := r.s.Case
	ui.Background(r.s.Ctx, func(ctx context.Context) error { return do(ctx, c) }, func(err error) {
		if err != nil {
			ui.ShowError(r.host.Window(), failTitle, err)
		} else if ok != nil {
			ok()
		}
		r.caseChanged()
	})
}

// confirmThen asks, then runs the change.
func (r *reviewScreen) confirmThen(title, message, action string, do func(context.Context, *catalog.Case) error, failTitle string) {
	ui.Confirm(r.host.Window(), title, message, action, func() { r.change(do, failTitle, nil) })
}
