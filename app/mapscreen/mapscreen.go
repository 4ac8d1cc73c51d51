package mapscreen

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"fmt"
	"image"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
	"github.com/exhibit-app/exhibit/internal/geo"
	"github.com/exhibit-app/exhibit/viewer"
)

// Host is what the map screen asks of the window it is shown in.
type Host interface {
	Window() fyne.Window
	Clipboard() fyne.Clipboard
	// Show switches to another screen (Review, on an image).
	Show(screen string, t ui.Target)
	// ChooseFile asks for a file with one of exts (the basemap).
	ChooseFile(title, confirm, what string, exts []string, then func(path string))
}

// Settings are the settings the map screen reads and keeps: the basemap
// chosen for each case.
type Settings interface {
	Basemap(caseDir string) string
	SetBasemap(caseDir, path string)
}

// mapScreen places the case's images on a map that works offline: each
// image with a GPS position is a point, with a wedge for the direction the
// camera faced when it is recorded. The basemap is an MBTiles file the
// user chooses (nothing is fetched from the network); without one, the
// built-in world map (Natural Earth's countries) under a grid of latitude
// and longitude.
type mapScreen struct {
	host     Host
	settings Settings
	s        *ui.Session

	content  fyne.CanvasObject
	m        *viewer.MapView
	count    *widget.Label
	basemap  *widget.Label
	clearMap *widget.Button
	side     *fyne.Container
	thumb    *canvas.Image
	swipe    *swiper
	menu     *fyne.Menu // the menu of a place, last shown

	data      mapData
	loading   ui.Latest
	thumbing  ui.Latest
	tiles     *geo.MBTiles
	tilesPath string
	pending   int64 // the image to select once the data is read
	opened    bool  // shown once: the data and basemap are being read
}

// mapData is what the map shows: the images with a position, in capture
// order, and how many images the case has.
type mapData struct {
	images []*catalog.Image
	layers geo.Layers // the sites and footprints
	byID   map[int64]*catalog.Image
	order  []int64
	total  int
}

// New makes the map screen of the case of s.
func New(host Host, settings Settings, s *ui.Session) ui.Screen {
	return newMapScreen(host, settings, s)
}

func newMapScreen(host Host, settings Settings, s *ui.Session) *mapScreen {
	ms := &mapScreen{host: host, settings: settings, s: s}
	ms.m = viewer.NewMapView()
	ms.m.OnSelected = ms.selected
	ms.m.OnSecondary = ms.menuAt
	ms.count = widget.NewLabel("")
	ms.basemap = widget.NewLabel("")
	ms.basemap.Truncation = fyne.TextTruncateEllipsis
	ms.basemap.Importance = widget.LowImportance
	choose := widget.NewButtonWithIcon("Basemap…", theme.FolderOpenIcon(), ms.chooseBasemap)
	ms.clearMap = widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { ms.setBasemap("") })
	ms.clearMap.Hide()
	fit := widget.NewButtonWithIcon("Fit", theme.ZoomFitIcon(), ms.m.Fit)
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { ms.m.ZoomBy(1.5) })
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { ms.m.ZoomBy(1 / 1.5) })
	ms.swipe = newSwiper(ms)
	bar := container.NewBorder(nil, ms.swipe.row, ms.count,
		container.NewHBox(zoomOut, zoomIn, fit, widget.NewSeparator(), ms.swipe.open, choose, ms.clearMap), ms.basemap)
	ms.thumb = canvas.NewImageFromImage(nil)
	ms.thumb.FillMode = canvas.ImageFillContain
	ms.thumb.SetMinSize(fyne.NewSize(300, 225))
	ms.side = container.NewVBox()
	ms.showNone()
	side := container.New(ui.WidthLayout{Width: 340}, container.NewVScroll(ms.side))
	ms.content = container.NewBorder(container.NewPadded(bar), nil, nil, side, ms.m)
	return ms
}

// Content returns the screen.
func (ms *mapScreen) Content() fyne.CanvasObject { return ms.content }

// Open shows the screen, on t's image when given. The images and the
// basemap are read when the screen is first shown, not when the case is
// opened (the library comes first).
func (ms *mapScreen) Open(t ui.Target) {
	if !ms.opened {
		ms.opened = true
		ms.openSavedBasemap()
		ms.reload()
	}
	if t.ImageID != 0 {
		ms.pending = t.ImageID
		ms.selectPending()
	}
}

// Reload reads the images again (once the screen has been shown).
func (ms *mapScreen) Reload() {
	if ms.opened {
		ms.reload()
	}
}

// Close stops the loads and closes the basemap.
func (ms *mapScreen) Close() {
	ms.loading.Stop()
	ms.thumbing.Stop()
	ms.swipe.loading.Stop()
	if ms.tiles != nil {
		ms.tiles.Close()
		ms.tiles = nil
	}
}

// TypedRune zooms with + and -, and fits with 0.
func (ms *mapScreen) TypedRune(r rune) {
	switch r {
	case '+', '=':
		ms.m.ZoomBy(1.5)
	case '-':
		ms.m.ZoomBy(1 / 1.5)
	case '0':
		ms.m.Fit()
	}
}

func (ms *mapScreen) reload() {
	c := ms.s.Case
	ui.Load(&ms.loading, ms.s.Ctx, func(ctx context.Context) (mapData, error) {
		ims, err := c.Images(ctx, catalog.Filter{HasGPS: true, Sort: catalog.SortTaken})
		if err != nil {
			return mapData{}, err
		}
		d := mapData{images: ims, byID: map[int64]*catalog.Image{}}
		for _, im := range ims {
			d.byID[im.ID] = im
			d.order = append(d.order, im.ID)
		}
		d.total, err = c.CountImages(ctx)
		if err != nil {
			return d, err
		}
		d.layers, err = mapLayers(ctx, c)
		return d, err
	}, ms.update, func(err error) {
		ms.count.SetText("")
		ui.ShowError(ms.host.Window(), "Could not place the images on the map", err)
	})
}

// update shows the images read.
func (ms *mapScreen) update(d mapData) {
	ms.data = d
	markers := make([]geo.Marker, 0, len(d.images))
	for _, im := range d.images {
		markers = append(markers, geo.Marker{ID: im.ID, Pos: geo.Project(*im.Lat, *im.Lon), Direction: im.Direction,
			Label: im.Name()})
	}
	ms.m.SetLayers(d.layers.Sites, d.layers.Footprints)
	ms.swipe.setFootprints(d.layers.Footprints)
	ms.m.SetMarkers(markers)
	ms.count.SetText(fmt.Sprintf("%s of %s have a position", ui.FormatCount(len(d.images)), ui.Plural(d.total, "image", "images")))
	if sel := ms.m.Selected(); sel != 0 && d.byID[sel] == nil {
		ms.m.Select(0)
		ms.showNone()
	}
	ms.selectPending()
}

// selectPending selects the image Open asked for, once it is read.
func (ms *mapScreen) selectPending() {
	id := ms.pending
	if id == 0 || ms.data.byID == nil {
		return
	}
	ms.pending = 0
	if ms.data.byID[id] == nil {
		ms.showNone()
		ms.side.Add(ui.Caption("This image has no GPS position."))
		return
	}
	ms.m.Select(id)
	ms.m.CenterOn(id)
	ms.selected(id)
}

// selected shows the image tapped on the map.
func (ms *mapScreen) selected(id int64) {
	im := ms.data.byID[id]
	if im == nil {
		ms.thumbing.Stop()
		ms.showNone()
		return
	}
	ms.side.RemoveAll()
	ms.thumb.Image = nil
	ms.thumb.Refresh()
	review := widget.NewButtonWithIcon("Review", theme.VisibilityIcon(), func() {
		ms.host.Show(ui.ScreenReview, ui.Target{ImageID: id, Order: ms.data.order})
	})
	review.Importance = widget.HighImportance
	ms.side.Add(ms.thumb)
	ms.side.Add(ui.Heading(im.Name()))
	ms.side.Add(review)
	ms.side.Add(ui.NewMetaPanel(im, ms.host.Clipboard()))
	c := ms.s.Case
	ui.Load(&ms.thumbing, ms.s.Ctx, func(ctx context.Context) (image.Image, error) {
		return ui.LoadThumb(ctx, c, im)
	}, func(img image.Image) {
		ms.thumb.Image = img
		ms.thumb.Refresh()
	}, nil)
}

// showNone says how to use the map when no image is selected.
func (ms *mapScreen) showNone() {
	ms.side.RemoveAll()
	ms.side.Add(ui.Heading("Where the images were taken"))
	ms.side.Add(ui.Wrapped("Each point is an image with a GPS position; the wedge shows the direction the camera faced, when it is recorded. " +
		"Tap a point to see the image. Drag to move the map, scroll to zoom; right-click a place to add a site there."))
	ms.side.Add(ui.Wrapped("The map works offline. For streets and buildings under the points, choose a basemap: an MBTiles file " +
		"(made with QGIS, MapTiler or gdal from maps or imagery you hold). Without one, a built-in world map (Natural Earth: land, coasts, borders, countries, cities) under a grid of latitude and longitude."))
}

// menuAt offers what can be done at a place of the map: add a site there
// (on the Sites screen), copy its position.
func (ms *mapScreen) menuAt(lat, lon float64, at fyne.Position) {
	// To 6 decimals: about 10 cm, finer than a click.
	lat, lon = math.Round(lat*1e6)/1e6, math.Round(lon*1e6)/1e6
	pos := fmt.Sprintf("%.6f,%.6f", lat, lon)
	ms.menu = fyne.NewMenu("",
		fyne.NewMenuItem("Add a site here ("+pos+")…", func() { ms.addSiteAt(lat, lon) }),
		fyne.NewMenuItem("Copy the position", func() { ms.host.Clipboard().SetContent(pos) }),
	)
	widget.ShowPopUpMenuAtPosition(ms.menu, ms.host.Window().Canvas(), at)
}

// addSiteAt opens the Sites screen's dialog that adds a site, at lat, lon.
func (ms *mapScreen) addSiteAt(lat, lon float64) {
	ms.host.Show(ui.ScreenSites, ui.Target{NewSiteAt: &[2]float64{lat, lon}})
}

// chooseBasemap asks for an MBTiles file.
func (ms *mapScreen) chooseBasemap() {
	ms.host.ChooseFile("Choose a basemap", "Open", "the basemap", []string{".mbtiles"}, ms.setBasemap)
}

// openSavedBasemap opens the basemap last chosen for this case.
func (ms *mapScreen) openSavedBasemap() {
	path := ms.settings.Basemap(ms.s.Case.Dir())
	switch path {
	case "":
		path = export.CaseBasemap(ms.s.Case.Dir())
	case noBasemap:
		path = ""
	}
	if path != "" {
		ms.openBasemap(path, false)
		return
	}
	ms.basemap.SetText("No basemap: the built-in world map (Natural Earth)")
}

// noBasemap is remembered when the user chose to have no basemap (the
// case's own basemap.mbtiles is then not used either).
const noBasemap = "none"

// setBasemap uses the MBTiles file at path ("": none) and remembers it for
// this case.
func (ms *mapScreen) setBasemap(path string) {
	if path == "" {
		ms.settings.SetBasemap(ms.s.Case.Dir(), noBasemap)
		ms.useTiles(nil, "")
		return
	}
	ms.openBasemap(path, true)
}

func (ms *mapScreen) openBasemap(path string, chosen bool) {
	ms.basemap.SetText("Opening " + path + "…")
	var t *geo.MBTiles
	ui.Background(ms.s.Ctx, func(ctx context.Context) (err error) {
		t, err = geo.OpenMBTiles(ctx, path)
		return err
	}, func(err error) {
		if ms.s.Ctx.Err() != nil {
			if t != nil {
				t.Close()
			}
			return
		}
		if err != nil && chosen {
			// The basemap shown stays.
			ms.useTiles(ms.tiles, ms.tilesPath)
			ui.ShowError(ms.host.Window(), "Could not open the basemap", err)
			return
		}
		if err != nil {
			ms.basemap.SetText("No basemap: " + ui.ErrorText(err))
			return
		}
		ms.settings.SetBasemap(ms.s.Case.Dir(), path)
		ms.useTiles(t, path)
	})
}

// useTiles shows t (nil: none) under the points.
func (ms *mapScreen) useTiles(t *geo.MBTiles, path string) {
	if ms.tiles != nil && ms.tiles != t {
		ms.tiles.Close()
	}
	ms.tiles, ms.tilesPath = t, path
	if t == nil {
		ms.m.SetTiles(nil)
		ms.basemap.SetText("No basemap: the built-in world map (Natural Earth)")
		ms.clearMap.Hide()
		return
	}
	ms.m.SetTiles(t)
	ms.basemap.SetText("Basemap: " + t.Name() + " (" + path + ")")
	ms.clearMap.Show()
}
