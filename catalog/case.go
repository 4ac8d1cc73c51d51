package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

// DBName is the catalog database's file name inside a case folder.
const DBName = "catalog.db"

// Case is an open Exhibit case: a folder holding the catalog database and a
// cache of thumbnails and previews that can always be rebuilt from the
// originals. A Case is safe for concurrent use.
type Case struct {
	dir string
	rd  *sql.DB // readers
	wr  *sql.DB // the one writer
	// now is the clock; tests replace it.
	now func() time.Time
	// session and actor are written with every audit entry: see
	// SetProgram and ChangesElsewhere.
	session string
	actor   atomic.Pointer[string]

	host string       // this computer's name, recorded with runs
	lock *sessionLock // held while the case is open (see runs.go)

	id     string  // the case's identity (case_info)
	signer *Signer // the user's key: signs checkpoints and exports
	// txc collects the entries of the write transaction in progress; only
	// the goroutine holding the one writer connection touches it.
	txc *txChain
	cp  checkpointState
	// onWait, when set, is told while a write waits for another program.
	onWait atomic.Pointer[func(time.Duration)]
	// importing counts the imports running in this process: while one
	// runs, a provisional thumbnail may stand for one being made.
	importing atomic.Int32
	// member is this laptop's member number in its hub's team (0 for a
	// case without a hub): new rows take their ids from its block, and
	// entries keep their rows' content (see team.go).
	member atomic.Int64
	// fetch brings originals from the hub's store (see SetFetcher).
	fetch atomic.Pointer[Fetcher]
	// pulled are the entries this Case added from its hub (incoming.go).
	pulled pulled
}

// DefaultDir returns the case used when none is given: Default.exhibit in
// the user's data folder ($XDG_DATA_HOME/exhibit, ~/.local/share/exhibit).
func DefaultDir() (string, error) {
	base := os.Getenv("XDG_DATA_HOME")
	if base == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find the default case: %w", err)
		}
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "exhibit", "Default.exhibit"), nil
}

// Open opens the case in dir, creating it when it does not exist.
func Open(ctx context.Context, dir string) (*Case, error) {
	return open(ctx, dir, "")
}

// open opens or creates the case in dir; cloneOf, when set, makes a new
// case the empty copy of the team case with that id (see Clone).
func open(ctx context.Context, dir, cloneOf string) (*Case, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open case %s: %w", dir, err)
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("open case %s: not a folder", abs)
	}
	if IsCase(abs) {
		if err := checkWritable(abs); err != nil {
			return nil, fmt.Errorf("open case %s: %w", abs, err)
		}
	} else if err := checkNewCaseFolder(abs); err != nil {
		return nil, fmt.Errorf("open case %s: %w", abs, err)
	}
	if err := os.MkdirAll(filepath.Join(abs, "cache"), 0o755); err != nil {
		return nil, fmt.Errorf("open case %s: %w", abs, err)
	}
	signer, err := LoadSigner()
	if err != nil {
		return nil, fmt.Errorf("open case %s: %w", abs, err)
	}
	rd, wr, from, err := openDB(ctx, filepath.Join(abs, DBName))
	if err != nil {
		return nil, fmt.Errorf("open case %s: %w", abs, err)
	}
	c := &Case{dir: abs, rd: rd, wr: wr, now: time.Now, session: newSession(), signer: signer}
	c.host, _ = os.Hostname()
	c.SetProgram("exhibit")
	// The session's lock is held before anything is recorded under it.
	c.lock, err = holdSession(abs, c.session)
	if err == nil && cloneOf != "" {
		err = markClone(ctx, wr, cloneOf)
	}
	if err == nil {
		c.id, err = readCaseID(ctx, wr)
	}
	if err == nil {
		err = c.loadHub(ctx)
	}
	if err == nil {
		err = c.startChain(ctx, from, SchemaVersion())
	}
	if err == nil {
		err = c.reapRuns(ctx)
	}
	if err != nil {
		rd.Close()
		wr.Close()
		c.lock.release()
		return nil, fmt.Errorf("open case %s: %w", abs, err)
	}
	return c, nil
}

// IsCase reports whether dir holds an Exhibit case.
func IsCase(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, DBName))
	return err == nil && fi.Mode().IsRegular()
}

// Close signs the chain's head when this program wrote entries no
// checkpoint covers yet, and closes the case's database.
func (c *Case) Close() error {
	err := c.stopCheckpoints(context.Background())
	err = errors.Join(err, c.rd.Close(), c.wr.Close())
	// Last: the runs of this session are ended (or will be seen
	// interrupted) once the lock is let go.
	return errors.Join(err, c.lock.release())
}

// Dir returns the case folder, absolute.
func (c *Case) Dir() string { return c.dir }

// Name returns the case's name: its folder name without ".exhibit".
func (c *Case) Name() string {
	return strings.TrimSuffix(filepath.Base(c.dir), ".exhibit")
}

// CacheDir returns the folder of thumbnails and previews.
func (c *Case) CacheDir() string { return filepath.Join(c.dir, "cache") }

// IntegrityCheck runs SQLite's integrity check and foreign key check on the
// catalog and returns an error describing any problem found.
func (c *Case) IntegrityCheck(ctx context.Context) error {
	var res string
	if err := c.wr.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("integrity check: %s", res)
	}
	rows, err := c.wr.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	defer rows.Close()
	if rows.Next() {
		return errors.New("foreign key check: the catalog has dangling references")
	}
	return rows.Err()
}

// write runs fn in a write transaction, committed when fn returns nil,
// with the audit entries fn made (see audit) chained and, every few
// seconds, signed in the same transaction: a change and its record are
// written together or not at all.
func (c *Case) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := c.begin(ctx)
	if err != nil {
		return err
	}
	// c.txc is cleared before the connection is given back: the next
	// writer sets its own as soon as it has the connection.
	t := &txChain{hasher: rowHasher{keep: c.member.Load() > 0}}
	c.txc = t
	fail := func(err error) error {
		c.txc = nil
		tx.Rollback()
		return err
	}
	// Rows noted before this transaction were written by something other
	// than Exhibit (every transaction of Exhibit's empties the table):
	// named in an entry, never recorded as if Exhibit had made them.
	if err := t.outsideWrites(ctx, c, tx); err != nil {
		return fail(err)
	}
	if err := fn(tx); err != nil {
		return fail(err)
	}
	n, err := t.finish(ctx, c, tx)
	if err != nil {
		return fail(err)
	}
	signed := false
	if n > 0 {
		if signed, err = c.afterEntries(ctx, tx); err != nil {
			return fail(err)
		}
	}
	c.txc = nil
	if err := tx.Commit(); err != nil {
		return err
	}
	if n > 0 {
		c.afterCommit(signed)
	}
	return nil
}

// timestamp formats t for the database: UTC, RFC 3339 with nanoseconds.
func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// parseTimestamp reads a time written by timestamp.
func parseTimestamp(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
