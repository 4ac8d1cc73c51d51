package hub

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestInterruptedSyncResumes: syncs cancelled at random points (between
// and within batches of a few entries), then run to the end, leave both
// laptops as an uninterrupted sync would.
func TestInterruptedSyncResumes(t *testing.T) {
	_, alice, bob := twoLaptops(t)
	c := ctx(t)
	alice.as(func() {
		for i := range 40 {
			if _, err := alice.c.AddNote(c, alice.image("a.jpg").ID, fmt.Sprintf("note %d", i)); err != nil {
				t.Fatal(err)
			}
		}
	})
	bob.as(func() {
		for i := range 25 {
			if err := bob.c.AddTag(c, bob.image("b.jpg").ID, fmt.Sprintf("tag%d", i)); err != nil {
				t.Fatal(err)
			}
		}
	})
	rng := rand.New(rand.NewPCG(1, 2))
	cancelled := 0
	interrupt := func(l *laptop) {
		for range 6 {
			cctx, cancel := context.WithCancel(c)
			n, stopAt := 0, 1+rng.IntN(6)
			opt := Options{Batch: 3, Progress: func(string) {
				if n++; n == stopAt {
					cancel()
				}
			}}
			var err error
			l.as(func() { _, err = Sync(cctx, l.c, opt) })
			cancel()
			if err != nil && !errors.Is(err, context.Canceled) {
				t.Fatalf("interrupted sync: %v", err)
			}
			if err != nil {
				cancelled++
			}
		}
		l.sync()
	}
	interrupt(alice)
	interrupt(bob)
	interrupt(alice)
	if cancelled < 6 {
		t.Errorf("only %d syncs were interrupted: the test tries nothing", cancelled)
	}
	if a, b := alice.state(), bob.state(); a != b {
		t.Fatalf("after interrupted syncs, the laptops differ:\nalice:\n%s\nbob:\n%s", a, b)
	}
	if st := bob.state(); !strings.Contains(st, `"note 39"`) || !strings.Contains(st, "tag24") {
		t.Errorf("changes lost on the way:\n%s", st)
	}
	alice.verifyClean()
	bob.verifyClean()
}
