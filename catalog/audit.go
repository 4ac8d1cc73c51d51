package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// audit appends one entry to the audit trail inside tx. details is stored
// as JSON when it is not a string.
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
	_, err := tx.ExecContext(ctx, `INSERT INTO audit(at, action, object, details, session, actor) VALUES(?,?,?,?,?,?)`,
		timestamp(c.now()), action, object, d, c.session, *c.actor.Load())
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// Audit returns the audit trail, oldest first, optionally only the entries
// about one object ("image:12", "report:3", ...).
func (c *Case) Audit(ctx context.Context, object string) ([]AuditEntry, error) {
	q := `SELECT id, at, action, object, details, actor FROM audit`
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
		if err := rows.Scan(&e.ID, &at, &e.Action, &e.Object, &e.Details, &e.Actor); err != nil {
			return nil, fmt.Errorf("read audit trail: %w", err)
		}
		e.At = parseTimestamp(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
