package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/exhibit-app/exhibit/catalog"
)

// The sample's site: No. 12, the building that collapsed, seen in a series
// of images coded by two analysts, so that a new user sees a timeline and
// its window on first start.

// SiteName is the name of the sample's site.
const SiteName = "No. 12, Old Mill Street"

// siteCodes are the codes of the sample's images of No. 12: role, state,
// note. The drone's view from the north is left for the user to code.
var siteCodes = []struct{ role, state, note string }{
	{"satellite-before", catalog.StateIntact, "Roof of No. 12 whole, shadow to the north-west"},
	{"street-before", catalog.StateIntact, "Façade of No. 12 standing"},
	{"drone-before", catalog.StateIntact, "Roof and façade whole"},
	{"witness-rubble", catalog.StateDestroyed, "Heap of rubble where No. 12 stood"},
	{"witness-facade", catalog.StateUnclear, "No. 12 hardly in view: the picture shows No. 14"},
	{"street-after", catalog.StateDestroyed, "Gap in the street front"},
	{"drone-after", catalog.StateDestroyed, "Collapsed, smoke rising"},
	{"satellite-after", catalog.StateDestroyed, "Plot covered with debris, craters"},
	{"drone-after-north", "", ""},
}

// siteCoder is the analyst whose codes the sample holds (a fixed name:
// the sample is the same on every computer).
const siteCoder = "Analyst A (sample)"

// worldFile writes the world file of a satellite view beside its picture
// (name.jgw: the pixel size and position in degrees, WGS 84), so that the
// import reads its footprint. The views look nearly straight down, and the
// world file maps each pixel to where its ray meets the ground.
func (s shot) worldFile(dir string) error {
	cam := s.cam(s.w, s.h)
	ground := func(px, py float64) (lat, lon float64) {
		r := cam.ray(px, py)
		t := -cam.pos.Y / r.Y
		p := cam.pos.add(r.mul(t))
		return latLon(p.X, p.Z)
	}
	lat0, lon0 := ground(0, 0)
	latX, lonX := ground(float64(s.w-1), 0)
	latY, lonY := ground(0, float64(s.h-1))
	a := (lonX - lon0) / float64(s.w-1)
	d := (latX - lat0) / float64(s.w-1)
	b := (lonY - lon0) / float64(s.h-1)
	e := (latY - lat0) / float64(s.h-1)
	text := fmt.Sprintf("%.12e\n%.12e\n%.12e\n%.12e\n%.10f\n%.10f\n", a, d, b, e, lon0, lat0)
	path := filepath.Join(dir, strings.TrimSuffix(s.file, filepath.Ext(s.file))+".jgw")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return fmt.Errorf("demo: world file of %s: %w", s.file, err)
	}
	return nil
}

// writeWorldFiles writes the world files of the satellite views in dir.
func writeWorldFiles(dir string) error {
	for _, s := range shots() {
		if s.satellite {
			if err := s.worldFile(dir); err != nil {
				return err
			}
		}
	}
	return nil
}

// buildSite makes the sample's site, attaches its images and codes them.
func buildSite(ctx context.Context, c *catalog.Case, byRole map[string]*catalog.Image) error {
	lat, lon := latLon(13.5, 12)
	s, err := c.AddSite(ctx, catalog.NewSite{Name: SiteName, Lat: lat, Lon: lon, RadiusM: 15, Precision: catalog.PrecisionExact})
	if err != nil {
		return err
	}
	if err := c.EditSite(ctx, s.ID, catalog.SiteEdit{Note: "Three-storey house; the field report says it collapsed after a strike in mid-October 2017."}); err != nil {
		return err
	}
	for _, sc := range siteCodes {
		im := byRole[sc.role]
		if im == nil {
			return fmt.Errorf("site: no image %s", sc.role)
		}
		if sc.state == "" {
			if err := c.AttachImage(ctx, s.ID, im.ID, "sample"); err != nil {
				return err
			}
			continue
		}
		if _, err := c.CodeImage(ctx, s.ID, im.ID, sc.state, sc.note, siteCoder, false); err != nil {
			return err
		}
	}
	return nil
}
