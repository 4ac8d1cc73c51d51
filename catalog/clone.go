package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// Clone makes, in dir (which must not hold a case), a new empty case that
// is a copy of the team case caseID: it has that case's id and no chain of
// its own. The caller then pulls the hub's entries into it (Incoming) and
// joins it to the hub (SetHub), which ends the cloning; until then the
// case refuses to begin a chain of its own.
func Clone(ctx context.Context, dir, caseID string) (*Case, error) {
	if caseID == "" {
		return nil, fmt.Errorf("clone into %s: no case id", dir)
	}
	if IsCase(dir) {
		return nil, fmt.Errorf("clone into %s: that folder already holds a case", dir)
	}
	return open(ctx, dir, caseID)
}

// markClone gives a new case the id of the case it copies, and marks it
// as a clone awaiting its entries.
func markClone(ctx context.Context, db *sql.DB, caseID string) error {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM audit`).Scan(&n); err != nil {
		return fmt.Errorf("clone: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("clone: the case already has a record of its own")
	}
	for _, q := range []string{
		`UPDATE case_info SET value = ? WHERE key = 'case_id'`,
		`INSERT INTO case_info(key, value) VALUES('hub_clone', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
	} {
		if _, err := db.ExecContext(ctx, q, caseID); err != nil {
			return fmt.Errorf("clone: %w", err)
		}
	}
	return nil
}

// cloning reports whether the case is a clone still awaiting its entries.
func (c *Case) cloning(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) bool {
	var n int
	q.QueryRowContext(ctx, `SELECT count(*) FROM case_info WHERE key = 'hub_clone'`).Scan(&n)
	return n > 0
}
