package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// ImportRun is one run of import, as recorded.
type ImportRun struct {
	ID         int64
	StartedAt  time.Time
	FinishedAt *time.Time // nil while running
	Roots      []string   // the files and folders given, absolute
	// Added, Unchanged and Failed count what the run did: kept up to date
	// as it writes, so an interrupted run says how far it got.
	Added, Unchanged, Failed int
	// Status is running, done, cancelled, failed (the catalog could not be
	// written) or interrupted (the program ended while it ran).
	Status string
	// PID and Host are the process and computer that ran it (0 and "" for
	// runs recorded before Exhibit kept them).
	PID  int64
	Host string
}

// Imports returns every run of import, oldest first.
func (c *Case) Imports(ctx context.Context) ([]*ImportRun, error) {
	var out []*ImportRun
	err := c.eachRow(ctx, `SELECT id, started_at, finished_at, roots, added, unchanged, failed, status, pid, host FROM imports ORDER BY id`,
		func(rows *sql.Rows) error {
			var r ImportRun
			var started, roots string
			var fin sql.NullString
			if err := rows.Scan(&r.ID, &started, &fin, &roots, &r.Added, &r.Unchanged, &r.Failed, &r.Status, &r.PID, &r.Host); err != nil {
				return err
			}
			r.StartedAt = parseTimestamp(started)
			if fin.Valid {
				t := parseTimestamp(fin.String)
				r.FinishedAt = &t
			}
			if err := json.Unmarshal([]byte(roots), &r.Roots); err != nil {
				r.Roots = []string{roots}
			}
			out = append(out, &r)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("list imports: %w", err)
	}
	return out, nil
}
