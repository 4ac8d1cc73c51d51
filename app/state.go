package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog/picture"
)

// stateFileName is the file, in the app's storage folder, of what Exhibit
// must not forget between runs.
const stateFileName = "exhibit-state.json"

// appState is what Exhibit remembers between runs and must not lose: the
// case used last, the window's size and the screen shown. Fyne writes its
// preferences in place (truncating the file, then writing it), so a kill
// at that moment loses them all; this file is written whole or not at
// all (a temporary file, flushed to disk, renamed over it), and Fyne's
// preferences remain the fallback.
type appState struct {
	LastCase   string    `json:"last_case,omitempty"`
	LastScreen string    `json:"last_screen,omitempty"`
	WindowSize []float64 `json:"window_size,omitempty"`
}

// stateFile is appState kept in the file at path.
type stateFile struct {
	path string
	st   appState
}

// openStateFile reads the state kept at path (none yet: an empty state).
// A file that cannot be read or parsed gives an empty state and an error:
// the caller falls back on the preferences.
func openStateFile(path string) (*stateFile, error) {
	f := &stateFile{path: path}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return f, fmt.Errorf("read %s: %w", path, err)
	}
	if err := json.Unmarshal(data, &f.st); err != nil {
		f.st = appState{}
		return f, fmt.Errorf("read %s: %w", path, err)
	}
	return f, nil
}

// update changes the state with change and writes it when it changed.
func (f *stateFile) update(change func(st *appState)) {
	next := f.st
	next.WindowSize = append([]float64(nil), f.st.WindowSize...)
	change(&next)
	if sameState(next, f.st) {
		return
	}
	f.st = next
	if err := f.save(); err != nil {
		fyne.LogError("remember the window's state", err)
	}
}

func sameState(a, b appState) bool {
	if a.LastCase != b.LastCase || a.LastScreen != b.LastScreen || len(a.WindowSize) != len(b.WindowSize) {
		return false
	}
	for i := range a.WindowSize {
		if a.WindowSize[i] != b.WindowSize[i] {
			return false
		}
	}
	return true
}

// save writes the state whole: the file holds the previous state until
// the new one is complete on disk.
func (f *stateFile) save() error {
	if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
		return fmt.Errorf("save %s: %w", f.path, err)
	}
	return picture.WriteFileAtomic(f.path, func(w io.Writer) error {
		e := json.NewEncoder(w)
		e.SetIndent("", "  ")
		return e.Encode(f.st)
	})
}
