package catalog

import (
	"context"
	"database/sql"
	"time"
)

// waitNoteAfter is how long a write waits for another program before it is
// told (see OnWait).
const waitNoteAfter = 3 * time.Second

// OnWait sets fn to be told, every few seconds, while a change waits for
// another program writing to the same case (an import in a terminal, the
// app): the change is never given up for a lock it can wait for, only when
// ctx is cancelled.
func (c *Case) OnWait(fn func(waited time.Duration)) { c.onWait.Store(&fn) }

// begin starts a write transaction (BEGIN IMMEDIATE: the write lock is
// taken at once), waiting as long as another program holds the lock.
func (c *Case) begin(ctx context.Context) (*sql.Tx, error) {
	start := time.Now()
	noted := time.Duration(0)
	for {
		tx, err := c.wr.BeginTx(ctx, nil)
		if err == nil || !isBusy(err) || ctx.Err() != nil {
			return tx, err
		}
		// SQLite waited busy_timeout already; tell, and wait again.
		if waited := time.Since(start); waited >= waitNoteAfter && waited-noted >= waitNoteAfter {
			noted = waited
			if fn := c.onWait.Load(); fn != nil && *fn != nil {
				(*fn)(waited)
			}
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}
