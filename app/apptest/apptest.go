// Package apptest holds what the tests of the app and of its screens
// share: a test app whose fyne.Do is queued, a host standing in for the
// main window, the sample case, and walking widget trees.
package apptest

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/exhibit-app/exhibit/internal/fynetest"
	"github.com/exhibit-app/exhibit/internal/testkit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/demo"
)

// Queue stands in for the UI goroutine in tests (see fynetest.Queue).
type Queue = fynetest.Queue

// NewQueuedApp makes a test app whose fyne.Do is queued.
func NewQueuedApp(t testing.TB) (fyne.App, *Queue) { return fynetest.NewQueuedApp(t) }

var (
	sampleOnce sync.Once
	SampleDirP string
	sampleErr  error
)

// SampleCase returns a fresh copy of the sample case (built once per test
// binary, with demo.BuildCase): its catalog and cache copied into a temp
// folder, its images read from the original build.
func SampleCase(t testing.TB) *catalog.Case {
	t.Helper()
	sampleOnce.Do(func() {
		dir, err := os.MkdirTemp("", "exhibit-app-test-")
		if err != nil {
			sampleErr = err
			return
		}
		SampleDirP = filepath.Join(dir, "Sample.exhibit")
		c, err := demo.BuildCase(context.Background(), SampleDirP, nil)
		if err != nil {
			sampleErr = err
			return
		}
		sampleErr = c.Close()
	})
	if sampleErr != nil {
		t.Fatalf("build the sample case: %v", sampleErr)
	}
	dst := filepath.Join(t.TempDir(), "Sample.exhibit")
	if err := copyTree(filepath.Join(SampleDirP), dst, func(rel string) bool { return rel != demo.FilesDir }); err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Open(context.Background(), dst)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// copyTree copies the files of src into dst, except top-level entries
// keep refuses.
func copyTree(src, dst string, keep func(rel string) bool) error {
	return filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel != "." && !keep(rel) {
			if fi.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(filepath.Join(dst, rel))
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

// CorpusDir returns ../shared/corpus found above the working directory,
// or skips the test.
func CorpusDir(t testing.TB) string {
	t.Helper()
	return testkit.CorpusDir(t)
}

// Walk calls f on o and every object below it (widgets through their
// renderers), depth first.
func Walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			Walk(c, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			Walk(c, f)
		}
	}
}

// FindButton returns the visible button with this text under o, or nil.
func FindButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	Walk(o, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok && b.Text == text && b.Visible() && found == nil {
			found = b
		}
	})
	return found
}

// Texts returns the text of every label and rich text under o.
func Texts(o fyne.CanvasObject) []string {
	var out []string
	Walk(o, func(c fyne.CanvasObject) {
		switch x := c.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.RichText:
			out = append(out, x.String())
		}
	})
	return out
}
