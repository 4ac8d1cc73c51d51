package catalog

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/user"
)

// newSession returns a random id for one opening of a case.
func newSession() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// SetProgram names the program that makes the changes, as the audit
// trail records them ("exhibit app", "exhibit import"), after the user
// and the computer.
func (c *Case) SetProgram(program string) {
	who := "unknown user"
	if u, err := user.Current(); err == nil {
		who = u.Username
	}
	if host, err := os.Hostname(); err == nil && host != "" {
		who += "@" + host
	}
	actor := who + ", " + program
	c.actor.Store(&actor)
}

// Actor returns who makes the changes, as the audit trail records it:
// "user@computer, program".
func (c *Case) Actor() string { return *c.actor.Load() }

// AuditMark is the newest entry of the audit trail: 0 for an empty trail.
func (c *Case) AuditMark(ctx context.Context) (int64, error) {
	var id int64
	if err := c.rd.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM audit`).Scan(&id); err != nil {
		return 0, fmt.Errorf("read audit trail: %w", err)
	}
	return id, nil
}

// ChangesElsewhere returns the entries of the audit trail after mark that
// another program made (another window, a command, another computer
// sharing the case), oldest first, and the newest entry's id, to pass as
// the next mark. Changes made through this Case are left out, the
// entries it pulled from its hub included (the program that pulled them
// has shown them).
func (c *Case) ChangesElsewhere(ctx context.Context, mark int64) ([]AuditEntry, int64, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT id, at, action, object, details, actor, session FROM audit WHERE id > ? ORDER BY id`, mark)
	if err != nil {
		return nil, mark, fmt.Errorf("read audit trail: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at, session string
		if err := rows.Scan(&e.ID, &at, &e.Action, &e.Object, &e.Details, &e.Actor, &session); err != nil {
			return nil, mark, fmt.Errorf("read audit trail: %w", err)
		}
		mark = e.ID
		if session == c.session || c.pulledHere(e.ID) {
			continue
		}
		e.At = parseTimestamp(at)
		out = append(out, e)
	}
	return out, mark, rows.Err()
}
