package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// markGone sets gone_at on the current locations, in the folders this
// import walked to the end, whose file is no longer there. The image and its
// other locations stay: a file that moved is found again by its hash.
func (c *Case) markGone(ctx context.Context, wres *walkResult, res *ImportResult) error {
	walked := make(map[string]bool, len(wres.dirs))
	for _, d := range wres.dirs {
		walked[d] = true
	}
	found := make(map[string]bool, len(wres.files))
	for _, f := range wres.files {
		found[f.path] = true
	}
	type loc struct {
		id, image int64
		path      string
	}
	var gone []loc
	rows, err := c.rd.QueryContext(ctx, `SELECT id, image_id, path FROM locations WHERE gone_at IS NULL`)
	if err != nil {
		return fmt.Errorf("import: check for moved files: %w", err)
	}
	for rows.Next() {
		var l loc
		if err := rows.Scan(&l.id, &l.image, &l.path); err != nil {
			rows.Close()
			return err
		}
		if found[l.path] || !walked[filepath.Dir(l.path)] {
			continue
		}
		if _, err := os.Stat(l.path); errors.Is(err, fs.ErrNotExist) {
			gone = append(gone, l)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(gone) == 0 {
		return nil
	}
	err = c.write(ctx, func(tx *sql.Tx) error {
		now := timestamp(c.now())
		for _, l := range gone {
			if _, err := tx.ExecContext(ctx, `UPDATE locations SET gone_at=? WHERE id=?`, now, l.id); err != nil {
				return err
			}
			if err := c.audit(ctx, tx, "location.gone", imageObject(l.image), map[string]any{"path": l.path}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import: record moved files: %w", err)
	}
	res.Gone = len(gone)
	return nil
}
