package catalog

import (
	"github.com/exhibit-app/exhibit/internal/sqliteuri"

	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// openDB opens the catalog database at path with one writer connection and
// a pool of readers, in WAL mode with foreign keys on, and brings its
// schema up to date.
func openDB(ctx context.Context, path string) (rd, wr *sql.DB, from int, err error) {
	dsn := func(readOnly bool) string {
		q := url.Values{}
		for _, p := range []string{
			"foreign_keys(1)",
			"busy_timeout(1000)",
			"journal_mode(WAL)",
			// FULL: a committed annotation or link survives a power cut, not
			// only a crash of the process.
			"synchronous(FULL)",
		} {
			q.Add("_pragma", p)
		}
		if readOnly {
			q.Add("_pragma", "query_only(1)")
		} else {
			q.Add("_txlock", "immediate")
		}
		return SQLiteURI(path, q)
	}
	wr, err = sql.Open("sqlite", dsn(false))
	if err != nil {
		return nil, nil, 0, fmt.Errorf("open %s: %w", path, err)
	}
	wr.SetMaxOpenConns(1)
	// Another program opening the same new case at the same moment may
	// hold the lock that switching to WAL needs, and SQLite then reports
	// "busy" at once, without waiting: try again for a while.
	for wait := 10 * time.Millisecond; ; wait *= 2 {
		err = wr.PingContext(ctx)
		if err == nil {
			from, err = migrate(ctx, wr)
		}
		if err == nil || !isBusy(err) || wait > 5*time.Second {
			break
		}
		wr.Close()
		time.Sleep(wait)
		if wr, err = sql.Open("sqlite", dsn(false)); err != nil {
			return nil, nil, 0, fmt.Errorf("open %s: %w", path, err)
		}
		wr.SetMaxOpenConns(1)
	}
	if err != nil {
		wr.Close()
		return nil, nil, 0, fmt.Errorf("open %s: %w", path, err)
	}
	rd, err = sql.Open("sqlite", dsn(true))
	if err != nil {
		wr.Close()
		return nil, nil, 0, fmt.Errorf("open %s: %w", path, err)
	}
	rd.SetMaxOpenConns(max(4, runtime.NumCPU()))
	return rd, wr, from, nil
}

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order. A file is named
// NNNN_name.sql; NNNN is the schema version it brings the case to.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("migration %q: name must be NNNN_name.sql", name)
		}
		b, err := migrationFiles.ReadFile("migrations/" + name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := range ms {
		if ms[i].version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", ms[i].name, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion is the schema version this build of Exhibit writes.
func SchemaVersion() int {
	ms, _ := migrations()
	return len(ms)
}

// migrate applies, each in its own transaction, the migrations the
// database has not seen yet, and returns the version it found. The version
// is kept in PRAGMA user_version.
func migrate(ctx context.Context, db *sql.DB) (from int, err error) {
	ms, err := migrations()
	if err != nil {
		return 0, err
	}
	var have int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&have); err != nil {
		return 0, err
	}
	if have > len(ms) {
		return have, fmt.Errorf("the case has schema version %d, newer than this Exhibit (%d): update Exhibit", have, len(ms))
	}
	for _, m := range ms[have:] {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return have, err
		}
		// Another program opening the case at the same time may have
		// applied it while this one waited for the lock.
		var now int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&now); err != nil {
			tx.Rollback()
			return have, err
		}
		if now >= m.version {
			tx.Rollback()
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return have, fmt.Errorf("%s: %w", m.name, err)
		}
		// Rows a migration rewrites are not writes behind Exhibit's back:
		// the schema.migrate entry that follows records every row anew.
		if m.version >= 5 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM audit_touch`); err != nil {
				tx.Rollback()
				return have, fmt.Errorf("%s: %w", m.name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			tx.Rollback()
			return have, fmt.Errorf("%s: %w", m.name, err)
		}
		if err := tx.Commit(); err != nil {
			return have, fmt.Errorf("%s: %w", m.name, err)
		}
	}
	return have, nil
}

// isBusy reports whether err is SQLite's "database is locked" (SQLITE_BUSY,
// with any extended code).
func isBusy(err error) bool {
	var coded interface{ Code() int }
	return errors.As(err, &coded) && coded.Code()&0xff == 5
}

// SQLiteURI returns the "file:" URI that opens the SQLite database at path
// with the parameters q (for the sqlite driver of modernc.org). "%", "?" and
// "#", which a folder's name may hold ("Raqqa #2"), are escaped, else SQLite
// would read them as an escape, the query or the fragment, and open another
// file.
func SQLiteURI(path string, q url.Values) string { return sqliteuri.For(path, q) }
