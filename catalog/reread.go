package catalog

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/exhibit-app/exhibit/catalog/meta"
)

// Reread is what RereadTimes did to one image cataloged before Exhibit
// recorded where capture times come from.
type Reread struct {
	ImageID int64 `json:"image"`
	// Before is the capture time the catalog held (perhaps a modification
	// date taken for one); After and Source what the file says, read
	// again (After "" and Source "": no capture time).
	Before string `json:"before"`
	After  string `json:"after"`
	Source string `json:"source"`
	// Error, when set, is why the image was not read again (its original
	// missing or changed): its capture time is left as it was.
	Error string `json:"error,omitempty"`
}

// RereadTimes reads again the capture time of each image cataloged before
// Exhibit recorded its source (taken_source NULL): then, a file with no
// DateTimeOriginal could show its ModifyDate as its capture time. The
// original is read whole and checked against its SHA-256 first; the time
// and its source are then set as an import now sets them, the
// modification date kept apart, each change audited (image.times) with
// the value before. An image whose original is missing or changed is
// listed with why, and left as it was.
func (c *Case) RereadTimes(ctx context.Context) ([]Reread, error) {
	ids, err := c.imagesWithoutTimeSource(ctx)
	if err != nil {
		return nil, fmt.Errorf("read capture times again: %w", err)
	}
	var out []Reread
	for _, id := range ids {
		im, err := c.Image(ctx, id)
		if err != nil {
			return out, fmt.Errorf("read capture times again: %w", err)
		}
		r := Reread{ImageID: id}
		if im.FileTakenAt != nil {
			r.Before = clockString(*im.FileTakenAt)
		}
		data, _, err := c.ReadOriginal(ctx, im)
		if err != nil {
			r.Error = err.Error()
			out = append(out, r)
			continue
		}
		m, err := meta.Read(data)
		if err != nil {
			r.Error = fmt.Sprintf("read metadata: %v", err)
			out = append(out, r)
			continue
		}
		if err := c.write(ctx, func(tx *sql.Tx) error { return c.setFileTimes(ctx, tx, id, m, r.Before) }); err != nil {
			return out, fmt.Errorf("read capture times again: image %d: %w", id, err)
		}
		if m.TakenAt != nil {
			r.After, r.Source = clockString(*m.TakenAt), m.TakenSource
		}
		out = append(out, r)
	}
	return out, nil
}

// imagesWithoutTimeSource are the images whose capture time has no
// recorded source.
func (c *Case) imagesWithoutTimeSource(ctx context.Context) ([]int64, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT id FROM images WHERE taken_source IS NULL AND taken_at IS NOT NULL ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// setFileTimes sets image id's capture time, its source and its
// modification date from m, audited with the capture time before.
func (c *Case) setFileTimes(ctx context.Context, tx *sql.Tx, id int64, m meta.Meta, before string) error {
	taken, offset, source, modified, modOffset := fileTimes(m)
	if _, err := tx.ExecContext(ctx, `UPDATE images SET taken_at = ?, taken_offset = ?, taken_source = ?, modified_at = ?, modified_offset = ? WHERE id = ?`,
		taken, offset, source, modified, modOffset, id); err != nil {
		return err
	}
	return c.audit(ctx, tx, "image.times", imageObject(id), map[string]any{"before": before, "taken_at": taken, "taken_source": source, "modified_at": modified})
}

// fileTimes are the columns of a file's times as the catalog stores them
// (NULL when absent): its capture time, offset and source, and its
// modification date and offset, never taken for a capture time.
func fileTimes(m meta.Meta) (taken, offset, source, modified, modOffset any) {
	if m.TakenAt != nil {
		taken, source = clockString(*m.TakenAt), m.TakenSource
		if m.TakenOffset != "" {
			offset = m.TakenOffset
		}
	}
	if m.ModifiedAt != nil {
		modified = clockString(*m.ModifiedAt)
		if m.ModifiedOffset != "" {
			modOffset = m.ModifiedOffset
		}
	}
	return taken, offset, source, modified, modOffset
}
