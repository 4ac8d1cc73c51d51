package geo

import (
	"bytes"
	"container/list"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // tiles in JPEG
	_ "image/png"  // tiles in PNG
	"net/url"
	"os"
	"path/filepath"
	"sync"

	_ "golang.org/x/image/webp" // tiles in WebP
	_ "modernc.org/sqlite"      // the MBTiles file

	"github.com/exhibit-app/exhibit/internal/sqliteuri"
)

// TileSource gives basemap tiles in the usual XYZ scheme: at zoom z the
// world is 2^z × 2^z tiles of TileSize pixels, x from the west, y from the
// north.
type TileSource interface {
	// Tile returns the tile, or nil with no error where there is none.
	Tile(z, x, y int) (image.Image, error)
	// Zooms returns the lowest and highest zoom the source has.
	Zooms() (min, max int)
	// Name says what the source is (for the map's attribution line).
	Name() string
}

// TileSize is the size of a tile, in pixels.
const TileSize = 256

// MBTiles reads raster tiles from an MBTiles file (SQLite, as made by
// QGIS, MapTiler, gdal or TileMill), offline. It opens the file read-only
// and never changes it.
type MBTiles struct {
	db       *sql.DB
	name     string
	min, max int

	mu    sync.Mutex
	cache map[[3]int]*list.Element // decoded tiles, most recent first
	order *list.List
}

type cachedTile struct {
	key [3]int
	img image.Image
}

// tileCacheSize is how many decoded tiles an MBTiles keeps (about 64 MB).
const tileCacheSize = 256

// OpenMBTiles opens the MBTiles file at path.
func OpenMBTiles(ctx context.Context, path string) (*MBTiles, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open basemap %s: %w", path, err)
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("open basemap: %w", err)
	} else if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("open basemap %s: not a file", abs)
	}
	q := url.Values{}
	q.Set("mode", "ro")
	q.Set("immutable", "1")
	db, err := sql.Open("sqlite", sqliteuri.For(abs, q))
	if err != nil {
		return nil, fmt.Errorf("open basemap %s: %w", abs, err)
	}
	m := &MBTiles{db: db, name: filepath.Base(abs), cache: map[[3]int]*list.Element{}, order: list.New()}
	err = db.QueryRowContext(ctx, `SELECT coalesce(min(zoom_level), 0), coalesce(max(zoom_level), -1) FROM tiles`).Scan(&m.min, &m.max)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open basemap %s: not an MBTiles file (%v)", abs, err)
	}
	if m.max < 0 {
		db.Close()
		return nil, fmt.Errorf("open basemap %s: it holds no tiles", abs)
	}
	var name string
	if db.QueryRowContext(ctx, `SELECT value FROM metadata WHERE name = 'name'`).Scan(&name) == nil && name != "" {
		m.name = name
	}
	return m, nil
}

// Name returns the basemap's name (its metadata's, else the file's).
func (m *MBTiles) Name() string { return m.name }

// Zooms returns the lowest and highest zoom of the file's tiles.
func (m *MBTiles) Zooms() (min, max int) { return m.min, m.max }

// Tile returns tile (z, x, y) in the XYZ scheme (MBTiles stores rows from
// the south: TMS), decoded, or nil when the file has none there.
func (m *MBTiles) Tile(z, x, y int) (image.Image, error) {
	key := [3]int{z, x, y}
	m.mu.Lock()
	if e, ok := m.cache[key]; ok {
		m.order.MoveToFront(e)
		img := e.Value.(*cachedTile).img
		m.mu.Unlock()
		return img, nil
	}
	m.mu.Unlock()
	var data []byte
	err := m.db.QueryRow(`SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?`,
		z, x, (1<<z)-1-y).Scan(&data)
	var img image.Image
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return nil, fmt.Errorf("basemap tile %d/%d/%d: %w", z, x, y, err)
	default:
		if img, _, err = image.Decode(bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("basemap tile %d/%d/%d: %w", z, x, y, err)
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.cache[key] = m.order.PushFront(&cachedTile{key, img})
	for m.order.Len() > tileCacheSize {
		old := m.order.Back()
		m.order.Remove(old)
		delete(m.cache, old.Value.(*cachedTile).key)
	}
	return img, nil
}

// Close closes the file.
func (m *MBTiles) Close() error { return m.db.Close() }
