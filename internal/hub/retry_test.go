package hub

import (
	"fmt"
	"strings"
	"testing"
)

// TestSyncRetriesLostConnection: the hub's server ends the sync's
// connection midway (as a restart or a network cut would); the sync
// connects again, tries the step again, and ends as if nothing happened.
func TestSyncRetriesLostConnection(t *testing.T) {
	tm, alice, bob := twoLaptops(t)
	c := ctx(t)
	bob.as(func() {
		for i := range 30 {
			if _, err := bob.c.AddNote(c, bob.image("a.jpg").ID, fmt.Sprintf("note %d", i)); err != nil {
				t.Fatal(err)
			}
		}
	})
	var said []string
	cut := 0
	opt := Options{Batch: 4, Progress: func(s string) {
		said = append(said, s)
		if strings.HasPrefix(s, "pushed") && cut < 2 {
			cut++
			tm.pg.Exec(t, tm.db, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
				WHERE datname = current_database() AND pid <> pg_backend_pid()`)
		}
	}}
	if _, err := bob.trySync(opt); err != nil {
		t.Fatalf("sync with its connection cut: %v\n%s", err, strings.Join(said, "\n"))
	}
	if !strings.Contains(strings.Join(said, "\n"), "trying again") {
		t.Errorf("no retry said:\n%s", strings.Join(said, "\n"))
	}
	alice.sync()
	if a, b := alice.state(), bob.state(); a != b || !strings.Contains(a, `"note 29"`) {
		t.Fatalf("after the cut sync, the laptops differ:\nalice:\n%s\nbob:\n%s", a, b)
	}
}
