package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// audit appends one entry to the audit trail of the write transaction tx
// (see Case.write). details is stored as JSON when it is not a string. The
// rows tx touched since the previous entry go with this one: their content
// hashes are what the entry leaves behind.
func (c *Case) audit(ctx context.Context, tx *sql.Tx, action, object string, details any) error {
	var d string
	switch v := details.(type) {
	case nil:
	case string:
		d = v
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("audit %s: %w", action, err)
		}
		d = string(b)
	}
	t := c.txc
	if t == nil {
		return fmt.Errorf("audit %s: not inside a write transaction", action)
	}
	rows, err := t.takeTouched(ctx, tx)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	t.entries = append(t.entries, pendingEntry{at: timestamp(c.now()), action: action, object: object, details: d, rows: rows})
	return nil
}

// Audit returns the audit trail, oldest first, optionally only the entries
// about one object ("image:12", "report:3", ...).
func (c *Case) Audit(ctx context.Context, object string) ([]AuditEntry, error) {
	q := `SELECT id, at, action, object, details, actor, coalesce(hash, ''), coalesce(prev, ''), key FROM audit`
	var args []any
	if object != "" {
		q += ` WHERE object = ?`
		args = append(args, object)
	}
	rows, err := c.rd.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read audit trail: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Action, &e.Object, &e.Details, &e.Actor, &e.Hash, &e.Prev, &e.Key); err != nil {
			return nil, fmt.Errorf("read audit trail: %w", err)
		}
		e.At = parseTimestamp(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
