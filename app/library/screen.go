package library

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
	"github.com/exhibit-app/exhibit/viewer"
)

// libraryScreen shows the case's images as a grid of thumbnails under a
// filter bar. Filtering runs in the background; the last request wins.
type libraryScreen struct {
	host Host
	s    *ui.Session

	content fyne.CanvasObject
	bar     *filterBar
	grid    *viewer.ThumbGrid
	count   *widget.Label
	selInfo *widget.Label
	review  *widget.Button
	pair    *widget.Button
	sheets  *widget.Button
	empty   *fyne.Container // shown instead of the grid when nothing is shown
	emptyTx *widget.Label
	emptyBt *fyne.Container

	src      *imageSource
	total    int
	loaded   bool // a first load finished
	loading  ui.Latest
	optsLoad ui.Latest
	typing   *time.Timer
	pendingT int64 // image to select once the load in progress is shown
	shownQ   libraryQuery
}

// libraryData is what a load of the library read.
type libraryData struct {
	images []*catalog.Image
	total  int
	// cameras and tags, when asked for (nil otherwise)
	cameras []cameraCount
	tags    []catalog.TagCount
	options bool
	query   libraryQuery
	src     *imageSource // made here, in the background
}

func newLibraryScreen(host Host, settings Settings, s *ui.Session) *libraryScreen {
	l := &libraryScreen{host: host, s: s}
	l.bar = newFilterBar(l.filterChanged)
	l.grid = viewer.NewThumbGrid(nil, viewer.ThumbGridOptions{
		ThumbSize:  fyne.NewSize(184, 138),
		CacheBytes: int64(settings.ThumbCacheMB()) << 20,
		CacheItems: 20000,
	})
	l.grid.OnActivated = l.activated
	l.grid.OnSelectionChanged = func([]int64) { l.showSelection() }
	l.grid.OnSecondaryTapped = l.contextMenu
	l.count = widget.NewLabel("Loading…")
	l.count.TextStyle.Bold = true
	l.selInfo = widget.NewLabel("")
	l.review = widget.NewButtonWithIcon("Review", theme.VisibilityIcon(), func() {
		if id, ok := l.cursor(); ok {
			l.activated(id)
		}
	})
	l.review.Disable()
	l.pair = widget.NewButtonWithIcon("Make a pair…", theme.ViewRestoreIcon(), l.MakePair)
	l.pair.Disable()
	l.sheets = widget.NewButtonWithIcon("Export sheets…", theme.DocumentSaveIcon(), l.ExportSheets)
	l.sheets.Disable()

	l.emptyTx = widget.NewLabel("")
	l.emptyTx.Alignment = fyne.TextAlignCenter
	l.emptyTx.Wrapping = fyne.TextWrapWord
	l.emptyBt = container.NewHBox()
	l.empty = container.NewCenter(container.New(ui.WidthLayout{Width: 520}, container.NewVBox(l.emptyTx, container.NewCenter(l.emptyBt))))
	l.empty.Hide()

	footer := container.NewBorder(nil, nil, container.NewHBox(l.count, l.selInfo), container.NewHBox(l.sheets, l.pair, l.review))
	l.content = container.NewBorder(container.NewPadded(l.bar.content), footer, nil, nil, container.NewStack(l.grid, l.empty))
	return l
}

// Content returns the screen.
func (l *libraryScreen) Content() fyne.CanvasObject { return l.content }

// Open loads the library the first time, and selects t's image.
func (l *libraryScreen) Open(t ui.Target) {
	if !l.loaded && l.loading.CancelFunc == nil {
		l.reload(true)
	}
	if t.ImageID != 0 {
		l.pendingT = t.ImageID
		l.selectPending()
	}
	// the keyboard walks the thumbnails at once
	l.host.Window().Canvas().Focus(l.grid)
}

// Reload reads the images, cameras and tags again.
func (l *libraryScreen) Reload() { l.reload(true) }

// Close stops the loads.
func (l *libraryScreen) Close() {
	l.loading.Stop()
	l.optsLoad.Stop()
	if l.typing != nil {
		l.typing.Stop()
	}
}

// FocusSearch focuses the text search.
func (l *libraryScreen) FocusSearch() { l.host.Window().Canvas().Focus(l.bar.text) }

// filterChanged runs the query again, at once or, while the user types,
// after a pause.
func (l *libraryScreen) filterChanged(typing bool) {
	if l.typing != nil {
		l.typing.Stop()
	}
	if !typing {
		l.reload(false)
		return
	}
	l.typing = time.AfterFunc(ui.TypingDelay, func() { fyne.Do(func() { l.reload(false) }) })
}

// reload runs the filter bar's query in the background; withOptions also
// reads the cameras and tags of the case.
func (l *libraryScreen) reload(withOptions bool) {
	q := l.bar.query()
	l.count.SetText("Filtering…")
	s := l.s
	ui.Load(&l.loading, s.Ctx, func(ctx context.Context) (libraryData, error) {
		return fetchLibrary(ctx, s, q, withOptions)
	}, l.update, func(err error) {
		l.count.SetText("")
		ui.ShowError(l.host.Window(), "Could not list the images", err)
	})
}

// fetchLibrary reads the images q selects, the total, and when asked the
// cameras and tags to offer.
func fetchLibrary(ctx context.Context, s *ui.Session, q libraryQuery, withOptions bool) (libraryData, error) {
	c := s.Case
	f, err := q.filter()
	if err != nil {
		return libraryData{}, err
	}
	ims, err := c.Images(ctx, f)
	if err != nil {
		return libraryData{}, err
	}
	ims = q.keep(ims)
	var arriving []ui.Arrival
	if !q.filtered() {
		arriving = s.Arriving() // nothing is known of them to filter by
	}
	d := libraryData{images: ims, query: q, src: newImageSource(s, ims, arriving), total: len(ims)}
	all := ims // every image: read below when filtered and needed
	switch {
	case !q.filtered():
	case withOptions:
		if all, err = c.Images(ctx, catalog.Filter{}); err != nil {
			return libraryData{}, err
		}
		d.total = len(all)
	default:
		if d.total, err = c.CountImages(ctx); err != nil {
			return libraryData{}, err
		}
	}
	if withOptions {
		d.options = true
		d.cameras = cameraCounts(all)
		if d.tags, err = c.AllTags(ctx); err != nil {
			return libraryData{}, err
		}
	}
	return d, nil
}

// update shows a load's result.
func (l *libraryScreen) update(d libraryData) {
	if d.options {
		l.bar.setChoices(d.cameras, d.tags)
	}
	l.loaded = true
	l.total = d.total
	old := l.src
	l.src = d.src
	l.grid.SetSource(l.src)
	if old != nil {
		// Shown with provisional thumbnails: loaded again, real by now
		// or provisional still.
		if ids := old.provisionalIDs(); len(ids) > 0 {
			l.grid.Invalidate(ids...)
		}
	}
	if q := d.query; !sameQuery(q, l.shownQ) {
		l.grid.ScrollToTop() // a new filter starts at the top; a reload stays
		l.shownQ = q
	}
	count := ui.ShownCount(len(d.images), d.total)
	if n := len(l.src.arriving); n > 0 {
		count += " · " + ui.FormatCount(n) + " being imported"
	}
	l.count.SetText(count)
	l.showEmpty()
	l.showSelection()
	l.selectPending()
}

// selectPending selects the image asked for by Open once it is shown.
func (l *libraryScreen) selectPending() {
	if l.pendingT == 0 || l.src == nil {
		return
	}
	if _, ok := l.src.byID[l.pendingT]; ok {
		l.grid.SetSelected([]int64{l.pendingT})
		l.grid.ScrollToID(l.pendingT)
		l.pendingT = 0
	}
}

// showEmpty says why the grid is empty, and what to do.
func (l *libraryScreen) showEmpty() {
	if l.src.Len() > 0 {
		l.empty.Hide()
		return
	}
	l.emptyBt.RemoveAll()
	if l.total == 0 {
		l.emptyTx.SetText("This case has no images yet. Import a folder or files, or drop them on this window. " +
			"Originals are only read, never changed.")
		folder := widget.NewButtonWithIcon("Import a folder…", theme.FolderOpenIcon(), l.host.ImportFolder)
		folder.Importance = widget.HighImportance
		l.emptyBt.Add(folder)
		l.emptyBt.Add(widget.NewButtonWithIcon("Import files…", theme.FileImageIcon(), l.host.ImportFiles))
	} else {
		l.emptyTx.SetText("No image matches these filters.")
		l.emptyBt.Add(widget.NewButtonWithIcon("Clear the filters", theme.ContentClearIcon(), l.bar.reset))
	}
	l.empty.Show()
}

// selected returns the images selected (the files arriving are not
// images yet: nothing can be done with them).
func (l *libraryScreen) selected() []int64 {
	sel := l.grid.Selected()
	out := sel[:0:0]
	for _, id := range sel {
		if id > 0 {
			out = append(out, id)
		}
	}
	return out
}

// cursor returns the image under the grid's cursor, not a file arriving.
func (l *libraryScreen) cursor() (int64, bool) {
	id, ok := l.grid.Cursor()
	return id, ok && id > 0
}

// showSelection shows how many images are selected.
func (l *libraryScreen) showSelection() {
	n := len(l.selected())
	switch n {
	case 0:
		l.selInfo.SetText("")
		l.review.Disable()
		l.sheets.Disable()
	default:
		l.selInfo.SetText("· " + ui.FormatCount(n) + " selected")
		l.review.Enable()
		l.sheets.Enable()
	}
	if n == 2 {
		l.pair.Enable()
	} else {
		l.pair.Disable()
	}
}

// order returns the ids the review screen walks through from id: the
// selection when it holds id and more, else the filter's order.
func (l *libraryScreen) order(id int64) []int64 {
	if sel := l.selected(); len(sel) > 1 {
		for _, s := range sel {
			if s == id {
				return sel
			}
		}
	}
	if l.src == nil {
		return nil
	}
	return l.src.IDs()
}

// activated opens the review screen on id; a file arriving cannot be
// opened yet, and the footer says so.
func (l *libraryScreen) activated(id int64) {
	if id < 0 {
		if a, ok := l.src.arrByID[id]; ok {
			l.selInfo.SetText("· " + filepath.Base(a.Path) + " is being imported: it opens once read and hashed")
		}
		return
	}
	l.host.Show(ui.ScreenReview, ui.Target{ImageID: id, Order: l.order(id)})
}

// contextMenu offers what can be done with the images selected.
func (l *libraryScreen) contextMenu(id int64, ev *fyne.PointEvent) {
	if id < 0 {
		l.activated(id) // says it cannot be opened yet
		return
	}
	sel := l.selected()
	items := []*fyne.MenuItem{
		fyne.NewMenuItem("Review", func() { l.activated(id) }),
		fyne.NewMenuItem(fmt.Sprintf("Add a tag to %s…", ui.Plural(len(sel), "image", "images")), func() { l.tagSelected(sel) }),
		fyne.NewMenuItem(fmt.Sprintf("Export %s…", ui.Plural(len(sel), "sheet", "sheets")), l.ExportSheets),
	}
	if len(sel) == 2 {
		items = append(items, fyne.NewMenuItem("Make a pair…", l.MakePair))
	}
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), l.host.Window().Canvas(), ev.AbsolutePosition)
}

// tagSelected asks for a tag and adds it to the images ids.
func (l *libraryScreen) tagSelected(ids []int64) {
	entry := widget.NewSelectEntry(l.bar.tagNames())
	entry.SetPlaceHolder("for example: damage, market, drone")
	d := dialog.NewForm(fmt.Sprintf("Tag %s", ui.Plural(len(ids), "image", "images")), "Add", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Tag", entry)}, func(ok bool) {
			if !ok || entry.Text == "" {
				return
			}
			tag := entry.Text
			c := l.s.Case
			ui.Background(l.s.Ctx, func(ctx context.Context) error {
				for _, id := range ids {
					if err := c.AddTag(ctx, id, tag); err != nil {
						return err
					}
				}
				return nil
			}, func(err error) {
				if err != nil {
					ui.ShowError(l.host.Window(), "Could not add the tag", err)
				}
				l.host.Changed(nil)
			})
		}, l.host.Window())
	d.Resize(fyne.NewSize(ui.DialogWidth(l.host.Window(), 440), 0))
	d.Show()
}

// sameQuery reports whether two queries select and order alike.
func sameQuery(a, b libraryQuery) bool {
	ca, cb := a.camera, b.camera
	a.camera, b.camera = nil, nil
	la, lb := a.linked, b.linked
	a.linked, b.linked = nil, nil
	return a == b && (ca == nil) == (cb == nil) && (ca == nil || *ca == *cb) &&
		(la == nil) == (lb == nil) && (la == nil || *la == *lb)
}

// ExportSheets exports a sheet for each image selected.
func (l *libraryScreen) ExportSheets() {
	ids := l.selected()
	if len(ids) == 0 {
		ui.ShowError(l.host.Window(), "No image selected", fmt.Errorf("select the images to export (click, Shift+click, Ctrl+click), then Export sheets… again"))
		return
	}
	name := l.s.Case.Name() + " - " + ui.Plural(len(ids), "image", "images")
	if len(ids) == 1 && l.src != nil {
		if im := l.src.byID[ids[0]]; im != nil {
			name = fmt.Sprintf("Image %d - %s", im.ID, ui.TrimExt(im.Name()))
		}
	}
	l.host.ExportSheets(export.Target{Images: ids}, "Export the sheets of the images selected",
		fmt.Sprintf("%s, one per image, in one PDF: each image with its marks, caption, SHA-256 and linked excerpts.",
			ui.Plural(len(ids), "sheet", "sheets")), name)
}
