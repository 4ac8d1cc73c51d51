package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/exhibit-app/exhibit/catalog/internal/regular"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrOutputRefused is wrapped by every refusal of GuardOutput.
var ErrOutputRefused = errors.New("refused")

// ErrOutputExists is wrapped when the output exists and replacing it was
// not asked for (--force, or the save dialog's confirmation).
var ErrOutputExists = errors.New("exists")

// OutputError is a refusal of GuardOutput: the path, and why. It wraps
// ErrOutputRefused or ErrOutputExists.
type OutputError struct {
	Path   string // absolute
	Reason string // "it is inside the case folder /cases/Raqqa.exhibit"
	Err    error
}

// Error says what is not written, and why.
func (e *OutputError) Error() string { return "not writing " + e.Path + ": " + e.Reason }

// Unwrap returns ErrOutputRefused or ErrOutputExists.
func (e *OutputError) Unwrap() error { return e.Err }

// GuardOutput says whether a file may be written at path (an export: a
// sheet, a render, a CSV, a map, a bag). It refuses, naming the reason,
// any path where an original of the case is or was, where a report was
// added from, or whose current bytes are an original's or a report's
// (a hard link, a copy), anything inside the case folder, and anything
// that exists and is not a regular file (a folder, a device, a named pipe,
// a socket, or a symbolic link to one of these or to evidence). An
// ordinary file that exists is replaced only when force is set. A refusal
// is an *OutputError. Nothing is written here.
func (c *Case) GuardOutput(ctx context.Context, path string, force bool) error {
	abs := absPath(path)
	refuse := func(why string, args ...any) error {
		return &OutputError{Path: abs, Reason: fmt.Sprintf(why, args...), Err: ErrOutputRefused}
	}
	// The folder as it really is (symbolic links resolved), so that a
	// link to the case folder or to a folder of originals is seen.
	real := abs
	if d, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		real = filepath.Join(d, filepath.Base(abs))
	}
	fi, lerr := os.Lstat(abs)
	if lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return refuse("it is a symbolic link that leads nowhere readable")
		}
		real = target
		if fi, lerr = os.Stat(abs); lerr != nil {
			return refuse("it is a symbolic link to %s, which cannot be read", target)
		}
	}
	caseDir := c.dir
	if d, err := filepath.EvalSymlinks(c.dir); err == nil {
		caseDir = d
	}
	for _, p := range []string{abs, real} {
		if within(p, c.dir) || within(p, caseDir) || underSameFolder(p, caseDir) {
			return refuse("it is inside the case folder %s", c.dir)
		}
	}
	if lerr == nil && !fi.Mode().IsRegular() {
		return refuse("it exists and is %s, not a regular file", "a "+regular.Kind(fi.Mode()))
	}
	if lerr != nil && !errors.Is(lerr, fs.ErrNotExist) {
		return refuse("%v", lerr)
	}
	for _, p := range uniq(abs, real) {
		what, err := c.evidenceAt(ctx, p)
		if err != nil {
			return fmt.Errorf("check output %s: %w", abs, err)
		}
		if what != "" {
			return refuse("%s", what)
		}
	}
	if lerr == nil {
		// Another name for evidence: a hard link, a bind mount, a copy.
		// A file that cannot be read cannot be told apart from evidence.
		sum, err := hashFile(real)
		if err != nil {
			return refuse("it exists and cannot be read to make sure it is not evidence (%v)", err)
		}
		what, err := c.evidenceWithHash(ctx, sum)
		if err != nil {
			return fmt.Errorf("check output %s: %w", abs, err)
		}
		if what != "" {
			return refuse("its bytes are %s", what)
		}
		if !force {
			return &OutputError{Path: abs, Reason: "the file exists; replace it with --force", Err: ErrOutputExists}
		}
	}
	return nil
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// underSameFolder reports whether a folder above p is the folder dir
// under another name (a bind mount, another spelling on a file system
// that ignores case), comparing the folders themselves, not their names.
func underSameFolder(p, dir string) bool {
	di, err := os.Stat(dir)
	if err != nil {
		return false
	}
	for d := filepath.Dir(p); ; d = filepath.Dir(d) {
		if fi, err := os.Stat(d); err == nil && os.SameFile(fi, di) {
			return true
		}
		if parent := filepath.Dir(d); parent == d {
			return false
		}
	}
}

func uniq(a, b string) []string {
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

// evidenceAt says what evidence path is or was ("" when none): an
// original's location, a file offered to import, a report's file.
func (c *Case) evidenceAt(ctx context.Context, path string) (string, error) {
	var id int64
	err := c.rd.QueryRowContext(ctx, `SELECT image_id FROM locations WHERE path = ? LIMIT 1`, path).Scan(&id)
	if err == nil {
		return fmt.Sprintf("an original of the case (image %d) is or was there", id), nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	err = c.rd.QueryRowContext(ctx, `SELECT report_id FROM report_versions WHERE path = ? UNION SELECT id FROM reports WHERE path = ? LIMIT 1`, path, path).Scan(&id)
	if err == nil {
		return fmt.Sprintf("report %d was added from there", id), nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	var n int
	if err := c.rd.QueryRowContext(ctx, `SELECT count(*) FROM failures WHERE path = ?`, path).Scan(&n); err != nil {
		return "", err
	}
	if n > 0 {
		return "a file offered to import is there", nil
	}
	return "", nil
}

// evidenceWithHash says which evidence has the SHA-256 sum ("" when none).
func (c *Case) evidenceWithHash(ctx context.Context, sum string) (string, error) {
	var id int64
	err := c.rd.QueryRowContext(ctx, `SELECT id FROM images WHERE sha256 = ?`, sum).Scan(&id)
	if err == nil {
		return fmt.Sprintf("those of an original of the case (image %d)", id), nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	err = c.rd.QueryRowContext(ctx, `SELECT report_id FROM report_versions WHERE sha256 = ? LIMIT 1`, sum).Scan(&id)
	if err == nil {
		return fmt.Sprintf("those of report %d's file", id), nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	return "", nil
}
