package catalog

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/exhibit-app/exhibit/catalog/georef"
	"github.com/exhibit-app/exhibit/catalog/internal/regular"
)

// Footprint is where a georeferenced image lies, as the case holds it.
type Footprint struct {
	georef.Footprint
	// World is the world file it was read from ("" for GeoTIFF tags), and
	// WorldSHA256 the SHA-256 of that file's bytes then.
	World, WorldSHA256 string
}

// readFootprint finds the footprint of the image at path (bytes data,
// metadata m). It returns nil and a note saying why when the image
// claims a georeference that cannot be read, nil and "" when it has none.
func readFootprint(path string, data []byte, format string, w, h int) (*Footprint, string) {
	f, world, err := georef.Find(path, data, format, w, h)
	switch {
	case errors.Is(err, georef.ErrNoGeoreference):
		return nil, ""
	case err != nil:
		return nil, "georeference not read: " + err.Error()
	}
	fp := &Footprint{Footprint: *f, World: world}
	if world != "" {
		b, err := os.ReadFile(world)
		if err != nil {
			return nil, "georeference not read: " + err.Error()
		}
		sum := sha256.Sum256(b)
		fp.WorldSHA256 = hex.EncodeToString(sum[:])
	}
	return fp, ""
}

// setFootprint records f as the image's footprint inside tx, the one
// before marked replaced; the same footprint again changes nothing. It
// reports whether it wrote one.
func (c *Case) setFootprint(ctx context.Context, tx *sql.Tx, imageID int64, f *Footprint) (bool, error) {
	ring, err := json.Marshal(f.Ring)
	if err != nil {
		return false, err
	}
	var id int64
	var oldRing, oldSource string
	var oldWorld, oldWorldSum sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT id, ring, source, world_path, world_sha256 FROM footprints WHERE image_id = ? AND replaced_at IS NULL`, imageID).
		Scan(&id, &oldRing, &oldSource, &oldWorld, &oldWorldSum)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return false, err
	case oldRing == string(ring) && oldSource == f.Source && oldWorld.String == f.World && oldWorldSum.String == f.WorldSHA256:
		return false, nil
	default:
		if _, err := tx.ExecContext(ctx, `UPDATE footprints SET replaced_at = ? WHERE id = ?`, timestamp(c.now()), id); err != nil {
			return false, err
		}
	}
	if _, err := c.insertRow(ctx, tx, `INSERT INTO footprints(image_id, source, world_path, world_sha256, epsg, ring, at) VALUES(?,?,?,?,?,?,?)`,
		imageID, f.Source, nullString(f.World), nullString(f.WorldSHA256), f.EPSG, string(ring), timestamp(c.now())); err != nil {
		return false, err
	}
	return true, c.audit(ctx, tx, "footprint.set", imageObject(imageID), map[string]any{"source": f.Source, "epsg": f.EPSG,
		"world": f.World, "world_sha256": f.WorldSHA256, "ring": f.Ring})
}

// Footprints returns the current footprint of every georeferenced image
// among ids (nil: every image), by image id.
func (c *Case) Footprints(ctx context.Context, ids []int64) (map[int64]*Footprint, error) {
	q := `SELECT image_id, source, coalesce(world_path, ''), coalesce(world_sha256, ''), epsg, ring FROM footprints WHERE replaced_at IS NULL`
	var args []any
	if ids != nil {
		if len(ids) == 0 {
			return map[int64]*Footprint{}, nil
		}
		if len(ids) <= 500 {
			q += ` AND image_id IN (?` + repeatComma(len(ids)-1) + `)`
			for _, id := range ids {
				args = append(args, id)
			}
		}
	}
	rows, err := c.rd.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read footprints: %w", err)
	}
	defer rows.Close()
	out := map[int64]*Footprint{}
	for rows.Next() {
		var id int64
		var ring string
		f := &Footprint{}
		if err := rows.Scan(&id, &f.Source, &f.World, &f.WorldSHA256, &f.EPSG, &ring); err != nil {
			return nil, fmt.Errorf("read footprints: %w", err)
		}
		if err := json.Unmarshal([]byte(ring), &f.Ring); err != nil {
			return nil, fmt.Errorf("footprint of image %d: %w", id, err)
		}
		out[id] = f
	}
	return out, rows.Err()
}

func repeatComma(n int) string {
	b := make([]byte, 0, 2*n)
	for range n {
		b = append(b, ",?"...)
	}
	return string(b)
}

// Georeference reads an image's footprint again from its file where it is
// now (which must still hold the image's bytes) and its world file, or
// from the world file given, and records it. It returns the footprint,
// and whether it changed what the case held.
func (c *Case) Georeference(ctx context.Context, imageID int64, world string) (*Footprint, bool, error) {
	im, err := c.Image(ctx, imageID)
	if err != nil {
		return nil, false, fmt.Errorf("georeference: %w", err)
	}
	paths := im.Paths()
	if len(paths) == 0 {
		return nil, false, fmt.Errorf("georeference image %d: it is at no known path now", imageID)
	}
	var data []byte
	var path string
	var lastErr error
	for _, p := range paths {
		b, err := readOriginal(p)
		if err != nil {
			lastErr = err
			continue
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != im.SHA256 {
			lastErr = fmt.Errorf("%s no longer holds the image's bytes", p)
			continue
		}
		data, path = b, p
		break
	}
	if path == "" {
		return nil, false, fmt.Errorf("georeference image %d: %w", imageID, lastErr)
	}
	var f *Footprint
	if world != "" {
		g, err := georef.FromWorld(world, path, im.Width, im.Height)
		if err != nil {
			return nil, false, fmt.Errorf("georeference image %d: %w", imageID, err)
		}
		f = &Footprint{Footprint: *g, World: absPath(world)}
		b, err := os.ReadFile(world)
		if err != nil {
			return nil, false, fmt.Errorf("georeference image %d: %w", imageID, err)
		}
		sum := sha256.Sum256(b)
		f.WorldSHA256 = hex.EncodeToString(sum[:])
	} else {
		var note string
		f, note = readFootprint(path, data, im.Format, im.Width, im.Height)
		if note != "" {
			return nil, false, fmt.Errorf("image %d: %s", imageID, note)
		}
		if f == nil {
			return nil, false, fmt.Errorf("image %d: no GeoTIFF tags and no world file beside %s: %w", imageID, path, georef.ErrNoGeoreference)
		}
	}
	var changed bool
	err = c.write(ctx, func(tx *sql.Tx) (err error) {
		changed, err = c.setFootprint(ctx, tx, imageID, f)
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("georeference image %d: %w", imageID, err)
	}
	return f, changed, nil
}

// readOriginal reads an original, only when it is a regular file.
func readOriginal(path string) ([]byte, error) {
	f, _, err := regular.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
