package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// Outgoing returns, oldest first, up to limit entries of the chain the hub
// does not have yet (all when limit <= 0), with their rows' content.
func (c *Case) Outgoing(ctx context.Context, limit int) ([]WireEntry, error) {
	q := `SELECT id, hash, coalesce(prev, ''), at, actor, key, session, action, object, details, rows_digest, seq
		FROM audit WHERE hash IS NOT NULL AND hash NOT IN (SELECT hash FROM on_hub) ORDER BY id`
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	tx, err := c.rd.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("read the entries to send: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("read the entries to send: %w", err)
	}
	var out []WireEntry
	var ids []int64
	for rows.Next() {
		var e WireEntry
		var id int64
		if err := rows.Scan(&id, &e.Hash, &e.Prev, &e.At, &e.Actor, &e.Key, &e.Session, &e.Action, &e.Object, &e.Details, &e.RowsDigest, &e.Seq); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read the entries to send: %w", err)
		}
		out = append(out, e)
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the entries to send: %w", err)
	}
	for i, id := range ids {
		r, err := entryRows(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		out[i].Rows = r
	}
	return out, nil
}

// entryRows returns an entry's rows with their content where it was kept.
func entryRows(ctx context.Context, q querier, id int64) ([]WireRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.ref, r.hash, d.data FROM audit_rows r
		LEFT JOIN audit_data d ON d.entry_id = r.entry_id AND d.ref = r.ref WHERE r.entry_id = ? ORDER BY r.ref`, id)
	if err != nil {
		return nil, fmt.Errorf("read the rows of entry %d: %w", id, err)
	}
	defer rows.Close()
	var out []WireRow
	for rows.Next() {
		var w WireRow
		var data sql.NullString
		if err := rows.Scan(&w.Ref, &w.Hash, &data); err != nil {
			return nil, fmt.Errorf("read the rows of entry %d: %w", id, err)
		}
		if data.Valid {
			w.Data = json.RawMessage(data.String)
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// MarkSent records that the hub has these entries.
func (c *Case) MarkSent(ctx context.Context, hashes []string) error {
	if len(hashes) == 0 {
		return nil
	}
	tx, err := c.wr.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record what was sent: %w", err)
	}
	defer tx.Rollback()
	for start := 0; start < len(hashes); start += 500 {
		chunk := hashes[start:min(start+500, len(hashes))]
		args := make([]any, len(chunk))
		for i, h := range chunk {
			args[i] = h
		}
		q := `INSERT OR IGNORE INTO on_hub(hash) VALUES(?)` + strings.Repeat(",(?)", len(chunk)-1)
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("record what was sent: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record what was sent: %w", err)
	}
	return nil
}

// Unsent returns how many entries the hub does not have yet.
func (c *Case) Unsent(ctx context.Context) (int, error) {
	var n int
	err := c.rd.QueryRowContext(ctx, `SELECT count(*) FROM audit WHERE hash IS NOT NULL AND hash NOT IN (SELECT hash FROM on_hub)`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count the entries to send: %w", err)
	}
	return n, nil
}
