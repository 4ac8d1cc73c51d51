// Package regular opens files that must be regular files (originals and
// reports), without ever blocking on a named pipe or a device put where a
// file was expected.
package regular

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// ErrNotRegular is returned (as a *NotRegularError) for a path that is a
// folder, a named pipe, a socket or a device instead of a regular file.
var ErrNotRegular = errors.New("not a regular file")

// NotRegularError says what a path is instead of a regular file.
type NotRegularError struct {
	Kind string // "folder", "named pipe", ... (see Kind)
}

// Error says what the path is: "not a regular file (named pipe)".
func (e *NotRegularError) Error() string { return ErrNotRegular.Error() + " (" + e.Kind + ")" }

// Is makes errors.Is(err, ErrNotRegular) hold.
func (e *NotRegularError) Is(target error) bool { return target == ErrNotRegular }

// Open opens path read-only and returns it with its FileInfo, or fails with
// ErrNotRegular (saying what the path is instead) when it is not a regular
// file. The open does not block on a named pipe with no writer, as a plain
// open would: the kind is checked on the opened file, so a file swapped
// in between cannot slip through.
func Open(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, &NotRegularError{Kind: Kind(fi.Mode())}
	}
	return f, fi, nil
}

// ReadFile reads the whole of the regular file at path, as os.ReadFile does.
func ReadFile(path string) ([]byte, error) {
	f, fi, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := bytes.NewBuffer(make([]byte, 0, fi.Size()+bytes.MinRead))
	_, err = buf.ReadFrom(f)
	return buf.Bytes(), err
}

// Kind names what a file that is not regular is: "folder", "named pipe",
// "socket", "device" and so on.
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "folder"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "device"
	case m.IsRegular():
		return "regular file"
	default:
		return "special file"
	}
}
