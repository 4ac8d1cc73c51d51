package catalog

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// An export is recorded before its file appears: BeginExport writes a
// "pending" row (and its audit entry) naming the file and the temporary
// name it will be written under; ExportRun.Write writes the temporary
// file, flushes it to disk, renames it to its name and records the export
// "done" with the file's SHA-256 and size. A program killed in between
// leaves a pending record, which the next program to open the case marks
// "interrupted" (runs.go), removing the temporary file: never a file
// written from the case without a record.

// exportTempSuffix ends the temporary names of exports being written.
const exportTempSuffix = ".exhibit-tmp"

// ExportRun is an export under way, recorded pending.
type ExportRun struct {
	// ID is the export's row in the exports table.
	ID   int64
	Kind string
	// Path is the file, absolute; At the time the export began.
	Path string
	At   time.Time

	c        *Case
	tmp      string
	objects  json.RawMessage
	manifest string
	ended    bool
}

// BeginExport records, pending, an export of kind (sheet, png, csv,
// geojson, map...) to path; objects says what is exported. It refuses a
// path that is a folder or whose folder does not exist, before recording
// anything. End the run with Write or Abandon.
func (c *Case) BeginExport(ctx context.Context, kind, path string, objects any) (*ExportRun, error) {
	abs := absPath(path)
	if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("write %s: it is a folder; give a file name", path)
	}
	// Never over evidence, never into the case (replacing an ordinary
	// file was asked for by then: --force, or the dialog's confirmation).
	if err := c.GuardOutput(ctx, abs, true); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(filepath.Dir(abs)); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("write %s: there is no folder %s", path, filepath.Dir(abs))
	}
	obj, err := json.Marshal(objects)
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", abs, err)
	}
	rnd := make([]byte, 6)
	rand.Read(rnd)
	r := &ExportRun{Kind: kind, Path: abs, At: c.now(), c: c, objects: obj,
		tmp: filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+"."+hex.EncodeToString(rnd)+exportTempSuffix)}
	err = c.write(ctx, func(tx *sql.Tx) error {
		at := timestamp(r.At)
		res, err := c.insertRow(ctx, tx, `INSERT INTO exports(at, kind, path, sha256, size, objects, status, temp_path, session, pid, host)
			VALUES(?,?,?,'',0,?,'pending',?,?,?,?)`, at, kind, abs, string(obj), r.tmp, c.session, os.Getpid(), c.host)
		if err != nil {
			return err
		}
		r.ID, _ = res.LastInsertId()
		return c.audit(ctx, tx, "export.start", fmt.Sprintf("export:%d", r.ID), map[string]any{
			"kind": kind, "path": abs, "objects": json.RawMessage(obj)})
	})
	if err != nil {
		return nil, fmt.Errorf("record export %s: %w", abs, err)
	}
	return r, nil
}

// SetObjects replaces what the export is said to hold, for what is known
// only once it is written (how many images a catalog has); it is recorded
// with the export.
func (r *ExportRun) SetObjects(objects any) {
	if b, err := json.Marshal(objects); err == nil {
		r.objects = b
	}
}

// SetManifest notes the SHA-256 of the signed manifest the file carries;
// it is recorded with the export.
func (r *ExportRun) SetManifest(sha256 string) { r.manifest = sha256 }

// Write writes the file through write: into its temporary file, flushed
// to disk, renamed to its path; then records the export done with the
// file's SHA-256 and size. When write fails or ctx is cancelled the
// temporary file is removed and the export recorded failed (or
// cancelled). Once the file is in place it is recorded whatever happens to
// ctx.
func (r *ExportRun) Write(ctx context.Context, write func(io.Writer) error) (*Export, error) {
	if r.ended {
		return nil, fmt.Errorf("export %d: already ended", r.ID)
	}
	sum, size, err := r.writeTemp(ctx, write)
	if err != nil {
		os.Remove(r.tmp)
		return nil, errors.Join(err, r.Abandon(ctx, err))
	}
	// Checked once more just before the file takes its name: the path may
	// have become evidence, a link or a device meanwhile.
	if err := r.c.GuardOutput(context.WithoutCancel(ctx), r.Path, true); err != nil {
		os.Remove(r.tmp)
		return nil, errors.Join(err, r.Abandon(ctx, err))
	}
	if err := os.Rename(r.tmp, r.Path); err != nil {
		os.Remove(r.tmp)
		err = fmt.Errorf("write %s: %w", r.Path, err)
		return nil, errors.Join(err, r.Abandon(ctx, err))
	}
	syncDir(filepath.Dir(r.Path))
	return r.complete(context.WithoutCancel(ctx), sum, size)
}

// writeTemp writes the temporary file and returns its SHA-256 and size.
func (r *ExportRun) writeTemp(ctx context.Context, write func(io.Writer) error) (sum string, size int64, err error) {
	f, err := os.OpenFile(r.tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", 0, fmt.Errorf("write %s: %w", r.Path, err)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("write %s: %v", r.Path, p)
		}
		if err != nil {
			f.Close()
		}
	}()
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(f, h)}
	bw := bufio.NewWriterSize(cw, 64<<10)
	if err := write(bw); err != nil {
		return "", 0, fmt.Errorf("write %s: %w", r.Path, err)
	}
	if err := bw.Flush(); err != nil {
		return "", 0, fmt.Errorf("write %s: %w", r.Path, err)
	}
	if err := ctx.Err(); err != nil {
		return "", 0, fmt.Errorf("write %s: %w", r.Path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return "", 0, fmt.Errorf("write %s: %w", r.Path, err)
	}
	if err := f.Sync(); err != nil {
		return "", 0, fmt.Errorf("write %s: %w", r.Path, err)
	}
	if err := f.Close(); err != nil {
		return "", 0, fmt.Errorf("write %s: %w", r.Path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), cw.n, nil
}

// complete records the export done.
func (r *ExportRun) complete(ctx context.Context, sum string, size int64) (*Export, error) {
	c := r.c
	now := c.now()
	err := c.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE exports SET status = 'done', sha256 = ?, size = ?, finished_at = ?, manifest_sha256 = ?, temp_path = '',
			objects = ? WHERE id = ?`, sum, size, timestamp(now), r.manifest, string(r.objects), r.ID)
		if err != nil {
			return err
		}
		d := map[string]any{"path": r.Path, "sha256": sum, "size": size, "objects": r.objects}
		if r.manifest != "" {
			d["manifest_sha256"] = r.manifest
		}
		return c.audit(ctx, tx, "export."+r.Kind, fmt.Sprintf("export:%d", r.ID), d)
	})
	if err != nil {
		return nil, fmt.Errorf("record export %s: %w", r.Path, err)
	}
	r.ended = true
	return &Export{ID: r.ID, At: r.At, Kind: r.Kind, Path: r.Path, SHA256: sum, Size: size, Status: ExportDone,
		FinishedAt: &now, ManifestSHA256: r.manifest, PID: int64(os.Getpid()), Host: c.host}, nil
}

// Abandon ends the run without a file: its temporary file is removed and
// the export recorded failed with why (cancelled when why is a
// cancellation).
func (r *ExportRun) Abandon(ctx context.Context, why error) error {
	if r.ended {
		return nil
	}
	os.Remove(r.tmp)
	status := ExportFailed
	if errors.Is(why, context.Canceled) || errors.Is(why, context.DeadlineExceeded) {
		status = ExportCancelled
	}
	msg := ""
	if why != nil {
		msg = why.Error()
	}
	c := r.c
	ctx = context.WithoutCancel(ctx)
	err := c.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE exports SET status = ?, error = ?, finished_at = ?, temp_path = '' WHERE id = ?`,
			status, msg, timestamp(c.now()), r.ID)
		if err != nil {
			return err
		}
		return c.audit(ctx, tx, "export."+status, fmt.Sprintf("export:%d", r.ID), map[string]any{"kind": r.Kind, "path": r.Path, "error": msg})
	})
	if err != nil {
		return fmt.Errorf("record export %s as %s: %w", r.Path, status, err)
	}
	r.ended = true
	return nil
}

// WriteExport records, pending, an export of kind to path, writes the file
// through write and records it done with its SHA-256 (see BeginExport and
// ExportRun.Write).
func (c *Case) WriteExport(ctx context.Context, kind, path string, objects any, write func(io.Writer) error) (*Export, error) {
	r, err := c.BeginExport(ctx, kind, path, objects)
	if err != nil {
		return nil, err
	}
	return r.Write(ctx, write)
}

// isExportTemp reports whether path is named as an export's temporary
// file, so that only such files are ever removed.
func isExportTemp(path string) bool {
	b := filepath.Base(path)
	return strings.HasPrefix(b, ".") && strings.HasSuffix(b, exportTempSuffix)
}

// syncDir flushes a folder's entries (a rename) to disk, as far as the
// system allows.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// countWriter counts what goes through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (cw *countWriter) Write(p []byte) (int, error) {
	n, err := cw.w.Write(p)
	cw.n += int64(n)
	return n, err
}
