package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// importWriter writes the workers' results to the catalog in batches: one
// transaction per batch, so an interrupted import loses at most the batch
// in flight, never what was committed, and never leaves half an image.
type importWriter struct {
	c       *Case
	res     *ImportResult
	pending []processed
	last    time.Time
	// tasks are the thumbnails the second pass makes, of the deferred
	// files committed so far.
	tasks []thumbTask
}

const (
	batchSize = 64
	batchTime = time.Second
)

func newImportWriter(c *Case, res *ImportResult) *importWriter {
	return &importWriter{c: c, res: res, last: time.Now()}
}

// add queues p and writes the batch when it is full or old enough.
func (w *importWriter) add(ctx context.Context, p processed) error {
	w.pending = append(w.pending, p)
	if len(w.pending) >= batchSize || time.Since(w.last) >= batchTime {
		return w.flush(ctx)
	}
	return nil
}

// flush writes the queued results in one transaction.
func (w *importWriter) flush(ctx context.Context) error {
	w.last = time.Now()
	if len(w.pending) == 0 {
		return nil
	}
	// Counts are applied only once the transaction is committed.
	var delta ImportResult
	err := w.c.write(ctx, func(tx *sql.Tx) error {
		delta = ImportResult{}
		// The files skipped first, under one entry that lists them.
		for _, p := range w.pending {
			if reason, ok := p.skipped(); ok {
				if err := w.c.writeSkip(ctx, tx, p, reason, &delta); err != nil {
					return fmt.Errorf("%s: %w", p.cand.path, err)
				}
			}
		}
		if err := w.c.auditSkips(ctx, tx, w.res.ImportID, delta.Skipped); err != nil {
			return err
		}
		for _, p := range w.pending {
			if _, ok := p.skipped(); ok {
				continue
			}
			if err := w.c.writeOne(ctx, tx, p, &delta); err != nil {
				return fmt.Errorf("%s: %w", p.cand.path, err)
			}
		}
		// What the import has done so far, kept with the run: an
		// interrupted import says it.
		_, err := tx.ExecContext(ctx, `UPDATE imports SET added = ?, unchanged = ?, failed = ? WHERE id = ?`,
			w.res.Added+delta.Added, w.res.Unchanged+delta.Unchanged, len(w.res.Failed)+len(delta.Failed), w.res.ImportID)
		return err
	})
	if err != nil {
		return err
	}
	w.res.Added += delta.Added
	w.res.Unchanged += delta.Unchanged
	w.res.NewLocations += delta.NewLocations
	w.res.Failed = append(w.res.Failed, delta.Failed...)
	w.res.Warnings = append(w.res.Warnings, delta.Warnings...)
	w.res.Pictures += delta.Pictures
	w.res.NoPicture = append(w.res.NoPicture, delta.NoPicture...)
	w.res.Skipped = append(w.res.Skipped, delta.Skipped...)
	for _, p := range w.pending {
		if p.deferred && p.err == nil && p.skip == "" {
			w.tasks = append(w.tasks, taskOf(p))
			if p.provisional {
				w.res.Provisional++
			}
		}
	}
	w.pending = w.pending[:0]
	return nil
}

// writeOne records one processed file inside tx.
func (c *Case) writeOne(ctx context.Context, tx *sql.Tx, p processed, d *ImportResult) error {
	now := timestamp(c.now())
	if p.err != nil {
		d.Failed = append(d.Failed, Failure{Path: p.cand.path, Error: p.err.Error(), SHA256: p.sha256, Size: p.cand.size})
		if err := c.recordOffered(ctx, tx, p, "failed", p.err.Error(), now); err != nil {
			return err
		}
		details := map[string]any{"error": p.err.Error(), "sha256": nullString(p.sha256), "size": p.cand.size}
		return c.audit(ctx, tx, "file.failed", "file:"+p.cand.path, details)
	}

	var id int64
	isNew := false
	err := tx.QueryRowContext(ctx, `SELECT id FROM images WHERE sha256=?`, p.sha256).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		id, err = c.insertImage(ctx, tx, p, now)
		if err != nil {
			return err
		}
		isNew = true
		d.Added++
	case err != nil:
		return err
	default:
		d.Unchanged++
		if !p.decoded || p.deferred {
			break // (deferred: the second pass says whether it decodes)
		}
		// An image cataloged without pixels may be decodable now.
		r, err := tx.ExecContext(ctx, `UPDATE images SET decoded=1, meta_note=? WHERE id=? AND decoded=0`,
			joinNotes(p.warning, p.meta.Note), id)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n > 0 {
			if err := c.audit(ctx, tx, "image.decoded", imageObject(id), map[string]any{"path": p.cand.path}); err != nil {
				return err
			}
		}
	}
	switch {
	case p.deferred:
		// Counted by the second pass, once its thumbnail is made.
	case p.decoded:
		d.Pictures++
	default:
		d.NoPicture = append(d.NoPicture, Failure{Path: p.cand.path, Error: p.note, SHA256: p.sha256, Size: p.cand.size})
	}

	// The path: already this image's, another image's (the file changed),
	// or new (a new file, a copy, or a file that moved).
	var locID, locImage int64
	err = tx.QueryRowContext(ctx, `SELECT id, image_id FROM locations WHERE path=? AND gone_at IS NULL`, p.cand.path).Scan(&locID, &locImage)
	switch {
	case err == nil && locImage == id:
		_, err = tx.ExecContext(ctx, `UPDATE locations SET size=?, mtime_ns=?, last_seen=? WHERE id=?`, p.cand.size, p.cand.mtime, now, locID)
		if err != nil {
			return err
		}
	case err == nil || errors.Is(err, sql.ErrNoRows):
		if err == nil {
			if _, err := tx.ExecContext(ctx, `UPDATE locations SET gone_at=? WHERE id=?`, now, locID); err != nil {
				return err
			}
			if err := c.audit(ctx, tx, "location.replaced", imageObject(locImage), map[string]any{"path": p.cand.path, "by_image": id}); err != nil {
				return err
			}
		}
		_, err = c.insertRow(ctx, tx, `INSERT INTO locations(image_id, path, size, mtime_ns, first_seen, last_seen) VALUES(?,?,?,?,?,?)`,
			id, p.cand.path, p.cand.size, p.cand.mtime, now, now)
		if err != nil {
			return err
		}
		if !isNew {
			d.NewLocations++
			if err := c.audit(ctx, tx, "location.add", imageObject(id), map[string]any{"path": p.cand.path}); err != nil {
				return err
			}
		}
	default:
		return err
	}
	if p.foot != nil {
		if _, err := c.setFootprint(ctx, tx, id, p.foot); err != nil {
			return err
		}
	}
	if p.warning != "" {
		d.Warnings = append(d.Warnings, Failure{Path: p.cand.path, Error: p.warning, SHA256: p.sha256, Size: p.cand.size})
	}
	_, err = tx.ExecContext(ctx, `UPDATE failures SET resolved_at=? WHERE path=? AND resolved_at IS NULL`, now, p.cand.path)
	return err
}

func imageObject(id int64) string { return fmt.Sprintf("image:%d", id) }

// insertImage adds a new image from p and returns its id.
func (c *Case) insertImage(ctx context.Context, tx *sql.Tx, p processed, now string) (int64, error) {
	m := p.meta
	taken, offset, source, modified, modOffset := fileTimes(m)
	var gpsTime any
	if m.GPSTime != nil {
		gpsTime = timestamp(*m.GPSTime)
	}
	note := joinNotes(joinNotes(p.warning, m.Note), p.note)
	r, err := c.insertRow(ctx, tx, `INSERT INTO images(sha256, size, format, width, height, orientation,
		taken_at, taken_offset, make, model, lens, lat, lon, alt, direction, gps_time, decoded, meta_note, imported_at,
		taken_source, modified_at, modified_offset)
		VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		p.sha256, p.cand.size, m.Format, m.Width, m.Height, m.Orientation,
		taken, offset, m.Make, m.Model, m.Lens, m.Lat, m.Lon, m.Alt, m.Direction, gpsTime,
		p.decoded, note, now, source, modified, modOffset)
	if err != nil {
		return 0, err
	}
	id, err := r.LastInsertId()
	if err != nil {
		return 0, err
	}
	return id, c.audit(ctx, tx, "image.add", imageObject(id), map[string]any{"sha256": p.sha256, "path": p.cand.path, "size": p.cand.size})
}

// clockLayout is how capture times are stored: the camera's clock, no zone.
const clockLayout = "2006-01-02T15:04:05.999999999"

func clockString(t time.Time) string { return t.Format(clockLayout) }

func joinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}
