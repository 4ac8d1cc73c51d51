package catalog

import (
	"context"
	"fmt"
	"math"
	"sort"
)

// viewHalfAngle is how far, in degrees, the direction a camera faced may
// be from the bearing to a site for the image to be taken as looking at it.
const viewHalfAngle = 45

// atSite is the distance, in metres, within which a camera is taken to be
// at the site itself, whatever its direction.
const atSite = 10

// SiteSuggestion is an image that may show a site, and why.
type SiteSuggestion struct {
	Image *Image
	Why   string
	// DistanceM is from the image's position to the site, or from the
	// centre of its footprint.
	DistanceM float64
}

// SuggestImages proposes the images that may show a site: those taken
// within its radius (looking towards it, within ±45° of the bearing, when
// the direction is known) and the georeferenced ones whose footprint
// contains it. Images attached or rejected already are left out, and so
// are positions at exactly 0°, 0° (a GPS without a fix). Nearest first.
func (c *Case) SuggestImages(ctx context.Context, siteID int64) ([]SiteSuggestion, error) {
	s, err := c.Site(ctx, siteID)
	if err != nil {
		return nil, err
	}
	lat, lon := s.Position()
	decided := map[int64]bool{}
	rows, err := c.rd.QueryContext(ctx, `SELECT DISTINCT image_id FROM site_images WHERE site_id = ?`, siteID)
	if err != nil {
		return nil, fmt.Errorf("suggest images for site %d: %w", siteID, err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		decided[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := []SiteSuggestion{}
	seen := map[int64]bool{}
	near, err := c.Images(ctx, Filter{Near: &Near{Lat: lat, Lon: lon, Km: s.RadiusM / 1000 * 1.01}})
	if err != nil {
		return nil, fmt.Errorf("suggest images for site %d: %w", siteID, err)
	}
	for _, im := range near {
		if decided[im.ID] || *im.Lat == 0 && *im.Lon == 0 {
			continue
		}
		d := distanceM(*im.Lat, *im.Lon, lat, lon)
		if d > s.RadiusM {
			continue
		}
		why := fmt.Sprintf("taken %.0f m from the site, within its radius of %.0f m", d, s.RadiusM)
		if im.Direction != nil && d > atSite {
			b := bearing(*im.Lat, *im.Lon, lat, lon)
			off := math.Abs(math.Mod(*im.Direction-b+540, 360) - 180)
			if off > viewHalfAngle {
				continue
			}
			why += fmt.Sprintf(", facing %.0f°, %.0f° from the bearing to the site (%.0f°)", *im.Direction, off, b)
		} else if im.Direction == nil {
			why += ", direction of view unknown"
		}
		seen[im.ID] = true
		out = append(out, SiteSuggestion{Image: im, Why: why, DistanceM: d})
	}
	feet, err := c.Footprints(ctx, nil)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for id, f := range feet {
		if !decided[id] && !seen[id] && f.Contains(lon, lat) {
			ids = append(ids, id)
		}
	}
	if len(ids) > 0 {
		ims, err := c.Images(ctx, Filter{IDs: ids})
		if err != nil {
			return nil, err
		}
		for _, im := range ims {
			f := feet[im.ID]
			clon, clat := f.Centre()
			src := "its GeoTIFF tags"
			if f.Source == "world" {
				src = "its world file"
			}
			out = append(out, SiteSuggestion{Image: im, DistanceM: distanceM(clat, clon, lat, lon),
				Why: fmt.Sprintf("its footprint (from %s, EPSG %d) contains the site", src, f.EPSG)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].DistanceM != out[j].DistanceM {
			return out[i].DistanceM < out[j].DistanceM
		}
		return out[i].Image.ID < out[j].Image.ID
	})
	return out, nil
}
