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

// The statuses of an export.
const (
	ExportPending     = "pending"     // recorded, the file being written
	ExportDone        = "done"        // the file is in place, its SHA-256 recorded
	ExportFailed      = "failed"      // the file could not be written; nothing left
	ExportCancelled   = "cancelled"   // stopped before the file was in place; nothing left
	ExportInterrupted = "interrupted" // the program writing it ended while pending
)

// Export is a file written from the case, as recorded.
type Export struct {
	ID     int64
	At     time.Time
	Kind   string
	Path   string
	SHA256 string // "" until done
	Size   int64
	// Status is one of ExportPending, ExportDone, ExportFailed,
	// ExportCancelled, ExportInterrupted; Error says why it is not done.
	Status string
	Error  string
	// FinishedAt is when the export ended (nil while pending).
	FinishedAt *time.Time
	// ManifestSHA256 is the SHA-256 of the signed manifest the file
	// carries ("" for files without one).
	ManifestSHA256 string
	// PID and Host are the process and computer that wrote it (0 and ""
	// for exports recorded before Exhibit kept them).
	PID  int64
	Host string
}

// RecordExport records, in the exports table and the audit trail, a file
// already written from the case, with its SHA-256, so that a copy handed
// on can be checked against the record. objects says what was exported.
// Writers of new files use WriteExport, which records the export before
// the file appears.
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
	now := c.now()
	e := &Export{At: now, Kind: kind, Path: abs, SHA256: sum, Size: fi.Size(), Status: ExportDone, FinishedAt: &now,
		PID: int64(os.Getpid()), Host: c.host}
	err = c.write(ctx, func(tx *sql.Tx) error {
		r, err := c.insertRow(ctx, tx, `INSERT INTO exports(at, kind, path, sha256, size, objects, status, finished_at, session, pid, host)
			VALUES(?,?,?,?,?,?,'done',?,?,?,?)`,
			timestamp(e.At), kind, abs, sum, e.Size, string(obj), timestamp(now), c.session, e.PID, c.host)
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

// Exports returns every export recorded, oldest first, whatever its
// status.
func (c *Case) Exports(ctx context.Context) ([]*Export, error) {
	return c.queryExports(ctx, ``)
}

// ExportsWithSHA256 returns the exports done whose file had the SHA-256
// sum, oldest first.
func (c *Case) ExportsWithSHA256(ctx context.Context, sum string) ([]*Export, error) {
	return c.queryExports(ctx, `WHERE sha256 = ? AND status = 'done'`, sum)
}

// ExportByID returns one export.
func (c *Case) ExportByID(ctx context.Context, id int64) (*Export, error) {
	es, err := c.queryExports(ctx, `WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, fmt.Errorf("export %d: %w", id, ErrNotFound)
	}
	return es[0], nil
}

func (c *Case) queryExports(ctx context.Context, where string, args ...any) ([]*Export, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT id, at, kind, path, sha256, size, status, error, finished_at, manifest_sha256, pid, host
		FROM exports `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list exports: %w", err)
	}
	defer rows.Close()
	var out []*Export
	for rows.Next() {
		var e Export
		var at string
		var fin sql.NullString
		if err := rows.Scan(&e.ID, &at, &e.Kind, &e.Path, &e.SHA256, &e.Size, &e.Status, &e.Error, &fin, &e.ManifestSHA256, &e.PID, &e.Host); err != nil {
			return nil, fmt.Errorf("list exports: %w", err)
		}
		e.At = parseTimestamp(at)
		if fin.Valid {
			t := parseTimestamp(fin.String)
			e.FinishedAt = &t
		}
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
func (im *Image) TakenString() string { return clockText(im.TakenAt, im.TakenOffset) }

// FileTakenString is TakenString for the capture time the file itself
// says (FileTakenAt).
func (im *Image) FileTakenString() string { return clockText(im.FileTakenAt, im.FileTakenOffset) }

// ModifiedString is TakenString for the file's modification time.
func (im *Image) ModifiedString() string { return clockText(im.ModifiedAt, im.ModifiedOffset) }

// clockText formats a time as TakenString does.
func clockText(t *time.Time, offset string) string {
	switch {
	case t == nil:
		return ""
	case offset != "":
		return t.Format(time.RFC3339Nano)
	}
	return clockString(*t)
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
		Type     string `json:"type"`
		Features []any  `json:"features"`
	}{Type: "FeatureCollection", Features: []any{}}
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
				"taken_at_source": nullString(s.TakenSource),
				"make":            s.Make, "model": s.Model, "direction": s.Direction, "alt": s.Alt, "links": s.Links, "tags": tags},
		})
	}
	written = len(fc.Features)
	// The sites after the images, as circles.
	sites, err := c.siteFeatures(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("export GeoJSON: %w", err)
	}
	for _, s := range sites {
		fc.Features = append(fc.Features, s)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(fc); err != nil {
		return 0, 0, fmt.Errorf("export GeoJSON: %w", err)
	}
	return written, noPosition, nil
}
