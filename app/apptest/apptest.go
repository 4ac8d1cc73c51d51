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
	"time"

	"github.com/exhibit-app/exhibit/internal/testkit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/demo"
)

// Queue stands in for the UI goroutine in tests: the test driver runs
// fyne.Do's function at once on the calling goroutine (a background one,
// racing with the test); with queuedDriver, fyne.Do queues it and the test
// runs it on its own goroutine when it drains the queue.
type Queue struct {
	mu   sync.Mutex
	fns  []func()
	wake chan struct{}
}

func newUIQueue() *Queue { return &Queue{wake: make(chan struct{}, 1)} }

func (q *Queue) post(f func()) {
	q.mu.Lock()
	q.fns = append(q.fns, f)
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// Drain runs what is queued, and what that queues.
func (q *Queue) Drain() {
	for {
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		if len(fns) == 0 {
			return
		}
		for _, f := range fns {
			f()
		}
	}
}

// WaitUntil drains the queue until cond holds, failing after 20 s.
func (q *Queue) WaitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	q.WaitFor(t, what, 20*time.Second, cond)
}

// WaitFor drains the queue until cond holds, failing after timeout.
func (q *Queue) WaitFor(t testing.TB, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.After(timeout)
	for {
		q.Drain()
		if cond() {
			return
		}
		select {
		case <-q.wake:
		case <-time.After(5 * time.Millisecond):
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// Step runs the first function queued, if any, and reports whether it
// ran one.
func (q *Queue) Step() bool {
	q.mu.Lock()
	if len(q.fns) == 0 {
		q.mu.Unlock()
		return false
	}
	f := q.fns[0]
	q.fns = q.fns[1:]
	q.mu.Unlock()
	f()
	return true
}

// WaitStepwise runs the queue one function at a time, calling cond after
// each (so that cond sees every state the UI goes through), until cond
// holds; it fails after 20 s.
func (q *Queue) WaitStepwise(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for !cond() {
		if q.Step() {
			continue
		}
		select {
		case <-q.wake:
		case <-time.After(5 * time.Millisecond):
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// Settle drains the queue until nothing more arrives for a while (the
// background jobs started are done).
func (q *Queue) Settle() {
	for quiet := 0; quiet < 20; {
		q.mu.Lock()
		n := len(q.fns)
		q.mu.Unlock()
		if n == 0 {
			quiet++
			time.Sleep(5 * time.Millisecond)
			continue
		}
		quiet = 0
		q.Drain()
	}
}

// queuedDriver is the test driver with fyne.Do going through a uiQueue.
type queuedDriver struct {
	fyne.Driver
	q *Queue
}

func (d *queuedDriver) DoFromGoroutine(f func(), wait bool) {
	if !wait {
		d.q.post(f)
		return
	}
	done := make(chan struct{})
	d.q.post(func() { f(); close(done) })
	<-done
}

type queuedApp struct {
	fyne.App
	d *queuedDriver
}

func (a *queuedApp) Driver() fyne.Driver { return a.d }

// NewQueuedApp makes a test app whose fyne.Do is queued.
func NewQueuedApp(t testing.TB) (fyne.App, *Queue) {
	base := test.NewTempApp(t)
	q := newUIQueue()
	a := &queuedApp{App: base, d: &queuedDriver{Driver: base.Driver(), q: q}}
	fyne.SetCurrentApp(a)
	return a, q
}

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
