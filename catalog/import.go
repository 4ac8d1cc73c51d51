package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"
)

// ImportOptions tune an import.
type ImportOptions struct {
	// Workers is the number of files processed at once; 0 means one per CPU.
	Workers int
	// Progress, when set, is called after each file (from the import's own
	// goroutine, never concurrently). It must return quickly.
	Progress func(ImportProgress)
	// FirstLook, when set, is called once the first pass has cataloged
	// every file it read (with provisional thumbnails where the camera
	// embedded a preview), before the real thumbnails are made: the
	// library can show the images then. Called from the import's
	// goroutine; it must return quickly.
	FirstLook func()
	// Glimpses, when set, is called once, before the first pass, with
	// the files the import is about to read and the previews their
	// cameras embedded, read from their heads (see glimpse.go): the
	// library can show them arriving within a second or two, however
	// slow the disk. Called from the import's goroutine.
	Glimpses func([]Glimpse)
}

// ImportProgress tells how far an import is.
type ImportProgress struct {
	Total     int // files found by the walk
	Done      int // files dealt with so far
	Added     int
	Unchanged int
	Failed    int
	Current   string // the file just dealt with
	// Thumbs is how many real thumbnails the second pass makes, and
	// ThumbsDone how many it has made (or found it cannot).
	Thumbs     int
	ThumbsDone int
}

// Skip is a file the import left out on purpose, with why.
type Skip struct {
	Path   string
	Reason string
	// SHA256 and Size are the file's, as the import read it; SHA256 is ""
	// for what is never opened (named pipes, sockets, devices).
	SHA256 string
	Size   int64
	// At is when an import last skipped it (set by Case.Skipped).
	At time.Time
}

// ImportResult is what an import did.
type ImportResult struct {
	Added     int // new images
	Unchanged int // files whose bytes were already cataloged (at this path or, moved or copied, at another)
	// NewLocations counts files whose bytes were cataloged already but not
	// at this path: a copy, or a file that moved.
	NewLocations int
	// Gone counts paths, cataloged before under the imported folders, where
	// the file is no longer found.
	Gone   int
	Failed []Failure
	// Warnings are files cataloged although damaged (decoded despite the
	// damage, or only partly): pictures with warnings.
	Warnings []Failure
	// Pictures counts the files this import found that are cataloged with
	// pixels (Warnings included): new, known already, or unchanged.
	Pictures int
	// NoPicture are the files this import found that are cataloged from
	// their metadata alone, with why there is no picture (Failure.Error).
	// Pictures + len(NoPicture) + len(Failed) + len(Skipped) counts every
	// file found, but for an import cancelled before it dealt with all.
	NoPicture []Failure
	Skipped   []Skip
	Cancelled bool
	ImportID  int64
	// Provisional counts the JPEGs shown, before their real thumbnails
	// were made, by the preview their camera embedded.
	Provisional int
}

// toRead splits the files found into those to read and those cataloged
// already: a file whose path, size and modification time are cataloged
// (with pixels) needs no reading, and is counted unchanged in res;
// missing are those of them whose thumbnails were never made (a run
// killed between its passes). A file cataloged without pixels is read
// again: a decoder may get them now.
func (c *Case) toRead(files []candidate, known map[string]knownLoc, skips map[string]knownSkip, res *ImportResult) (todo []candidate, missing []thumbTask) {
	for _, f := range files {
		if k, ok := known[f.path]; ok && k.size == f.size && k.mtime == f.mtime && k.decoded {
			res.Unchanged++
			if c.hasThumb(k.sha256) {
				res.Pictures++
			} else {
				missing = append(missing, thumbTask{path: f.path, sha256: k.sha256, format: k.format,
					size: k.size, mtime: k.mtime, orientation: k.orientation})
			}
			continue
		}
		if k, ok := skips[f.path]; ok && k.size == f.size && k.mtime == f.mtime {
			f.skipSHA = k.sha256
		}
		todo = append(todo, f)
	}
	return todo, missing
}

// readAll reads the files todo with workers goroutines and hands each
// result to write, in the order they finish, on the calling goroutine.
// It stops reading when ctx is cancelled (a file stopped is not handed
// on: the next import reads it) or when write fails, and returns write's
// error.
func (c *Case) readAll(ctx context.Context, todo []candidate, workers int, write func(processed) error) error {
	work, stop := context.WithCancel(ctx)
	defer stop()
	jobs := make(chan candidate)
	out := make(chan processed, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte // reused for every file this worker reads
			for f := range jobs {
				out <- c.process(work, f, &buf, true)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, f := range todo {
			select {
			case jobs <- f:
			case <-work.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()
	var werr error
	for p := range out {
		if werr != nil {
			continue // drain
		}
		if p.err != nil && work.Err() != nil && errors.Is(p.err, work.Err()) {
			continue
		}
		if err := write(p); err != nil {
			werr = err
			stop()
		}
	}
	return werr
}

// Import catalogs the images found at paths (files or folders, walked
// recursively). Each original is opened read-only and read once: it is
// hashed, its metadata read and its thumbnail made. A file that cannot be
// read or decoded is recorded as failed, with its reason, and the import goes
// on. Re-importing adds only what is new or changed: a file whose path, size
// and modification time are already cataloged is not read again.
//
// When ctx is cancelled the import stops early: what was cataloged stays,
// and the next import resumes where this one stopped. The result then
// comes with the context's error; it also comes with the error when the
// catalog could not be written, counting what was written before.
func (c *Case) Import(ctx context.Context, paths []string, opt ImportOptions) (*ImportResult, error) {
	if len(paths) == 0 {
		return nil, errors.New("import: no path given")
	}
	c.importing.Add(1)
	defer c.importing.Add(-1)
	wres, err := walk(ctx, paths, c.dir)
	if err != nil {
		return nil, err
	}
	abs := absAll(paths)
	roots, _ := json.Marshal(abs)
	res := &ImportResult{}
	err = c.write(ctx, func(tx *sql.Tx) error {
		r, err := c.insertRow(ctx, tx, `INSERT INTO imports(started_at, roots, session, pid, host) VALUES(?,?,?,?,?)`,
			timestamp(c.now()), string(roots), c.session, os.Getpid(), c.host)
		if err != nil {
			return err
		}
		res.ImportID, _ = r.LastInsertId()
		return c.audit(ctx, tx, "import.start", fmt.Sprintf("import:%d", res.ImportID), map[string]any{"roots": abs, "files": len(wres.files)})
	})
	if err != nil {
		return nil, fmt.Errorf("import: start: %w", err)
	}

	known, err := c.knownLocations(ctx)
	if err != nil {
		return nil, err
	}
	skips, err := c.knownSkips(ctx)
	if err != nil {
		return nil, err
	}
	prog := ImportProgress{Total: len(wres.files) + len(wres.failed)}
	report := func(cur string) {
		prog.Current = cur
		prog.Added, prog.Unchanged, prog.Failed = res.Added, res.Unchanged, len(res.Failed)
		if opt.Progress != nil {
			opt.Progress(prog)
		}
	}

	todo, missing := c.toRead(wres.files, known, skips, res)
	prog.Done += res.Unchanged

	// What was read is written even once ctx is cancelled: a cancelled
	// import keeps every file it dealt with.
	wctx := context.WithoutCancel(ctx)
	w := newImportWriter(c, res)
	for _, f := range wres.failed {
		if err := w.add(wctx, processed{cand: candidate{path: f.Path}, err: errors.New(f.Error)}); err != nil {
			return nil, fmt.Errorf("import: write catalog: %w", err)
		}
		prog.Done++
	}
	for _, s := range wres.skipped {
		if err := w.add(wctx, processed{cand: candidate{path: s.Path}, skip: s.Reason}); err != nil {
			return nil, fmt.Errorf("import: write catalog: %w", err)
		}
	}
	report("")

	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if opt.Glimpses != nil && len(todo) > 0 {
		// Many reads at once: on a disk, a glance waits on seeks, not
		// on the CPU.
		opt.Glimpses(glance(ctx, todo, max(workers, 8)))
	}
	werr := c.readAll(ctx, todo, workers, func(p processed) error {
		if err := w.add(wctx, p); err != nil {
			return err
		}
		prog.Done++
		report(p.cand.path)
		return nil
	})
	if werr == nil {
		werr = w.flush(wctx)
	}
	if werr != nil {
		c.finishImportAs(context.WithoutCancel(ctx), res, "failed")
		// What was written before the failure stays: say how much.
		return res, fmt.Errorf("import: write catalog: %w", werr)
	}

	// The second pass: the real thumbnails.
	if opt.FirstLook != nil {
		opt.FirstLook()
	}
	tasks := append(missing, w.tasks...)
	prog.Thumbs = len(tasks)
	err = c.makeThumbs(ctx, tasks, workers, res, func(d thumbDone) {
		prog.ThumbsDone++
		report(d.task.path)
	})
	if err != nil {
		c.finishImportAs(context.WithoutCancel(ctx), res, "failed")
		return res, fmt.Errorf("import: write catalog: %w", err)
	}

	res.Cancelled = ctx.Err() != nil
	if !res.Cancelled {
		if err := c.markGone(ctx, wres, res); err != nil {
			return nil, err
		}
	}
	if err := c.finishImport(wctx, res); err != nil {
		return nil, err
	}
	if res.Cancelled {
		return res, ctx.Err()
	}
	return res, nil
}

// finishImport records the end of an import run.
func (c *Case) finishImport(ctx context.Context, res *ImportResult) error {
	status := "done"
	if res.Cancelled {
		status = "cancelled"
	}
	return c.finishImportAs(ctx, res, status)
}

// finishImportAs records the end of an import run with its status: done,
// cancelled, or failed (the catalog could not be written).
func (c *Case) finishImportAs(ctx context.Context, res *ImportResult, status string) error {
	return c.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE imports SET finished_at=?, added=?, unchanged=?, failed=?, status=? WHERE id=?`,
			timestamp(c.now()), res.Added, res.Unchanged, len(res.Failed), status, res.ImportID)
		if err != nil {
			return err
		}
		return c.audit(ctx, tx, "import."+status, fmt.Sprintf("import:%d", res.ImportID), map[string]any{
			"added": res.Added, "unchanged": res.Unchanged, "failed": len(res.Failed),
			"new_locations": res.NewLocations, "gone": res.Gone, "skipped": len(res.Skipped),
			"pictures": res.Pictures, "no_picture": len(res.NoPicture),
		})
	})
}

func absAll(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = absPath(p)
	}
	return out
}

// knownLoc is a current location's size and time, for the quick check.
type knownLoc struct {
	size, mtime int64
	decoded     bool // its image has pixels
	// sha256, format and orientation are its image's, to make a missing
	// thumbnail without reading the catalog again.
	sha256, format string
	orientation    int
}

// knownLocations returns every current location of the catalog.
func (c *Case) knownLocations(ctx context.Context) (map[string]knownLoc, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT l.path, l.size, l.mtime_ns, i.decoded, i.sha256, i.format, i.orientation FROM locations l JOIN images i ON i.id = l.image_id WHERE l.gone_at IS NULL`)
	if err != nil {
		return nil, fmt.Errorf("import: read catalog: %w", err)
	}
	defer rows.Close()
	m := map[string]knownLoc{}
	for rows.Next() {
		var p string
		var k knownLoc
		if err := rows.Scan(&p, &k.size, &k.mtime, &k.decoded, &k.sha256, &k.format, &k.orientation); err != nil {
			return nil, err
		}
		m[p] = k
	}
	return m, rows.Err()
}

// knownSkip is a file an earlier import skipped, still unresolved, with the
// hash it read then.
type knownSkip struct {
	size, mtime int64
	sha256      string
}

// knownSkips returns the files earlier imports skipped (and hashed), by path.
func (c *Case) knownSkips(ctx context.Context) (map[string]knownSkip, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT path, size, mtime_ns, sha256 FROM failures
		WHERE kind = 'skipped' AND resolved_at IS NULL AND sha256 IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("import: read catalog: %w", err)
	}
	defer rows.Close()
	m := map[string]knownSkip{}
	for rows.Next() {
		var p string
		var k knownSkip
		if err := rows.Scan(&p, &k.size, &k.mtime, &k.sha256); err != nil {
			return nil, fmt.Errorf("import: read catalog: %w", err)
		}
		m[p] = k
	}
	return m, rows.Err()
}
