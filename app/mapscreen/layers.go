package mapscreen

import (
	"context"
	"math"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/geo"
)

// mapLayers reads what the map draws under the images: each site as a
// circle of its radius (or its position's precision, when larger) with
// its name, and the footprint of each georeferenced image with its file
// name.
func mapLayers(ctx context.Context, c *catalog.Case) (geo.Layers, error) {
	var ly geo.Layers
	sites, err := c.Sites(ctx, false)
	if err != nil {
		return ly, err
	}
	for _, s := range sites {
		lat, lon := s.Position()
		ly.Sites = append(ly.Sites, geo.Circle{ID: s.ID, Pos: geo.Project(lat, lon), RadiusM: math.Max(s.RadiusM, s.PrecisionM), Label: s.Name})
	}
	ims, err := c.Images(ctx, catalog.Filter{})
	if err != nil {
		return ly, err
	}
	ids := make([]int64, len(ims))
	names := map[int64]string{}
	for i, im := range ims {
		ids[i] = im.ID
		names[im.ID] = im.Name()
	}
	fps, err := c.Footprints(ctx, ids)
	if err != nil {
		return ly, err
	}
	for _, im := range ims {
		f := fps[im.ID]
		if f == nil {
			continue
		}
		o := geo.Outline{ID: im.ID, Label: names[im.ID]}
		for _, p := range f.Ring[:4] {
			o.Ring = append(o.Ring, geo.Project(p[1], p[0]))
		}
		ly.Footprints = append(ly.Footprints, o)
	}
	return ly, nil
}
