package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// Every regular file an import is offered is in the record with its
// SHA-256: an image in images and locations, any other file in the
// failures table, as failed (kind 'failed': it should have been an image
// and could not be cataloged) or skipped (kind 'skipped': a video, a
// document...). Named pipes, sockets and devices are recorded as skipped,
// without a hash: they are never opened.

// recordOffered records a file an import did not catalog, of kind
// "failed" or "skipped", with why, its size and SHA-256 (NULL when it
// could not be read). A later import that catalogs it marks it resolved.
func (c *Case) recordOffered(ctx context.Context, tx *sql.Tx, p processed, kind, why, now string) error {
	_, err := c.insertRow(ctx, tx, `INSERT INTO failures(path, error, size, mtime_ns, first_at, last_at, sha256, kind) VALUES(?,?,?,?,?,?,?,?)
		ON CONFLICT(path) DO UPDATE SET error=excluded.error, size=excluded.size, mtime_ns=excluded.mtime_ns,
		last_at=excluded.last_at, sha256=excluded.sha256, kind=excluded.kind, resolved_at=NULL`,
		p.cand.path, why, p.cand.size, p.cand.mtime, now, now, nullString(p.sha256), kind)
	if err != nil {
		return fmt.Errorf("record %s file: %w", kind, err)
	}
	return nil
}

// writeSkip records one skipped file inside tx; auditSkips then writes the
// entry that speaks for the batch.
func (c *Case) writeSkip(ctx context.Context, tx *sql.Tx, p processed, reason string, d *ImportResult) error {
	if err := c.recordOffered(ctx, tx, p, "skipped", reason, timestamp(c.now())); err != nil {
		return err
	}
	d.Skipped = append(d.Skipped, Skip{Path: p.cand.path, Reason: reason, SHA256: p.sha256, Size: p.cand.size})
	return nil
}

// auditSkips appends one file.skipped entry for the files of a batch that
// were skipped, listing each with its SHA-256.
func (c *Case) auditSkips(ctx context.Context, tx *sql.Tx, importID int64, skips []Skip) error {
	if len(skips) == 0 {
		return nil
	}
	files := make([]map[string]any, len(skips))
	for i, s := range skips {
		files[i] = map[string]any{"path": s.Path, "sha256": nullString(s.SHA256), "size": s.Size, "reason": s.Reason}
	}
	return c.audit(ctx, tx, "file.skipped", fmt.Sprintf("import:%d", importID), map[string]any{"files": files})
}

// Skipped returns the files imports left out on purpose (not images), by
// path, with their SHA-256, and not cataloged since.
func (c *Case) Skipped(ctx context.Context) ([]Skip, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT path, error, coalesce(sha256, ''), size, last_at FROM failures
		WHERE kind = 'skipped' AND resolved_at IS NULL ORDER BY path`)
	if err != nil {
		return nil, fmt.Errorf("list skipped files: %w", err)
	}
	defer rows.Close()
	var out []Skip
	for rows.Next() {
		var s Skip
		var at string
		if err := rows.Scan(&s.Path, &s.Reason, &s.SHA256, &s.Size, &at); err != nil {
			return nil, fmt.Errorf("list skipped files: %w", err)
		}
		s.At = parseTimestamp(at)
		out = append(out, s)
	}
	return out, rows.Err()
}
