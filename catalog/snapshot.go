package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// Snapshot is one consistent reading of the whole case: every row as it
// was at one moment, whatever other programs write meanwhile. It is valid
// only inside the function given to ReadSnapshot.
type Snapshot struct {
	ctx context.Context
	tx  *sql.Tx
}

// ReadSnapshot calls fn with a consistent reading of the case (one read
// transaction): the tables, the audit chain and its head agree with each
// other.
func (c *Case) ReadSnapshot(ctx context.Context, fn func(s *Snapshot) error) error {
	tx, err := c.rd.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("read the case: %w", err)
	}
	defer tx.Rollback()
	return fn(&Snapshot{ctx: ctx, tx: tx})
}

// Head returns the newest entry of the audit chain.
func (s *Snapshot) Head() (ChainHead, error) {
	return readHead(s.ctx, s.tx)
}

// TrackedTables returns the tables whose rows the audit chain records,
// sorted: the case's evidence and work (images, locations, reports,
// excerpts, links, notes, tags, pairs, annotations, exports, ...).
func (s *Snapshot) TrackedTables() ([]string, error) { return trackedTables(s.ctx, s.tx) }

// EachRow calls fn with every row of table, in rowid order, as a map from
// column name to value (int64, float64, string, []byte or nil), with the
// row's rowid under "rowid" (what the audit chain's row references name:
// "notes/12"). table must be one of the case's tables.
func (s *Snapshot) EachRow(table string, fn func(row map[string]any) error) error {
	var n int
	if err := s.tx.QueryRowContext(s.ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&n); err != nil {
		return fmt.Errorf("read %s: %w", table, err)
	}
	if n == 0 {
		return fmt.Errorf("read %s: no such table", table)
	}
	var withoutRowid int
	s.tx.QueryRowContext(s.ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ? AND upper(sql) LIKE '%WITHOUT ROWID%'`, table).Scan(&withoutRowid)
	q := `SELECT rowid AS "rowid", * FROM ` + quoteIdent(table) + ` ORDER BY rowid`
	if withoutRowid > 0 {
		q = `SELECT * FROM ` + quoteIdent(table)
	}
	rows, err := s.tx.QueryContext(s.ctx, q)
	if err != nil {
		return fmt.Errorf("read %s: %w", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return fmt.Errorf("read %s: %w", table, err)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("read %s: %w", table, err)
		}
		row := make(map[string]any, len(cols))
		for i, col := range cols {
			row[col] = vals[i]
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", table, err)
	}
	return nil
}

// EachAudit calls fn with every audit entry, oldest first, with every
// field the chain keeps and the content hashes of the rows it left behind.
func (s *Snapshot) EachAudit(fn func(r *AuditRecord) error) error {
	rows, err := s.tx.QueryContext(s.ctx, `SELECT id, seq, at, actor, key, session, action, object, details, prev, hash, rows_digest
		FROM audit ORDER BY id`)
	if err != nil {
		return fmt.Errorf("read the audit trail: %w", err)
	}
	defer rows.Close()
	var pending []*AuditRecord
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		if err := s.auditRows(pending); err != nil {
			return err
		}
		for _, r := range pending {
			if err := fn(r); err != nil {
				return err
			}
		}
		pending = pending[:0]
		return nil
	}
	for rows.Next() {
		var r AuditRecord
		var seq sql.NullInt64
		var prev, hash sql.NullString
		if err := rows.Scan(&r.ID, &seq, &r.At, &r.Actor, &r.Key, &r.Session, &r.Action, &r.Object, &r.Details, &prev, &hash, &r.RowsDigest); err != nil {
			return fmt.Errorf("read the audit trail: %w", err)
		}
		if seq.Valid {
			r.Seq = &seq.Int64
		}
		if prev.Valid {
			r.Prev = &prev.String
		}
		if hash.Valid {
			r.Hash = &hash.String
		}
		r.Rows = []AuditRow{}
		pending = append(pending, &r)
		if len(pending) == 500 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the audit trail: %w", err)
	}
	return flush()
}

// auditRows fills in the rows of the entries rs (ids ascending).
func (s *Snapshot) auditRows(rs []*AuditRecord) error {
	byID := make(map[int64]*AuditRecord, len(rs))
	for _, r := range rs {
		byID[r.ID] = r
	}
	rows, err := s.tx.QueryContext(s.ctx, `SELECT entry_id, ref, hash FROM audit_rows WHERE entry_id BETWEEN ? AND ? ORDER BY entry_id, ref`,
		rs[0].ID, rs[len(rs)-1].ID)
	if err != nil {
		return fmt.Errorf("read the audit trail's rows: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var ar AuditRow
		if err := rows.Scan(&id, &ar.Ref, &ar.Hash); err != nil {
			return fmt.Errorf("read the audit trail's rows: %w", err)
		}
		if r := byID[id]; r != nil {
			r.Rows = append(r.Rows, ar)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the audit trail's rows: %w", err)
	}
	return nil
}
