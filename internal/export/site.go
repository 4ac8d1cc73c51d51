package export

import (
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"os"
	"strings"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/geo"
	"github.com/exhibit-app/exhibit/internal/manifest"
	"github.com/exhibit-app/exhibit/internal/sheet"
	"github.com/exhibit-app/exhibit/internal/timeline"
)

// The site sheet's strip and map, in layout units and pixels.
const (
	siteStripWidth = 900 // timeline units; printed at stripScale pixels a unit
	stripScale     = 2
	siteMapW       = 1200
	siteMapH       = 760
)

// TimelineItems returns a site's images as items of its time axis: those
// with a footprint (georeferenced) on the overhead row, the others on the
// ground row, each with its agreed state.
func TimelineItems(r *catalog.SiteReport, fps map[int64]*catalog.Footprint) []timeline.Item {
	items := make([]timeline.Item, 0, len(r.Images))
	for _, si := range r.Images {
		row := timeline.RowGround
		if fps[si.Image.ID] != nil {
			row = timeline.RowOverhead
		}
		items = append(items, timeline.Item{ID: si.Image.ID, At: si.Image.TakenAt, Row: row, State: si.State,
			Disputed: si.Disputed, Label: si.Image.Name()})
	}
	return items
}

// TimelineWindow is the band of a site's window.
func TimelineWindow(r *catalog.SiteReport) timeline.Window {
	return timeline.Window{NotBefore: r.Window.NotBefore, NotAfter: r.Window.NotAfter}
}

// siteImage returns the image of the report with this id.
func siteImage(r *catalog.SiteReport, id int64) *catalog.SiteImage {
	for i := range r.Images {
		if r.Images[i].Image.ID == id {
			return &r.Images[i]
		}
	}
	return nil
}

// named names an image for a person: its file name and id.
func named(im *catalog.Image) string { return fmt.Sprintf("%s (image %d)", im.Name(), im.ID) }

// WindowSentence says in words when the site was damaged, naming the two
// images that bracket it and their capture times.
func WindowSentence(r *catalog.SiteReport) string {
	w := r.Window
	before, after := siteImage(r, w.BeforeImage), siteImage(r, w.AfterImage)
	switch {
	case before != nil && after != nil:
		return fmt.Sprintf("%s was damaged after %s, taken %s, the last image that shows it intact, and by %s, taken %s, the first that shows it %s.",
			r.Site.Name, named(before.Image), before.Image.TakenString(), named(after.Image), after.Image.TakenString(), after.State)
	case after != nil:
		return fmt.Sprintf("%s was already %s in %s, taken %s, the first image coded damaged or destroyed; no earlier image shows it intact.",
			r.Site.Name, after.State, named(after.Image), after.Image.TakenString())
	case before != nil:
		return fmt.Sprintf("%s is intact in every dated image coded: not damaged before %s, taken %s, the last of them.",
			r.Site.Name, named(before.Image), before.Image.TakenString())
	}
	return "No window yet: no dated image of " + r.Site.Name + " is coded intact, damaged or destroyed."
}

// SiteWindowShort is the window in a few words for a list: "12 Oct 2017 – 15 Oct 2017".
func SiteWindowShort(r *catalog.SiteReport) string {
	f := func(im int64) string {
		if si := siteImage(r, im); si != nil && si.Image.TakenAt != nil {
			return si.Image.TakenAt.Format("2 Jan 2006")
		}
		return "?"
	}
	switch w := r.Window; {
	case w.BeforeImage != 0 && w.AfterImage != 0:
		return f(w.BeforeImage) + " – " + f(w.AfterImage)
	case w.AfterImage != 0:
		return "by " + f(w.AfterImage)
	case w.BeforeImage != 0:
		return "intact on " + f(w.BeforeImage)
	}
	return "no window"
}

// SiteLayers returns what a map of a site shows: its circle (its radius,
// or its position's precision when larger), the footprints of its
// georeferenced images, and its images with a position.
func SiteLayers(r *catalog.SiteReport, fps map[int64]*catalog.Footprint) geo.Layers {
	s := r.Site
	lat, lon := s.Position()
	ly := geo.Layers{Sites: []geo.Circle{{ID: s.ID, Pos: geo.Project(lat, lon), RadiusM: math.Max(s.RadiusM, s.PrecisionM), Label: s.Name}},
		SelectedSite: s.ID}
	for _, si := range r.Images {
		im := si.Image
		if f := fps[im.ID]; f != nil {
			o := geo.Outline{ID: im.ID, Label: im.Name()}
			for _, p := range f.Ring[:4] {
				o.Ring = append(o.Ring, geo.Project(p[1], p[0]))
			}
			ly.Footprints = append(ly.Footprints, o)
		}
		if im.Lat != nil && im.Lon != nil && fps[im.ID] == nil {
			ly.Markers = append(ly.Markers, geo.Marker{ID: im.ID, Pos: geo.Project(*im.Lat, *im.Lon), Direction: im.Direction, Label: im.Name()})
		}
	}
	return ly
}

// SiteMap draws a w×h map of a site (see SiteLayers) over the case's
// basemap when it has one, k pixels a unit.
func SiteMap(ctx context.Context, c *catalog.Case, r *catalog.SiteReport, fps map[int64]*catalog.Footprint, w, h int, k float64) image.Image {
	ly := SiteLayers(r, fps)
	c0 := ly.Sites[0]
	span := math.Max(6*c0.RadiusM, 250)
	pts := []geo.Point{geo.PointAt(c0.Pos, -span/2, -span/2), geo.PointAt(c0.Pos, span/2, span/2)}
	v := geo.Fit(pts, float64(w), float64(h), 10*k, 100)
	var tiles geo.TileSource
	if p := CaseBasemap(c.Dir()); p != "" {
		if t, err := geo.OpenMBTiles(ctx, p); err == nil {
			defer t.Close()
			tiles = t
		}
	}
	return geo.RenderLayers(v, ly, 0, tiles, geo.LightStyle, k)
}

// SiteFootprints returns the footprints of a site's images.
func SiteFootprints(ctx context.Context, c *catalog.Case, r *catalog.SiteReport) (map[int64]*catalog.Footprint, error) {
	ids := make([]int64, len(r.Images))
	for i, si := range r.Images {
		ids[i] = si.Image.ID
	}
	return c.Footprints(ctx, ids)
}

// SiteSheet gathers the sheet of a site: its timeline strip, the two
// images that bracket its window side by side with their capture times and
// full SHA-256, the window in words, a map of the site with its circle,
// and the excerpts linked to its images with their citations.
func SiteSheet(ctx context.Context, c *catalog.Case, siteID int64) (*sheet.Sheet, error) {
	s, _, err := siteSheet(ctx, c, siteID)
	return s, err
}

func siteSheet(ctx context.Context, c *catalog.Case, siteID int64) (*sheet.Sheet, *manifest.Item, error) {
	r, err := c.SiteReport(ctx, siteID, "")
	if err != nil {
		return nil, nil, fmt.Errorf("sheet of site %d: %w", siteID, err)
	}
	name := r.Site.Name
	fail := func(err error) (*sheet.Sheet, *manifest.Item, error) {
		return nil, nil, fmt.Errorf("sheet of site %s: %w", name, err)
	}
	if r.Window.BeforeImage == 0 && r.Window.AfterImage == 0 {
		return fail(fmt.Errorf("no window yet: code its images intact, damaged or destroyed first"))
	}
	fps, err := SiteFootprints(ctx, c, r)
	if err != nil {
		return fail(err)
	}
	lat, lon := r.Site.Position()
	sub := fmt.Sprintf("Site %d · %.6f, %.6f · radius %g m · position %s (±%g m), %s · %d images",
		r.Site.ID, lat, lon, r.Site.RadiusM, r.Site.Precision, r.Site.PrecisionM, r.Site.Status, len(r.Images))
	words := WindowSentence(r)
	s := &sheet.Sheet{Title: name, Subtitle: sub, Kicker: "Exhibit site sheet", DateWindow: words, WindowHeading: "When it was damaged"}
	id := r.Site.ID
	item := &manifest.Item{Title: name, Site: &id, Window: words, Images: []manifest.Image{}, Marks: []manifest.Mark{}}

	// The strip.
	thumbs := map[int64]image.Image{}
	for _, si := range r.Images {
		if img, err := thumbOf(ctx, c, si.Image); err == nil {
			thumbs[si.Image.ID] = img
		}
	}
	l := timeline.Arrange(TimelineItems(r, fps), TimelineWindow(r), siteStripWidth, timeline.DefaultSizes)
	s.Figures = append(s.Figures, sheet.Figure{Heading: "Timeline", Top: true, MaxHeightMM: 75,
		Image:   timeline.Render(l, thumbs, timeline.DefaultSizes, stripScale),
		Caption: "Each image of the site at its capture time, framed in the colour of its state as coded; the band is the window between the two images below."})

	// The bracketing pair.
	for _, b := range []struct {
		id          int64
		label, role string
	}{{r.Window.BeforeImage, "Before: last seen intact", "before"}, {r.Window.AfterImage, "After: first seen damaged", "after"}} {
		if b.id == 0 {
			continue
		}
		si := siteImage(r, b.id)
		// Printed from its original, like every image of a sheet.
		panel, err := panelOf(ctx, c, si.Image, nil)
		if err != nil {
			return fail(err)
		}
		panel.Label = b.label
		if b.role == "after" {
			panel.Label = "After: first seen " + si.State
		}
		s.Images = append(s.Images, panel)
		item.Images = append(item.Images, manifest.ImageOf(b.role, si.Image, panel.FileName))
	}

	// The map.
	s.Figures = append(s.Figures, sheet.Figure{Heading: "Where", WidthMM: 120, MaxHeightMM: 80,
		Image:   SiteMap(ctx, c, r, fps, siteMapW, siteMapH, 2),
		Caption: fmt.Sprintf("The site's circle (%g m) at its %s position; outlines: the ground the georeferenced images cover; points: the images with a GPS position.", math.Max(r.Site.RadiusM, r.Site.PrecisionM), strings.ToLower(positionKind(r.Site)))})

	// Notes: the site's, and what the window leaves out.
	var notes []string
	for _, n := range r.Site.Notes {
		notes = append(notes, n.Text)
	}
	for _, k := range r.Contradictions {
		if si := siteImage(r, k.ImageID); si != nil {
			notes = append(notes, "Not used for the window: "+named(si.Image)+": "+k.Reason+".")
		}
	}
	s.Notes = strings.Join(notes, "\n")
	ids := make([]int64, len(r.Images))
	for i, si := range r.Images {
		ids[i] = si.Image.ID
	}
	if s.Excerpts, item.Excerpts, err = quotes(ctx, c, ids...); err != nil {
		return fail(err)
	}
	return s, item, nil
}

// positionKind says whether a site's position is verified or claimed.
func positionKind(s *catalog.Site) string {
	if s.Verified != nil {
		return "verified"
	}
	return "claimed"
}

// thumbOf decodes an image's cached thumbnail (made if needed).
func thumbOf(ctx context.Context, c *catalog.Case, im *catalog.Image) (image.Image, error) {
	path, err := c.Thumb(ctx, im)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := jpeg.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("thumbnail of image %d: %w", im.ID, err)
	}
	return img, nil
}
