package demo

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"net/url"
	"os"

	_ "modernc.org/sqlite" // the MBTiles file

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/geo"
)

// BasemapName is the name of the sample case's basemap, in the case
// folder: the map uses a basemap.mbtiles it finds there.
const BasemapName = "basemap.mbtiles"

// The basemap: a vertical view of the town after the strike, basemapSpan
// metres square around the town's origin, north up, in Web Mercator tiles
// of zooms basemapMinZoom to basemapMaxZoom.
const (
	basemapSpan    = 340.0
	basemapPixels  = 1700
	basemapMinZoom = 15
	basemapMaxZoom = 19
)

// basemapShot looks straight down on the town from 4 km, as the satellite
// pictures do (nearly: from there a roof 15 m high moves under a metre at
// the edges), with north up.
func basemapShot() shot {
	hfov := 2 * math.Atan(basemapSpan/2/4000) * 180 / math.Pi
	return shot{
		file: "basemap", role: "basemap", w: basemapPixels, h: basemapPixels, after: true,
		light: lightSatAfter, grade: gradeSat, satellite: true,
		cam: func(w, h int) camera { return newCamera(v3(0, 4000, 0), 0, -90, 0, hfov, w, h) },
	}
}

// WriteBasemap renders the sample town from above and writes it to path
// as an MBTiles file (synthetic imagery, like the sample's satellite
// pictures), so that the sample's map shows its streets offline.
func WriteBasemap(ctx context.Context, path string) error {
	s := basemapShot()
	ws := buildWorlds([]shot{s})
	pix, err := ws.renderShot(s, s.w, s.h)
	if err != nil {
		return fmt.Errorf("demo: render the basemap: %w", err)
	}
	os.Remove(path)
	db, err := sql.Open("sqlite", catalog.SQLiteURI(path, url.Values{}))
	if err != nil {
		return fmt.Errorf("demo: write the basemap: %w", err)
	}
	defer db.Close()
	lat0, lon0 := latLon(-basemapSpan/2, -basemapSpan/2)
	lat1, lon1 := latLon(basemapSpan/2, basemapSpan/2)
	stmts := []string{
		`CREATE TABLE metadata (name TEXT, value TEXT)`,
		`CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)`,
		`CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)`,
	}
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("demo: write the basemap: %w", err)
		}
	}
	meta := map[string]string{
		"name": "Kafr Nadim, 17 October 2017 (synthetic imagery made by Exhibit)", "format": "png", "type": "overlay",
		"minzoom": fmt.Sprint(basemapMinZoom), "maxzoom": fmt.Sprint(basemapMaxZoom),
		"bounds": fmt.Sprintf("%.6f,%.6f,%.6f,%.6f", lon0, lat0, lon1, lat1),
	}
	for k, v := range meta {
		if _, err := db.ExecContext(ctx, `INSERT INTO metadata VALUES (?, ?)`, k, v); err != nil {
			return fmt.Errorf("demo: write the basemap: %w", err)
		}
	}
	nw, se := geo.Project(lat1, lon0), geo.Project(lat0, lon1)
	for z := basemapMinZoom; z <= basemapMaxZoom; z++ {
		n := float64(int(1) << z)
		for ty := int(nw.Y * n); ty <= int(se.Y*n); ty++ {
			for tx := int(nw.X * n); tx <= int(se.X*n); tx++ {
				if err := ctx.Err(); err != nil {
					return err
				}
				data, err := basemapTile(pix, s.w, s.h, z, tx, ty)
				if err != nil {
					return fmt.Errorf("demo: basemap tile %d/%d/%d: %w", z, tx, ty, err)
				}
				tms := (1 << z) - 1 - ty
				if _, err := db.ExecContext(ctx, `INSERT INTO tiles VALUES (?, ?, ?, ?)`, z, tx, tms, data); err != nil {
					return fmt.Errorf("demo: write the basemap: %w", err)
				}
			}
		}
	}
	return nil
}

// basemapTile resamples the rendered view (RGB, w×h) into tile (z, tx, ty),
// transparent outside the view, as PNG.
func basemapTile(pix []uint8, w, h, z, tx, ty int) ([]byte, error) {
	const m = 111320.0
	tile := image.NewNRGBA(image.Rect(0, 0, geo.TileSize, geo.TileSize))
	n := float64(int(1) << z)
	cosLat := math.Cos(deg(originLat))
	for py := 0; py < geo.TileSize; py++ {
		for px := 0; px < geo.TileSize; px++ {
			lat, lon := geo.Unproject(geo.Point{
				X: (float64(tx) + (float64(px)+0.5)/geo.TileSize) / n,
				Y: (float64(ty) + (float64(py)+0.5)/geo.TileSize) / n,
			})
			x := (lon - originLon) * m * cosLat // metres east
			zn := (lat - originLat) * m         // metres north
			ix := (x/basemapSpan+0.5)*float64(w) - 0.5
			iy := (0.5-zn/basemapSpan)*float64(h) - 0.5
			if ix < 0 || iy < 0 || ix > float64(w-1) || iy > float64(h-1) {
				continue
			}
			tile.SetNRGBA(px, py, bilinearRGB(pix, w, ix, iy))
		}
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, tile); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// bilinearRGB samples an RGB picture of width w at (x, y), inside it.
func bilinearRGB(pix []uint8, w int, x, y float64) color.NRGBA {
	x0, y0 := int(x), int(y)
	x1, y1 := x0+1, y0+1
	h := len(pix) / (3 * w)
	x1, y1 = min(x1, w-1), min(y1, h-1)
	fx, fy := x-float64(x0), y-float64(y0)
	var out [3]float64
	for c := range 3 {
		a := float64(pix[3*(y0*w+x0)+c])*(1-fx) + float64(pix[3*(y0*w+x1)+c])*fx
		b := float64(pix[3*(y1*w+x0)+c])*(1-fx) + float64(pix[3*(y1*w+x1)+c])*fx
		out[c] = a*(1-fy) + b*fy
	}
	return color.NRGBA{uint8(out[0] + 0.5), uint8(out[1] + 0.5), uint8(out[2] + 0.5), 255}
}
