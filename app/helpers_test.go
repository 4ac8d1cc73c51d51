package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

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

// uiQueue stands in for the UI goroutine in tests: the test driver runs
// fyne.Do's function at once on the calling goroutine (a background one,
// racing with the test); with queuedDriver, fyne.Do queues it and the test
// runs it on its own goroutine when it drains the queue.
type uiQueue struct {
	mu   sync.Mutex
	fns  []func()
	wake chan struct{}
}

func newUIQueue() *uiQueue { return &uiQueue{wake: make(chan struct{}, 1)} }

func (q *uiQueue) post(f func()) {
	q.mu.Lock()
	q.fns = append(q.fns, f)
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// drain runs what is queued, and what that queues.
func (q *uiQueue) drain() {
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

// waitUntil drains the queue until cond holds, failing after 20 s.
func (q *uiQueue) waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	q.waitFor(t, what, 20*time.Second, cond)
}

// waitFor drains the queue until cond holds, failing after timeout.
func (q *uiQueue) waitFor(t testing.TB, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.After(timeout)
	for {
		q.drain()
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

// settle drains the queue until nothing more arrives for a while (the
// background jobs started are done).
func (q *uiQueue) settle() {
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
		q.drain()
	}
}

// queuedDriver is the test driver with fyne.Do going through a uiQueue.
type queuedDriver struct {
	fyne.Driver
	q *uiQueue
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

// newQueuedApp makes a test app whose fyne.Do is queued.
func newQueuedApp(t testing.TB) (fyne.App, *uiQueue) {
	base := test.NewTempApp(t)
	q := newUIQueue()
	a := &queuedApp{App: base, d: &queuedDriver{Driver: base.Driver(), q: q}}
	fyne.SetCurrentApp(a)
	return a, q
}

// testWindow is a main window on a test app, and its queue.
type testWindow struct {
	*mainWindow
	q *uiQueue
}

// newTestWindow opens the main window (1280×820) on c, library first.
func newTestWindow(t *testing.T, c *catalog.Case) *testWindow {
	t.Helper()
	a, q := newQueuedApp(t)
	mw := newMainWindow(a, NewSettings(a.Preferences()), "test")
	mw.win.Resize(fyne.NewSize(1280, 820))
	tw := &testWindow{mainWindow: mw, q: q}
	t.Cleanup(func() {
		q.settle()
		mw.closeScreens()
		if mw.sess != nil {
			mw.sess.Cancel()
		}
		q.settle()
	})
	if c != nil {
		mw.setCase(c, ui.ScreenLibrary, ui.Target{})
		tw.waitLibrary(t)
	}
	return tw
}

func (tw *testWindow) library() *libraryScreen { return tw.screen(ui.ScreenLibrary).(*libraryScreen) }
func (tw *testWindow) review() *reviewScreen   { return tw.screen(ui.ScreenReview).(*reviewScreen) }
func (tw *testWindow) reports() *reportScreen  { return tw.screen(ui.ScreenReport).(*reportScreen) }

// waitLibrary waits for the library's load in progress to be shown.
func (tw *testWindow) waitLibrary(t *testing.T) {
	t.Helper()
	l := tw.library()
	tw.q.waitUntil(t, "the library to load", func() bool { return l.loaded && l.loading.CancelFunc == nil })
}

// currentID returns the ID of the screen shown.
func (tw *testWindow) currentID() string {
	if tw.current < 0 {
		return ""
	}
	return tw.slots[tw.current].spec.ID
}

var (
	sampleOnce sync.Once
	sampleDirP string
	sampleErr  error
)

// sampleCase returns a fresh copy of the sample case (built once per test
// binary, with demo.BuildCase): its catalog and cache copied into a temp
// folder, its images read from the original build.
func sampleCase(t *testing.T) *catalog.Case {
	t.Helper()
	sampleOnce.Do(func() {
		dir, err := os.MkdirTemp("", "exhibit-app-test-")
		if err != nil {
			sampleErr = err
			return
		}
		sampleDirP = filepath.Join(dir, "Sample.exhibit")
		c, err := demo.BuildCase(context.Background(), sampleDirP, nil)
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
	if err := copyTree(filepath.Join(sampleDirP), dst, func(rel string) bool { return rel != demo.FilesDir }); err != nil {
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

// corpusDir returns ../shared/corpus found above the working directory,
// or skips the test.
func corpusDir(t testing.TB) string {
	t.Helper()
	return testkit.CorpusDir(t)
}

// walk calls f on o and every object below it (widgets through their
// renderers), depth first.
func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, f)
		}
	}
}

// findButton returns the visible button with this text under o, or nil.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walk(o, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok && b.Text == text && b.Visible() && found == nil {
			found = b
		}
	})
	return found
}

// topOverlay returns the dialog or pop-up on top of the window, or nil.
func (tw *testWindow) topOverlay() fyne.CanvasObject { return tw.win.Canvas().Overlays().Top() }

// tapOverlayButton taps the button with this text in the top dialog.
func (tw *testWindow) tapOverlayButton(t *testing.T, text string) {
	t.Helper()
	top := tw.topOverlay()
	if top == nil {
		t.Fatalf("no dialog open to tap %q in", text)
	}
	b := findButton(top, text)
	if b == nil {
		t.Fatalf("no button %q in the dialog", text)
	}
	test.Tap(b)
}

// texts returns the text of every label and rich text under o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(c fyne.CanvasObject) {
		switch x := c.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.RichText:
			out = append(out, x.String())
		}
	})
	return out
}
