package catalog

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/exhibit-app/exhibit/catalog/internal/regular"
)

// candidate is a regular file found by the walk, not yet read.
type candidate struct {
	path  string // absolute
	size  int64
	mtime int64 // ns
	// skipSHA is the SHA-256 an earlier import recorded for this path when
	// it skipped it (a video, say) at the same size and time: a file still
	// skipped need not be read again.
	skipSHA string
}

// walkResult is what a walk of the import roots found.
type walkResult struct {
	files  []candidate
	failed []Failure // folders or files that could not be listed or stat'ed
	// skipped are entries that are neither folders nor regular files
	// (named pipes, sockets, devices): never opened, since reading a pipe
	// could wait forever.
	skipped []Skip
	// dirs are the folders walked to the end, for noticing files gone from them.
	dirs []string
}

// walk lists the regular files under roots, recursively. It skips hidden
// entries (names starting with ".") and any Exhibit case folder (including
// skip, the case being imported into), follows symbolic links to files and
// folders but never enters a folder twice, so a link loop ends. Folders that
// cannot be read are reported in failed and the walk goes on.
func walk(ctx context.Context, roots []string, skip string) (*walkResult, error) {
	w := &walker{ctx: ctx, skip: skip, seen: map[fileID]bool{}, res: &walkResult{}}
	for _, root := range roots {
		abs, err := filepath.Abs(root)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", root, err)
		}
		if skip != "" && (abs == skip || abs == filepath.Join(skip, "cache") || strings.HasPrefix(abs, filepath.Join(skip, "cache")+string(filepath.Separator))) {
			return nil, fmt.Errorf("import %s: this is the case's own folder (its catalog and cache); import the folders of images instead", abs)
		}
		fi, err := os.Stat(abs)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", abs, unwrapPathError(err))
		}
		if fi.IsDir() {
			w.dir(abs, fi)
		} else {
			w.file(abs, fi)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	sort.Slice(w.res.files, func(i, j int) bool { return w.res.files[i].path < w.res.files[j].path })
	return w.res, nil
}

type fileID struct{ dev, ino uint64 }

type walker struct {
	ctx  context.Context
	skip string
	seen map[fileID]bool
	res  *walkResult
}

func idOf(fi fs.FileInfo) (fileID, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{uint64(st.Dev), uint64(st.Ino)}, true
}

func (w *walker) dir(path string, fi fs.FileInfo) {
	if w.ctx.Err() != nil {
		return
	}
	if w.skip != "" && (path == w.skip || IsCase(path)) {
		return
	}
	if id, ok := idOf(fi); ok {
		if w.seen[id] {
			return // a link back to a folder already walked
		}
		w.seen[id] = true
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		w.res.failed = append(w.res.failed, Failure{Path: path, Error: "cannot read folder: " + unwrapPathError(err).Error()})
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(path, e.Name())
		fi, err := os.Stat(p) // follows links
		if err != nil {
			w.res.failed = append(w.res.failed, Failure{Path: p, Error: "cannot read: " + unwrapPathError(err).Error()})
			continue
		}
		switch {
		case fi.IsDir():
			w.dir(p, fi)
		case fi.Mode().IsRegular():
			w.file(p, fi)
		default:
			w.res.skipped = append(w.res.skipped, Skip{Path: p, Reason: "not a regular file (" + regular.Kind(fi.Mode()) + ")"})
		}
	}
	w.res.dirs = append(w.res.dirs, path)
}

func (w *walker) file(path string, fi fs.FileInfo) {
	if !fi.Mode().IsRegular() {
		w.res.failed = append(w.res.failed, Failure{Path: path, Error: "not a regular file (" + regular.Kind(fi.Mode()) + ")"})
		return
	}
	w.res.files = append(w.res.files, candidate{path: path, size: fi.Size(), mtime: fi.ModTime().UnixNano()})
}

// unwrapPathError drops the operation and path from an *fs.PathError, for
// messages that already name the path.
func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
