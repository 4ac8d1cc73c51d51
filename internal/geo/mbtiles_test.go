package geo

import (
	"bytes"
	"context"
	"database/sql"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeMBTiles makes an MBTiles file holding, for each (z, x, y) given in
// the XYZ scheme, a tile of one colour (red = z, green = x, blue = y).
func writeMBTiles(t *testing.T, tiles [][3]int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "town.mbtiles")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`CREATE TABLE metadata (name TEXT, value TEXT)`,
		`CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)`,
		`INSERT INTO metadata VALUES ('name', 'Test town'), ('format', 'png')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range tiles {
		var buf bytes.Buffer
		tile := image.NewRGBA(image.Rect(0, 0, TileSize, TileSize))
		draw.Draw(tile, tile.Bounds(), image.NewUniform(color.RGBA{uint8(k[0]), uint8(k[1]), uint8(k[2]), 255}), image.Point{}, draw.Src)
		png.Encode(&buf, tile)
		tmsRow := (1 << k[0]) - 1 - k[2]
		if _, err := db.Exec(`INSERT INTO tiles VALUES (?, ?, ?, ?)`, k[0], k[1], tmsRow, buf.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestMBTiles(t *testing.T) {
	path := writeMBTiles(t, [][3]int{{3, 4, 2}, {3, 5, 2}, {5, 19, 12}})
	// A name with characters that mean something in a URI.
	odd := filepath.Join(filepath.Dir(path), "town #2 50%?.mbtiles")
	if err := os.Rename(path, odd); err != nil {
		t.Fatal(err)
	}
	path = odd
	before, _ := os.ReadFile(path)
	m, err := OpenMBTiles(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if lo, hi := m.Zooms(); lo != 3 || hi != 5 || m.Name() != "Test town" {
		t.Errorf("zooms %d..%d, name %q; want 3..5, Test town", lo, hi, m.Name())
	}
	for _, k := range [][3]int{{3, 4, 2}, {5, 19, 12}, {3, 4, 2}} { // the last from the cache
		img, err := m.Tile(k[0], k[1], k[2])
		if err != nil || img == nil {
			t.Fatalf("tile %v: %v, %v", k, img, err)
		}
		r, g, b, _ := img.At(10, 10).RGBA()
		if int(r>>8) != k[0] || int(g>>8) != k[1] || int(b>>8) != k[2] {
			t.Errorf("tile %v has colour %d,%d,%d: the rows are not flipped from TMS", k, r>>8, g>>8, b>>8)
		}
	}
	if img, err := m.Tile(3, 0, 0); img != nil || err != nil {
		t.Errorf("a missing tile gives %v, %v; want nil, nil", img, err)
	}
	m.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("reading the basemap changed the file")
	}
}

func TestMBTilesBadFiles(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.mbtiles")
	os.WriteFile(text, []byte("not a database"), 0o644)
	empty := writeMBTiles(t, nil)
	for path, want := range map[string]string{
		text:                             "not an MBTiles file",
		empty:                            "holds no tiles",
		filepath.Join(dir, "no.mbtiles"): "no such file",
		dir:                              "not a file",
	} {
		_, err := OpenMBTiles(context.Background(), path)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("open %s: %v; want an error saying %q", filepath.Base(path), err, want)
		}
	}
}
