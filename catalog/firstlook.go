package catalog

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/exhibit-app/exhibit/catalog/internal/regular"
	"github.com/exhibit-app/exhibit/catalog/picture"
)

// An import runs in two passes so that the library has something to show
// within seconds (and, in the app, after a glance at the files' heads:
// see glimpse.go). The first pass hashes each file, reads its metadata and,
// for a JPEG, writes the preview the camera embedded (EXIF thumbnail or
// MPF preview), upright, as a provisional thumbnail; its rows are
// committed then, with the full hash, the JPEG counted as decoded. The
// second pass reads the JPEGs again (checked unchanged by size and time),
// makes their real thumbnails, removes the provisional ones and corrects
// the rows of the few whose pixels cannot be decoded (or only partly),
// with audit entries. A run killed between the passes leaves decoded rows
// without thumbnails: the next import finds them (missingThumbs) and makes
// them, and outside an import Case.Thumb never returns a provisional one.

// ProvisionalThumbPath returns where the provisional thumbnail of the image
// with this SHA-256 is kept while its real one is made.
func (c *Case) ProvisionalThumbPath(sha string) string {
	return filepath.Join(c.CacheDir(), "thumbs-first", sha[:2], sha+".jpg")
}

// writeProvisional writes the provisional thumbnail of a JPEG from the
// preview embedded in data, upright by orientation. It reports whether it
// did; a missing or broken preview is no error (the image simply waits).
func (c *Case) writeProvisional(sha string, data []byte, orientation int) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	emb := embeddedPreview(data)
	if emb == nil {
		return false
	}
	th, err := picture.Thumbnail(emb, "jpeg", orientation, ThumbSize)
	if err != nil || th == nil {
		return false
	}
	return writeDisposable(c.ProvisionalThumbPath(sha), th) == nil
}

// writeDisposable writes img as a JPEG at path through a temporary file
// and a rename, but without syncing it to the disk (as writeJPEG does):
// a provisional thumbnail lost in a crash is simply not shown, and the
// first pass must not wait for the disk.
func writeDisposable(path string, img image.Image) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".first.*.tmp")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 32<<10)
	err = picture.EncodeJPEG(bw, img, thumbQuality)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// ThumbNow returns the path of the image's thumbnail as Thumb does, but,
// while an import of this process is making the real one, the provisional
// thumbnail when there is one (provisional true) rather than decoding the
// original a second time.
func (c *Case) ThumbNow(ctx context.Context, im *Image) (path string, provisional bool, err error) {
	if !c.hasThumb(im.SHA256) && im.Decoded && c.importing.Load() > 0 {
		p := c.ProvisionalThumbPath(im.SHA256)
		if fi, err := os.Stat(p); err == nil && fi.Size() > 0 {
			return p, true, nil
		}
	}
	path, err = c.Thumb(ctx, im)
	return path, false, err
}

// thumbTask is an image whose real thumbnail the second pass makes, from
// the file at path, read only if its size and time are still these.
type thumbTask struct {
	path, sha256, format string
	size, mtime          int64
	orientation          int
}

// thumbDone is what the second pass made of a thumbTask.
type thumbDone struct {
	task    thumbTask
	warning string // damaged: made from what could be decoded
	note    string // no thumbnail: why
	// changed is set when the file changed since the first pass: its row
	// is left as it is (the next import reads the new bytes).
	changed bool
}

// taskOf returns the second pass's task for a deferred file.
func taskOf(p processed) thumbTask {
	return thumbTask{path: p.cand.path, sha256: p.sha256, format: p.meta.Format,
		size: p.cand.size, mtime: p.cand.mtime, orientation: p.meta.Orientation}
}

// finishThumb makes the real thumbnail of t. It never panics.
func (c *Case) finishThumb(ctx context.Context, t thumbTask, buf *[]byte) (d thumbDone) {
	d.task = t
	defer func() {
		if r := recover(); r != nil {
			d.note = fmt.Sprintf("no picture: internal error while decoding: %v", r)
		}
	}()
	if c.hasThumb(t.sha256) {
		return d
	}
	file, fi, err := regular.Open(t.path)
	if err != nil {
		d.note = fmt.Sprintf("no picture: cannot open: %v", unwrapPathError(err))
		return d
	}
	defer file.Close()
	if fi.Size() != t.size || fi.ModTime().UnixNano() != t.mtime {
		d.note = "no picture yet: the file changed while it was imported; import it again"
		d.changed = true
		return d
	}
	if int64(cap(*buf)) < t.size {
		*buf = make([]byte, t.size)
	}
	data := (*buf)[:t.size]
	if _, err := io.ReadFull(file, data); err != nil {
		d.note = fmt.Sprintf("no picture: cannot read: %v", unwrapPathError(err))
		return d
	}
	if err := ctx.Err(); err != nil {
		d.note = "" // stopped: the next import makes it
		return d
	}
	th, err := picture.Thumbnail(data, t.format, t.orientation, ThumbSize)
	p := c.keepThumb(processed{sha256: t.sha256}, th, err)
	switch {
	case p.err != nil:
		d.note = "no picture: " + p.err.Error()
	case !p.decoded:
		d.note = p.note
	default:
		d.warning = p.warning
		os.Remove(c.ProvisionalThumbPath(t.sha256)) // replaced; a leftover is never shown outside an import
	}
	return d
}

// makeThumbs runs the second pass over tasks on workers goroutines and
// records in res what it found. It stops early when ctx is cancelled:
// what is left is made by the next import (or on demand by Thumb).
func (c *Case) makeThumbs(ctx context.Context, tasks []thumbTask, workers int, res *ImportResult, progress func(thumbDone)) error {
	if len(tasks) == 0 {
		return nil
	}
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	jobs := make(chan thumbTask)
	out := make(chan thumbDone, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var buf []byte
			for t := range jobs {
				out <- c.finishThumb(ctx, t, &buf)
			}
		})
	}
	go func() {
		defer close(jobs)
		for _, t := range tasks {
			select {
			case jobs <- t:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()
	var fixes []thumbDone
	for d := range out {
		switch {
		case d.note == "" && d.warning == "" && ctx.Err() != nil && !c.hasThumb(d.task.sha256):
			continue // stopped before it was made
		case d.note != "":
			res.NoPicture = append(res.NoPicture, Failure{Path: d.task.path, Error: d.note, SHA256: d.task.sha256, Size: d.task.size})
		default:
			res.Pictures++
			if d.warning != "" {
				res.Warnings = append(res.Warnings, Failure{Path: d.task.path, Error: d.warning, SHA256: d.task.sha256, Size: d.task.size})
			}
		}
		fixes = append(fixes, d)
		if progress != nil {
			progress(d)
		}
	}
	return c.fixDecoded(context.WithoutCancel(ctx), fixes)
}

// fixDecoded brings the rows of the second pass's images in line with
// what it found: decoded when a thumbnail was made (an image cataloged
// before without pixels), not decoded when none could be, the damage
// noted. Rows already right are not touched.
func (c *Case) fixDecoded(ctx context.Context, done []thumbDone) error {
	var todo []thumbDone
	for _, d := range done {
		if d.changed {
			continue
		}
		var decoded bool
		err := c.rd.QueryRowContext(ctx, `SELECT decoded FROM images WHERE sha256=?`, d.task.sha256).Scan(&decoded)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("import: read catalog: %w", err)
		}
		if err == nil && (d.note != "") == decoded || d.warning != "" {
			todo = append(todo, d)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	return c.write(ctx, func(tx *sql.Tx) error {
		for _, d := range todo {
			if err := c.fixOne(ctx, tx, d); err != nil {
				return fmt.Errorf("import: thumbnail of %s: %w", d.task.path, err)
			}
		}
		return nil
	})
}

// fixOne corrects one image's row inside tx, with its audit entry.
func (c *Case) fixOne(ctx context.Context, tx *sql.Tx, d thumbDone) error {
	var id int64
	var decoded bool
	var note string
	err := tx.QueryRowContext(ctx, `SELECT id, decoded, meta_note FROM images WHERE sha256=?`, d.task.sha256).Scan(&id, &decoded, &note)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case d.note != "" && decoded:
		if _, err := tx.ExecContext(ctx, `UPDATE images SET decoded=0, meta_note=? WHERE id=?`, joinNotes(note, d.note), id); err != nil {
			return err
		}
		return c.audit(ctx, tx, "image.undecoded", imageObject(id), map[string]any{"path": d.task.path, "note": d.note})
	case d.note == "" && !decoded:
		if _, err := tx.ExecContext(ctx, `UPDATE images SET decoded=1, meta_note=? WHERE id=?`, joinNotes(d.warning, note), id); err != nil {
			return err
		}
		return c.audit(ctx, tx, "image.decoded", imageObject(id), map[string]any{"path": d.task.path})
	case d.warning != "" && decoded:
		if _, err := tx.ExecContext(ctx, `UPDATE images SET meta_note=? WHERE id=?`, joinNotes(d.warning, note), id); err != nil {
			return err
		}
		return c.audit(ctx, tx, "image.damaged", imageObject(id), map[string]any{"path": d.task.path, "warning": d.warning})
	}
	return nil
}
