// Package fynetest holds, for tests only, what the tests of the viewer
// and of the app share and that needs nothing but Fyne: a test app whose
// fyne.Do is queued, and mouse gestures on a widget.
package fynetest

import (
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Queue stands in for the UI goroutine in tests: the test driver runs
// fyne.Do's function at once on the calling goroutine (a background one,
// racing with the test); with a queued app (NewQueuedApp), fyne.Do queues
// it and the test runs it on its own goroutine when it drains the queue.
type Queue struct {
	mu   sync.Mutex
	fns  []func()
	wake chan struct{}
}

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

// Pending returns how many functions are queued.
func (q *Queue) Pending() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.fns)
}

// RunPending runs the functions queued now, not those they queue.
func (q *Queue) RunPending() {
	q.mu.Lock()
	fns := q.fns
	q.fns = nil
	q.mu.Unlock()
	for _, f := range fns {
		f()
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
		if q.Pending() == 0 {
			quiet++
			time.Sleep(5 * time.Millisecond)
			continue
		}
		quiet = 0
		q.Drain()
	}
}

// queuedDriver is the test driver with fyne.Do going through a Queue.
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

// NewQueuedApp makes a test app, current, whose fyne.Do is queued on the
// queue it returns.
func NewQueuedApp(t testing.TB) (fyne.App, *Queue) {
	base := test.NewTempApp(t)
	q := &Queue{wake: make(chan struct{}, 1)}
	a := &queuedApp{App: base, d: &queuedDriver{Driver: base.Driver(), q: q}}
	fyne.SetCurrentApp(a)
	return a, q
}
