package catalog

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// Export is a file written from the case, as recorded.
type Export struct {
	ID     int64
	At     time.Time
	Kind   string
	Path   string
	SHA256 string
	Size   int64
}

// RecordExport records, in the exports table and the audit trail, a file
// just written from the case, with its SHA-256, so that a copy handed on can
// be checked against the record. objects says what was exported.
func (c *Case) RecordExport(ctx context.Context, kind, path string, objects any) (*Export, error) {
	abs := absPath(path)
	sum, err := hashFile(abs)
	if err != nil {
		return nil, fmt.Errorf("record export %s: %w", abs, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("record export %s: %w", abs, err)
	}
	obj, err := json.Marshal(objects)
	if err != nil {
		return nil, fmt.Errorf("record export %s: %w", abs, err)
	}
	e := &Export{At: c.now(), Kind: kind, Path: abs, SHA256: sum, Size: fi.Size()}
	err = c.write(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `INSERT INTO exports(at, kind, path, sha256, size, objects) VALUES(?,?,?,?,?,?)`,
			timestamp(e.At), kind, abs, sum, e.Size, string(obj))
		if err != nil {
			return err
		}
		e.ID, _ = r.LastInsertId()
		return c.audit(ctx, tx, "export."+kind, fmt.Sprintf("export:%d", e.ID), map[string]any{
			"path": abs, "sha256": sum, "size": e.Size, "objects": json.RawMessage(obj)})
	})
	if err != nil {
		return nil, fmt.Errorf("record export %s: %w", abs, err)
	}
	return e, nil
}

// Exports returns every export recorded, oldest first.
func (c *Case) Exports(ctx context.Context) ([]*Export, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT id, at, kind, path, sha256, size FROM exports ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list exports: %w", err)
	}
	defer rows.Close()
	var out []*Export
	for rows.Next() {
		var e Export
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Kind, &e.Path, &e.SHA256, &e.Size); err != nil {
			return nil, err
		}
		e.At = parseTimestamp(at)
		out = append(out, &e)
	}
	return out, rows.Err()
}

// imageSummary is an image with its link count, tags, investigator's
// notes and the notes of its links, for the catalog exports.
type imageSummary struct {
	*Image
	Links     int
	Tags      []string
	Notes     []string // the notes written on the image, oldest first
	LinkNotes []string // the notes of its links to excerpts, oldest first
}

func (c *Case) summaries(ctx context.Context, f Filter) ([]imageSummary, error) {
	ims, err := c.Images(ctx, f)
	if err != nil {
		return nil, err
	}
	links := map[int64]int{}
	err = c.eachRow(ctx, `SELECT image_id, count(*) FROM links WHERE deleted_at IS NULL GROUP BY image_id`, func(rows *sql.Rows) error {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		links[id] = n
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count links: %w", err)
	}
	tags := map[int64][]string{}
	err = c.eachRow(ctx, `SELECT image_id, tag FROM tags ORDER BY tag`, func(rows *sql.Rows) error {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return err
		}
		tags[id] = append(tags[id], t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read tags: %w", err)
	}
	notes, err := c.textsByImage(ctx, `SELECT image_id, text FROM notes WHERE deleted_at IS NULL ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read notes: %w", err)
	}
	linkNotes, err := c.textsByImage(ctx, `SELECT image_id, note FROM links WHERE deleted_at IS NULL AND note != '' ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read the notes of links: %w", err)
	}
	out := make([]imageSummary, len(ims))
	for i, im := range ims {
		out[i] = imageSummary{Image: im, Links: links[im.ID], Tags: tags[im.ID], Notes: notes[im.ID], LinkNotes: linkNotes[im.ID]}
	}
	return out, nil
}

// textsByImage runs query, which selects an image id and a text, and
// returns the texts by image.
func (c *Case) textsByImage(ctx context.Context, query string) (map[int64][]string, error) {
	out := map[int64][]string{}
	err := c.eachRow(ctx, query, func(rows *sql.Rows) error {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return err
		}
		out[id] = append(out[id], t)
		return nil
	})
	return out, err
}

// eachRow runs query on the reading pool and calls fn for every row.
func (c *Case) eachRow(ctx context.Context, query string, fn func(*sql.Rows) error) error {
	rows, err := c.rd.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// TakenString formats a capture time as RFC 3339 keeping the camera's
// clock: with the EXIF offset when one was recorded, without any zone
// (never a made-up "Z") when none was; "" when unknown.
func (im *Image) TakenString() string {
	if im.TakenAt == nil {
		return ""
	}
	if im.TakenOffset != "" {
		return im.TakenAt.Format(time.RFC3339Nano)
	}
	return clockString(*im.TakenAt)
}

func fmtFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// noteSep joins the notes of an image in one CSV cell.
const noteSep = " | "

// WriteCSV writes one row per image selected by f: its identity,
// metadata, paths, link count, tags and notes. Columns are added at the
// end, never renamed: "note" is the note on its metadata (MetaNote: what
// the metadata readers could not read), "notes" the notes the investigators wrote on the
// image and "link_notes" the notes of its links to excerpts, each joined
// with " | ".
func (c *Case) WriteCSV(ctx context.Context, w io.Writer, f Filter) (int, error) {
	ss, err := c.summaries(ctx, f)
	if err != nil {
		return 0, fmt.Errorf("export CSV: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "sha256", "paths", "format", "width", "height", "orientation", "taken_at", "make", "model", "lens",
		"lat", "lon", "alt", "direction", "gps_time", "size", "links", "tags", "note", "notes", "link_notes"})
	for _, s := range ss {
		gps := ""
		if s.GPSTime != nil {
			gps = s.GPSTime.UTC().Format(time.RFC3339)
		}
		cw.Write([]string{strconv.FormatInt(s.ID, 10), s.SHA256, strings.Join(s.Paths(), "|"), s.Format,
			strconv.Itoa(s.Width), strconv.Itoa(s.Height), strconv.Itoa(s.Orientation), s.TakenString(), s.Make, s.Model, s.Lens,
			fmtFloat(s.Lat), fmtFloat(s.Lon), fmtFloat(s.Alt), fmtFloat(s.Direction), gps, strconv.FormatInt(s.Size, 10),
			strconv.Itoa(s.Links), strings.Join(s.Tags, "|"), s.MetaNote,
			strings.Join(s.Notes, noteSep), strings.Join(s.LinkNotes, noteSep)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return 0, fmt.Errorf("export CSV: %w", err)
	}
	return len(ss), nil
}

// WriteGeoJSON writes a FeatureCollection with one Point feature per image
// selected by f that has a position (longitude, latitude[, altitude] as
// GeoJSON orders them), its metadata in the properties. It returns how many
// features were written and how many images were left out for having no
// position.
func (c *Case) WriteGeoJSON(ctx context.Context, w io.Writer, f Filter) (written, noPosition int, err error) {
	ss, err := c.summaries(ctx, f)
	if err != nil {
		return 0, 0, fmt.Errorf("export GeoJSON: %w", err)
	}
	type feature struct {
		Type     string         `json:"type"`
		ID       int64          `json:"id"`
		Geometry map[string]any `json:"geometry"`
		Props    map[string]any `json:"properties"`
	}
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection", Features: []feature{}}
	for _, s := range ss {
		if !s.HasGPS() {
			noPosition++
			continue
		}
		coords := []float64{*s.Lon, *s.Lat}
		if s.Alt != nil {
			coords = append(coords, *s.Alt)
		}
		tags := s.Tags
		if tags == nil {
			tags = []string{}
		}
		fc.Features = append(fc.Features, feature{
			Type: "Feature", ID: s.ID,
			Geometry: map[string]any{"type": "Point", "coordinates": coords},
			Props: map[string]any{"id": s.ID, "sha256": s.SHA256, "name": s.Name(), "paths": s.Paths(), "taken_at": nullString(s.TakenString()),
				"make": s.Make, "model": s.Model, "direction": s.Direction, "alt": s.Alt, "links": s.Links, "tags": tags},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(fc); err != nil {
		return 0, 0, fmt.Errorf("export GeoJSON: %w", err)
	}
	return len(fc.Features), noPosition, nil
}
