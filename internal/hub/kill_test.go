package hub

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestSyncKilledMidway: syncs killed (SIGKILL) at random moments, in a
// child process, then one run to the end, leave the laptops as one
// uninterrupted sync would.
func TestSyncKilledMidway(t *testing.T) {
	_, alice, bob := twoLaptops(t)
	c := ctx(t)
	alice.as(func() {
		for i := range 150 {
			if _, err := alice.c.AddNote(c, alice.image("a.jpg").ID, fmt.Sprintf("note %d", i)); err != nil {
				t.Fatal(err)
			}
		}
	})
	bob.as(func() {
		for i := range 60 {
			if err := bob.c.AddTag(c, bob.image("b.jpg").ID, fmt.Sprintf("tag%d", i)); err != nil {
				t.Fatal(err)
			}
		}
	})
	rng := rand.New(rand.NewPCG(3, 4))
	killed := 0
	kill := func(l *laptop) {
		for range 4 {
			cmd := exec.Command(os.Args[0], "-test.run", "^$")
			cmd.Env = append(os.Environ(), "EXHIBIT_TEST_SYNC_CASE="+l.dir, "EXHIBIT_TEST_SYNC_BATCH=5",
				"EXHIBIT_CONFIG_DIR="+l.keys, "PGPASSWORD="+l.pw)
			var out strings.Builder
			cmd.Stderr = &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("sync child: %v: %s", err, out.String())
				}
			case <-time.After(time.Duration(100+rng.IntN(600)) * time.Millisecond):
				cmd.Process.Kill()
				<-done
				killed++
			}
		}
		l.sync()
	}
	kill(alice)
	kill(bob)
	kill(alice)
	if killed == 0 {
		t.Errorf("no sync was killed: the test tries nothing")
	}
	t.Logf("%d syncs killed", killed)
	if a, b := alice.state(), bob.state(); a != b {
		t.Fatalf("after killed syncs, the laptops differ:\nalice:\n%s\nbob:\n%s", a, b)
	}
	if st := bob.state(); !strings.Contains(st, `"note 149"`) || !strings.Contains(st, "tag59") {
		t.Errorf("changes lost on the way:\n%s", st)
	}
	alice.verifyClean()
	bob.verifyClean()
}
