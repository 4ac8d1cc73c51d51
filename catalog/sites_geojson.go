package catalog

import (
	"context"
	"math"
	"strconv"
)

// siteCircleVertices is how many corners a site's circle has in GeoJSON.
const siteCircleVertices = 64

// siteFeatures returns the GeoJSON features of the case's sites: each a
// Polygon approximating its circle (its radius, or its position's
// precision when larger), with its position, radius and status in its
// properties ("kind": "site").
func (c *Case) siteFeatures(ctx context.Context) ([]map[string]any, error) {
	sites, err := c.Sites(ctx, false)
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for _, s := range sites {
		lat, lon := s.Position()
		r := math.Max(s.RadiusM, s.PrecisionM)
		out = append(out, map[string]any{
			"type": "Feature", "id": "site:" + strconv.FormatInt(s.ID, 10),
			"geometry": map[string]any{"type": "Polygon", "coordinates": [][][2]float64{CircleRing(lat, lon, r, siteCircleVertices)}},
			"properties": map[string]any{"kind": "site", "site_id": s.ID, "name": s.Name, "lat": lat, "lon": lon,
				"radius_m": s.RadiusM, "precision": s.Precision, "precision_m": s.PrecisionM, "status": s.Status,
				"verified": s.Verified != nil, "images": s.ImageCount},
		})
	}
	return out, nil
}

// CircleRing returns n+1 [longitude, latitude] corners (closed,
// counterclockwise, as GeoJSON wants) of a circle of r metres around a
// position, on a sphere of the Earth's mean radius.
func CircleRing(lat, lon, r float64, n int) [][2]float64 {
	const earth = 6371008.8
	d := r / earth
	φ1, λ1 := lat*math.Pi/180, lon*math.Pi/180
	ring := make([][2]float64, 0, n+1)
	for i := 0; i <= n; i++ {
		θ := 2 * math.Pi * float64(i%n) / float64(n) // bearing, clockwise from north
		θ = -θ                                       // counterclockwise
		φ2 := math.Asin(math.Sin(φ1)*math.Cos(d) + math.Cos(φ1)*math.Sin(d)*math.Cos(θ))
		λ2 := λ1 + math.Atan2(math.Sin(θ)*math.Sin(d)*math.Cos(φ1), math.Cos(d)-math.Sin(φ1)*math.Sin(φ2))
		ring = append(ring, [2]float64{λ2 * 180 / math.Pi, φ2 * 180 / math.Pi})
	}
	return ring
}
