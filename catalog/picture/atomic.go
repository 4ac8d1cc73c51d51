package picture

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes a file at path through write: into a temporary
// file in the same folder, flushed to disk, then renamed over path. So
// path is either absent, its former content, or complete, even when the
// process is killed or write fails; on failure no temporary file is left.
// The file gets mode 0644.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	return WriteFileAtomicChecked(path, write, nil)
}

// WriteFileAtomicChecked is WriteFileAtomic with a last word: check, when
// not nil, is called once the temporary file is complete, just before it
// is renamed over path; when it fails, the temporary file is removed and
// path is left as it was. (The rename replaces the name path, never what
// a symbolic link or another hard link at path leads to.)
func WriteFileAtomicChecked(path string, write func(io.Writer) error, check func() error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("write %s: it is a folder; give a file name", path)
	}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write %s: there is no folder %s", path, filepath.Clean(dir))
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	done := false
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("write %s: %v", path, r)
		}
		if !done {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if check != nil {
		if err := check(); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		done = true
		return fmt.Errorf("write %s: %w", path, err)
	}
	done = true
	return nil
}
