package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/exhibit-app/exhibit/catalog/internal/regular"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// GuardOutputDir says whether a folder may be written at path (a bag): it
// must not exist, or be an empty folder (not a symbolic link), and must not
// be, or be inside, the case folder, a folder where an original of the
// case is or was, a folder a report was added from, or a folder given to
// an import (the next import there would catalog the copies). Every
// refusal wraps ErrOutputRefused. Nothing is written here.
func (c *Case) GuardOutputDir(ctx context.Context, path string) error {
	abs := absPath(path)
	refuse := func(why string, args ...any) error {
		return fmt.Errorf("not writing %s: %s: %w", abs, fmt.Sprintf(why, args...), ErrOutputRefused)
	}
	real := abs
	if d, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		real = filepath.Join(d, filepath.Base(abs))
	}
	caseDir := c.dir
	if d, err := filepath.EvalSymlinks(c.dir); err == nil {
		caseDir = d
	}
	targets := uniq(abs, real)
	for _, p := range targets {
		if within(p, c.dir) || within(p, caseDir) {
			return refuse("it is inside the case folder %s", c.dir)
		}
	}
	fi, err := os.Lstat(abs)
	switch {
	case err == nil && fi.Mode()&fs.ModeSymlink != 0:
		return refuse("it is a symbolic link")
	case err == nil && !fi.IsDir():
		return refuse("it exists and is %s, not a folder", "a "+regular.Kind(fi.Mode()))
	case err == nil:
		empty, err := emptyDir(abs)
		if err != nil {
			return refuse("%v", err)
		}
		if !empty {
			return refuse("the folder is not empty")
		}
	case !errors.Is(err, fs.ErrNotExist):
		return refuse("%v", err)
	}
	folders, err := c.evidenceFolders(ctx)
	if err != nil {
		return fmt.Errorf("check output %s: %w", abs, err)
	}
	dirs := slices.Sorted(maps.Keys(folders))
	for _, p := range targets {
		for _, dir := range dirs {
			if within(p, dir) {
				return refuse("it is inside %s, %s", dir, folders[dir])
			}
		}
	}
	return nil
}

// emptyDir reports whether the folder dir holds nothing.
func emptyDir(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if errors.Is(err, io.EOF) {
		return true, nil
	}
	return false, err
}

// evidenceFolders returns the folders evidence is or was in, each with
// what it is: the folders of originals' locations, of reports' files, and
// the folders given to imports.
func (c *Case) evidenceFolders(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	put := func(p, what string) {
		if _, ok := out[p]; ok {
			return
		}
		out[p] = what
		if d, err := filepath.EvalSymlinks(p); err == nil && d != p {
			if _, ok := out[d]; !ok {
				out[d] = what
			}
		}
	}
	add := func(query, what string, folder bool) error {
		rows, err := c.rd.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p string
			if err := rows.Scan(&p); err != nil {
				return err
			}
			if !folder {
				p = filepath.Dir(p)
			}
			put(p, what)
		}
		return rows.Err()
	}
	if err := add(`SELECT DISTINCT path FROM locations`, "a folder of originals of the case", false); err != nil {
		return nil, fmt.Errorf("read the originals' folders: %w", err)
	}
	if err := add(`SELECT path FROM report_versions UNION SELECT path FROM reports`, "a folder reports were added from", false); err != nil {
		return nil, fmt.Errorf("read the reports' folders: %w", err)
	}
	var roots []string
	err := c.eachRow(ctx, `SELECT roots FROM imports`, func(rows *sql.Rows) error {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		var rs []string
		if json.Unmarshal([]byte(s), &rs) == nil {
			roots = append(roots, rs...)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the imports' folders: %w", err)
	}
	for _, r := range roots {
		if fi, err := os.Stat(r); err == nil && !fi.IsDir() {
			continue // a file given to import: its folder is an originals' folder already
		}
		put(r, "a folder given to an import")
	}
	return out, nil
}
