package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// ErrReadOnly is returned by Open for a case Exhibit cannot write to: a
// case on read-only media, a write-blocked drive, or in a folder the user
// may not write. Exhibit records every change in the case, so it always
// writes there; work on a copy.
var ErrReadOnly = errors.New("the case is read-only")

// checkWritable fails with ErrReadOnly, saying what to do, when the case
// in dir (which exists) cannot be written.
func checkWritable(dir string) error {
	for _, p := range []string{dir, filepath.Join(dir, DBName), filepath.Join(dir, "cache")} {
		err := unix.Access(p, unix.W_OK)
		if err == nil || errors.Is(err, unix.ENOENT) {
			continue
		}
		return fmt.Errorf("%w (%s: %v); Exhibit needs to write to a case (its audit trail and cache), so copy the case folder to a writable place and open the copy", ErrReadOnly, p, err)
	}
	return nil
}

// ErrNotCase is returned by Open for a folder that holds other files but
// no case: a case is never made inside a folder of evidence by mistake.
var ErrNotCase = errors.New("the folder holds files but no case")

// checkNewCaseFolder fails with ErrNotCase when dir, about to become a
// new case, already holds anything but hidden files and what an
// interrupted Open left.
func checkNewCaseFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		switch e.Name() {
		case "cache", runsDir, DBName, DBName + "-wal", DBName + "-shm", DBName + "-journal": // another Open under way, or one interrupted
			continue
		}
		if strings.HasPrefix(e.Name(), ".") {
			continue // .DS_Store and the like: hidden, and never imported
		}
		return fmt.Errorf("%w (%s is there); give a new folder for the case, for example %s.exhibit, or an existing case",
			ErrNotCase, e.Name(), strings.TrimSuffix(dir, string(filepath.Separator)))
	}
	return nil
}
