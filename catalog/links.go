package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Region is a part of the upright image, in fractions 0..1.
type Region struct{ X, Y, W, H float64 }

// Link ties an image (or a region of it) to an excerpt that speaks of it.
type Link struct {
	ID        int64
	ImageID   int64
	Excerpt   *Excerpt
	Note      string
	Region    *Region // nil: the whole image
	CreatedAt time.Time
}

// AddLink links an image, or a region of it, to an excerpt.
func (c *Case) AddLink(ctx context.Context, imageID, excerptID int64, note string, region *Region) (int64, error) {
	if region != nil {
		if err := region.Validate(); err != nil {
			return 0, fmt.Errorf("link image %d to excerpt %d: %w", imageID, excerptID, err)
		}
	}
	if _, err := c.Image(ctx, imageID); err != nil {
		return 0, fmt.Errorf("link: %w", err)
	}
	if _, err := c.Excerpt(ctx, excerptID); err != nil {
		return 0, fmt.Errorf("link: %w", err)
	}
	var id int64
	err := c.write(ctx, func(tx *sql.Tx) error {
		var rx, ry, rw, rh any
		if region != nil {
			rx, ry, rw, rh = region.X, region.Y, region.W, region.H
		}
		r, err := c.insertRow(ctx, tx, `INSERT INTO links(image_id, excerpt_id, note, region_x, region_y, region_w, region_h, created_at)
			VALUES(?,?,?,?,?,?,?,?)`, imageID, excerptID, note, rx, ry, rw, rh, timestamp(c.now()))
		if err != nil {
			return err
		}
		id, _ = r.LastInsertId()
		return c.audit(ctx, tx, "link.add", imageObject(imageID), map[string]any{"link": id, "excerpt": excerptID, "note": note, "region": region})
	})
	if err != nil {
		return 0, fmt.Errorf("link image %d to excerpt %d: %w", imageID, excerptID, err)
	}
	return id, nil
}

// RemoveLink unlinks: the link is kept, marked deleted, for the record.
func (c *Case) RemoveLink(ctx context.Context, linkID int64) error {
	err := c.write(ctx, func(tx *sql.Tx) error {
		var image, excerpt int64
		err := tx.QueryRowContext(ctx, `SELECT image_id, excerpt_id FROM links WHERE id=? AND deleted_at IS NULL`, linkID).Scan(&image, &excerpt)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("no link %d: %w", linkID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		return c.removeLink(ctx, tx, linkID, image, excerpt)
	})
	if err != nil {
		return fmt.Errorf("unlink %d: %w", linkID, err)
	}
	return nil
}

// removeLink marks a link deleted and records it, inside tx.
func (c *Case) removeLink(ctx context.Context, tx *sql.Tx, linkID, image, excerpt int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE links SET deleted_at=? WHERE id=?`, timestamp(c.now()), linkID); err != nil {
		return err
	}
	return c.audit(ctx, tx, "link.remove", imageObject(image), map[string]any{"link": linkID, "excerpt": excerpt})
}

// UnlinkExcerpt removes every link between an image and an excerpt, all or
// none, and returns how many there were.
func (c *Case) UnlinkExcerpt(ctx context.Context, imageID, excerptID int64) (int, error) {
	var ids []int64
	err := c.write(ctx, func(tx *sql.Tx) error {
		var err error
		ids, err = queryIDs(ctx, tx, `SELECT id FROM links WHERE image_id=? AND excerpt_id=? AND deleted_at IS NULL ORDER BY id`, imageID, excerptID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := c.removeLink(ctx, tx, id, imageID, excerptID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("unlink image %d from excerpt %d: %w", imageID, excerptID, err)
	}
	if len(ids) == 0 {
		return 0, fmt.Errorf("image %d is not linked to excerpt %d: %w", imageID, excerptID, ErrNotFound)
	}
	return len(ids), nil
}

// Links returns an image's links with their excerpts, in report order.
func (c *Case) Links(ctx context.Context, imageID int64) ([]*Link, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT l.id, l.image_id, l.note, l.region_x, l.region_y, l.region_w, l.region_h, l.created_at, `+excerptColumns+`
		FROM links l JOIN excerpts e ON e.id = l.excerpt_id JOIN reports r ON r.id = e.report_id
		WHERE l.image_id = ? AND l.deleted_at IS NULL ORDER BY r.id, e.paragraph, l.id`, imageID)
	if err != nil {
		return nil, fmt.Errorf("links of image %d: %w", imageID, err)
	}
	defer rows.Close()
	var out []*Link
	for rows.Next() {
		var l Link
		var rx, ry, rw, rh sql.NullFloat64
		var created string
		var er excerptRow
		if err := rows.Scan(append([]any{&l.ID, &l.ImageID, &l.Note, &rx, &ry, &rw, &rh, &created}, er.dest()...)...); err != nil {
			return nil, fmt.Errorf("links of image %d: %w", imageID, err)
		}
		l.Excerpt = er.excerpt()
		if rx.Valid {
			l.Region = &Region{rx.Float64, ry.Float64, rw.Float64, rh.Float64}
		}
		l.CreatedAt = parseTimestamp(created)
		out = append(out, &l)
	}
	return out, rows.Err()
}

// LinkedImages returns, for each excerpt of a report, the ids of the images
// linked to it.
func (c *Case) LinkedImages(ctx context.Context, reportID int64) (map[int64][]int64, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT l.excerpt_id, l.image_id FROM links l JOIN excerpts e ON e.id = l.excerpt_id
		WHERE e.report_id = ? AND l.deleted_at IS NULL ORDER BY l.excerpt_id, l.id`, reportID)
	if err != nil {
		return nil, fmt.Errorf("images linked to report %d: %w", reportID, err)
	}
	defer rows.Close()
	out := map[int64][]int64{}
	for rows.Next() {
		var e, im int64
		if err := rows.Scan(&e, &im); err != nil {
			return nil, err
		}
		if l := out[e]; len(l) == 0 || l[len(l)-1] != im {
			out[e] = append(out[e], im)
		}
	}
	return out, rows.Err()
}
