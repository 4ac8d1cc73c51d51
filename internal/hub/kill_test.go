package hub

import (
	"bufio"
	"fmt"
	"io"
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
			var errs strings.Builder
			cmd.Stderr = &errs
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Killed after a random number of its progress lines (each a
			// batch done), in the midst of the next.
			stopAt, lines, wasKilled := 1+rng.IntN(8), 0, false
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if lines++; lines == stopAt {
					time.Sleep(time.Duration(rng.IntN(20)) * time.Millisecond)
					cmd.Process.Kill()
					wasKilled = true
					break
				}
			}
			io.Copy(io.Discard, out)
			err = cmd.Wait()
			if wasKilled {
				killed++
			} else if err != nil {
				t.Fatalf("sync child: %v: %s", err, errs.String())
			}
		}
		l.sync()
	}
	kill(alice)
	kill(bob)
	kill(alice)
	if killed < 4 {
		t.Errorf("no sync was killed: the test tries nothing")
	}
	t.Logf("%d syncs killed", killed)
	if a, b := alice.state(), bob.state(); a != b {
		t.Fatalf("after killed syncs, the laptops differ:\nalice:\n%s\nbob:\n%s", a, b)
	}
	if st := bob.state(); !strings.Contains(st, `"note 149"`) || !strings.Contains(st, "tag59") {
		t.Errorf("changes lost on the way:\n%s", st)
	}
	alice.verifyAfterKills()
	bob.verifyAfterKills()
}

// verifyAfterKills checks l's record after syncs were killed: sound, but
// for entries a killed sync wrote and never signed (its signer runs a few
// seconds after a write, and at close: a kill between leaves them
// unsigned, which verify rightly says, naming them).
func (l *laptop) verifyAfterKills() {
	l.t.Helper()
	if err := l.c.Checkpoint(ctx(l.t)); err != nil {
		l.t.Fatalf("checkpoint: %v", err)
	}
	rep, err := l.c.VerifyChain(ctx(l.t))
	if err != nil {
		l.t.Fatalf("verify chain: %v", err)
	}
	for _, p := range rep.Problems {
		if p.Status != "unsigned" {
			l.t.Errorf("verify chain: %+v", p)
		}
	}
}
