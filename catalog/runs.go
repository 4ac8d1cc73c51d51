package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// How a run (an import, an export) that a killed program left unfinished
// is told from one still under way: every program that opens a case holds,
// as long as it has it open, an exclusive flock(2) on a file of its own,
// running/SESSION.lock in the case folder, and every run it starts is
// recorded with that session (and, for people reading the record, its
// process id and computer). The kernel lets go of the lock when the
// program ends, however it ends. When a case is opened, the runs still
// "running" or "pending" whose session's lock can be taken (or whose lock
// file is gone) belong to a program that is no longer there: they are
// marked "interrupted", in the audit trail too.
//
// flock works between programs on one computer and on most network file
// systems (NFSv4, SMB); on one that ignores it a run may be marked
// interrupted while another computer still writes it. A lock file is
// made with O_EXCL under a random name and locked at once; the stale ones
// are removed by whoever reaps their runs, or once an hour old.

// runsDir is the folder, in a case, of the programs' lock files.
const runsDir = "running"

// staleLockAge is how old a lock file no program holds must be before it
// is removed when no run of its session is left to mark.
const staleLockAge = time.Hour

// sessionLock is this program's hold on its session's lock file.
type sessionLock struct {
	f    *os.File
	path string
}

// holdSession makes and locks the lock file of session in the case dir.
func holdSession(dir, session string) (*sessionLock, error) {
	rd := filepath.Join(dir, runsDir)
	if err := os.MkdirAll(rd, 0o755); err != nil {
		return nil, fmt.Errorf("make the lock of this session: %w", err)
	}
	path := filepath.Join(rd, session+".lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("make the lock of this session: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	host, _ := os.Hostname()
	fmt.Fprintf(f, "pid %d\nhost %s\n", os.Getpid(), host)
	return &sessionLock{f: f, path: path}, nil
}

// release removes the lock file and lets go of the lock.
func (l *sessionLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := os.Remove(l.path)
	err = errors.Join(err, l.f.Close())
	l.f = nil
	return err
}

// probeSession tells whether the program of session is gone. When it is
// and its lock file exists, the file is returned locked, for dropSession.
func probeSession(dir, session string) (gone bool, held *sessionLock) {
	if session == "" || strings.ContainsAny(session, `/\`) {
		return true, nil // recorded before sessions were, or not ours
	}
	path := filepath.Join(dir, runsDir, session+".lock")
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, nil // cannot tell: leave it
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return false, nil // held: the program is there
	}
	return true, &sessionLock{f: f, path: path}
}

// unfinishedRun is a run found running or pending whose program is gone.
type unfinishedRun struct {
	table       string // imports, exports
	id          int64
	session     string
	pid         int64
	host        string
	kind        string   // exports: sheet, png, ...
	path        string   // exports
	tempPath    string   // exports
	done        [3]int64 // imports: added, unchanged, failed
	removedTemp bool
	filePresent bool
}

// reapRuns marks interrupted the imports and exports left running or
// pending by programs that are no longer there (see the top of this
// file), and removes the lock files of such programs.
func (c *Case) reapRuns(ctx context.Context) error {
	var runs []*unfinishedRun
	err := c.eachRowArgs(ctx, `SELECT id, session, pid, host, added, unchanged, failed FROM imports WHERE status = 'running' AND session != ?`,
		[]any{c.session}, func(rows *sql.Rows) error {
			r := &unfinishedRun{table: "imports"}
			if err := rows.Scan(&r.id, &r.session, &r.pid, &r.host, &r.done[0], &r.done[1], &r.done[2]); err != nil {
				return err
			}
			runs = append(runs, r)
			return nil
		})
	if err != nil {
		return fmt.Errorf("find interrupted imports: %w", err)
	}
	err = c.eachRowArgs(ctx, `SELECT id, session, pid, host, kind, path, temp_path FROM exports WHERE status = 'pending' AND session != ?`,
		[]any{c.session}, func(rows *sql.Rows) error {
			r := &unfinishedRun{table: "exports"}
			if err := rows.Scan(&r.id, &r.session, &r.pid, &r.host, &r.kind, &r.path, &r.tempPath); err != nil {
				return err
			}
			runs = append(runs, r)
			return nil
		})
	if err != nil {
		return fmt.Errorf("find interrupted exports: %w", err)
	}
	held := map[string]*sessionLock{}
	gone := map[string]bool{}
	defer func() {
		for _, l := range held {
			l.release()
		}
	}()
	var dead []*unfinishedRun
	for _, r := range runs {
		g, ok := gone[r.session]
		if !ok {
			var l *sessionLock
			g, l = probeSession(c.dir, r.session)
			gone[r.session] = g
			if l != nil {
				held[r.session] = l
			}
		}
		if g {
			dead = append(dead, r)
		}
	}
	for _, r := range dead {
		if r.table != "exports" {
			continue
		}
		// The half-written file under its temporary name is removed; the
		// file at the final name, if there, is left as found and said.
		if r.tempPath != "" && isExportTemp(r.tempPath) {
			if err := os.Remove(r.tempPath); err == nil {
				r.removedTemp = true
			}
		}
		if fi, err := os.Lstat(r.path); err == nil && fi.Mode().IsRegular() {
			r.filePresent = true
		}
	}
	if len(dead) > 0 {
		if err := c.write(ctx, func(tx *sql.Tx) error { return c.markInterrupted(ctx, tx, dead) }); err != nil {
			return fmt.Errorf("mark interrupted runs: %w", err)
		}
	}
	c.removeStaleLocks(held)
	return nil
}

// markInterrupted records, in tx, the runs whose program is gone.
func (c *Case) markInterrupted(ctx context.Context, tx *sql.Tx, dead []*unfinishedRun) error {
	now := timestamp(c.now())
	for _, r := range dead {
		who := map[string]any{"session": r.session, "pid": r.pid, "host": r.host}
		if r.table == "imports" {
			res, err := tx.ExecContext(ctx, `UPDATE imports SET status = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running'`, now, r.id)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue // another program marked it meanwhile
			}
			who["added"], who["unchanged"], who["failed"] = r.done[0], r.done[1], r.done[2]
			if err := c.audit(ctx, tx, "import.interrupted", fmt.Sprintf("import:%d", r.id), who); err != nil {
				return err
			}
			continue
		}
		file := "absent"
		if r.filePresent {
			file = "present"
		}
		msg := "the program writing it ended before the export was complete; no file was written at " + r.path
		if r.filePresent {
			msg = "the program writing it ended after the file was in place but before its SHA-256 was recorded; the file at " + r.path + " is not vouched for"
		}
		res, err := tx.ExecContext(ctx, `UPDATE exports SET status = 'interrupted', finished_at = ?, error = ? WHERE id = ? AND status = 'pending'`, now, msg, r.id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue
		}
		who["kind"], who["path"], who["file"], who["temp_removed"] = r.kind, r.path, file, r.removedTemp
		if err := c.audit(ctx, tx, "export.interrupted", fmt.Sprintf("export:%d", r.id), who); err != nil {
			return err
		}
	}
	return nil
}

// removeStaleLocks removes the lock files of the sessions reaped (held,
// locked by this program) and those no program holds that are older than
// staleLockAge.
func (c *Case) removeStaleLocks(held map[string]*sessionLock) {
	for s, l := range held {
		l.release()
		delete(held, s)
	}
	entries, err := os.ReadDir(filepath.Join(c.dir, runsDir))
	if err != nil {
		return
	}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".lock")
		if !ok || name == c.session {
			continue
		}
		fi, err := e.Info()
		if err != nil || time.Since(fi.ModTime()) < staleLockAge {
			continue
		}
		if gone, l := probeSession(c.dir, name); gone && l != nil {
			l.release()
		}
	}
}

// eachRowArgs runs query with args on the reading pool and calls fn for
// every row.
func (c *Case) eachRowArgs(ctx context.Context, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := c.rd.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
