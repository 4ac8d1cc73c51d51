package hub

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// twoLaptops publishes alice's case (two images) to a new hub and clones
// it on bob's laptop (an editor).
func twoLaptops(t *testing.T) (*team, *laptop, *laptop) {
	t.Helper()
	tm := newTeam(t)
	alice := newLaptop(t)
	alice.create("a.jpg", "b.jpg")
	alice.as(func() {
		if _, err := Init(ctx(t), alice.c, tm.superURL(), tm.storeURL(), Options{}); err != nil {
			t.Fatalf("init: %v", err)
		}
	})
	bob := newLaptop(t)
	bob.clone(tm.member("bob", "editor"))
	if a, b := alice.rows(), bob.rows(); a != b {
		t.Fatalf("the clone differs from the case it cloned:\n%s\nvs\n%s", a, b)
	}
	return tm, alice, bob
}

// TestTwoLaptopsConverge: two laptops change the case apart, then sync in
// either order: they end with the same rows, the same head, and chains
// that verify.
func TestTwoLaptopsConverge(t *testing.T) {
	for _, aliceFirst := range []bool{true, false} {
		name := map[bool]string{true: "alice first", false: "bob first"}[aliceFirst]
		t.Run(name, func(t *testing.T) {
			_, alice, bob := twoLaptops(t)
			c := ctx(t)
			alice.as(func() {
				if _, err := alice.c.AddNote(c, alice.image("a.jpg").ID, "alice was here"); err != nil {
					t.Fatal(err)
				}
				if _, err := alice.c.AddSite(c, catalog.NewSite{Name: "Bridge", Lat: 35.95, Lon: 39.01}); err != nil {
					t.Fatal(err)
				}
			})
			bob.as(func() {
				if _, err := bob.c.AddNote(c, bob.image("a.jpg").ID, "bob too"); err != nil {
					t.Fatal(err)
				}
				if err := bob.c.AddTag(c, bob.image("b.jpg").ID, "damage"); err != nil {
					t.Fatal(err)
				}
			})
			first, second := alice, bob
			if !aliceFirst {
				first, second = bob, alice
			}
			r1 := first.sync()
			r2 := second.sync()
			first.sync()
			if r1.Pushed == 0 || r2.Pulled == 0 || r2.Pushed == 0 {
				t.Errorf("first sync %+v, second %+v: want entries pushed and pulled", r1, r2)
			}
			if a, b := alice.state(), bob.state(); a != b {
				t.Fatalf("after syncing, the laptops differ:\nalice:\n%s\nbob:\n%s", a, b)
			}
			if !strings.Contains(alice.state(), "bob too") || !strings.Contains(bob.state(), "Bridge") {
				t.Fatalf("a change is lost:\n%s", alice.state())
			}
			alice.verifyClean()
			bob.verifyClean()
			for _, l := range []*laptop{alice, bob} {
				if h, _, err := l.c.Hub(c); err != nil || h.Synced == "" {
					t.Errorf("after a sync the case does not say when it synced: %+v, %v", h, err)
				}
			}
		})
	}
}

// TestConflictKept: both laptops rename the same site apart; the row
// becomes a conflict on both, listed, and the count is in the result.
func TestConflictKept(t *testing.T) {
	_, alice, bob := twoLaptops(t)
	c := ctx(t)
	var site *catalog.Site
	alice.as(func() {
		var err error
		if site, err = alice.c.AddSite(c, catalog.NewSite{Name: "Mill", Lat: 1, Lon: 2}); err != nil {
			t.Fatal(err)
		}
	})
	alice.sync()
	bob.sync()
	rename := func(l *laptop, name string) {
		l.as(func() {
			if err := l.c.EditSite(c, site.ID, catalog.SiteEdit{Name: &name}); err != nil {
				t.Fatal(err)
			}
		})
	}
	rename(alice, "Old mill")
	rename(bob, "Mill (north)")
	alice.sync()
	r := bob.sync()
	alice.sync()
	if r.Conflicts == 0 {
		t.Errorf("bob's sync found no conflict: %+v", r)
	}
	for _, l := range []*laptop{alice, bob} {
		cs, err := l.c.Conflicts(c)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, cf := range cs {
			found = found || strings.HasPrefix(cf.Ref, "sites/")
		}
		if !found {
			t.Errorf("no conflict on the site listed: %+v", cs)
		}
	}
	if a, b := alice.state(), bob.state(); a != b {
		t.Fatalf("after syncing, the laptops differ:\nalice:\n%s\nbob:\n%s", a, b)
	}
}

// TestRolesEnforcedByPostgres: a viewer's push and a coder's push of a
// site are refused by PostgreSQL; a coder's note goes through.
func TestRolesEnforcedByPostgres(t *testing.T) {
	tm, alice, _ := twoLaptops(t)
	c := ctx(t)
	img := alice.image("a.jpg").ID

	viewer := newLaptop(t)
	viewer.clone(tm.member("vera", "viewer"))
	viewer.as(func() {
		if _, err := viewer.c.AddNote(c, img, "a viewer's note"); err != nil {
			t.Fatal(err)
		}
	})
	if _, err := viewer.trySync(Options{}); err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("a viewer's push: got %v, want PostgreSQL's permission denied", err)
	}

	coder := newLaptop(t)
	coder.clone(tm.member("cody", "coder"))
	coder.as(func() {
		if _, err := coder.c.AddNote(c, img, "a coder's note"); err != nil {
			t.Fatal(err)
		}
	})
	if _, err := coder.trySync(Options{}); err != nil {
		t.Fatalf("a coder's note: %v", err)
	}
	coder.as(func() {
		if _, err := coder.c.AddSite(c, catalog.NewSite{Name: "Coder's site", Lat: 1, Lon: 1}); err != nil {
			t.Fatal(err)
		}
	})
	if _, err := coder.trySync(Options{}); err == nil || !strings.Contains(err.Error(), "row-level security") {
		t.Errorf("a coder's site: got %v, want PostgreSQL's row-level security refusal", err)
	}
	alice.sync()
	if !strings.Contains(alice.state(), "a coder's note") || strings.Contains(alice.state(), "a viewer's note") ||
		strings.Contains(alice.state(), "Coder's site") {
		t.Errorf("alice's case after the pushes:\n%s", alice.state())
	}
}

// TestTamperedEntryRefused: a row of the hub changed behind the protocol
// (by a superuser, triggers off) is refused by a laptop that pulls it,
// naming the entry and what is wrong.
func TestTamperedEntryRefused(t *testing.T) {
	tests := []struct {
		name, set, want string
	}{
		{"details", `details = details || ' '`, "does not give its hash"},
		{"signature", `signature = repeat('0', 128)`, "bad signature"},
		{"signer", `signer = 'SHA256:nobody'`, "unknown key"},
		{"row data", `data = replace(data::text, 'alice was here', 'someone else was here')::json`, "not what the entry recorded"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tm, alice, bob := twoLaptops(t)
			alice.as(func() {
				if _, err := alice.c.AddNote(ctx(t), alice.image("a.jpg").ID, "alice was here"); err != nil {
					t.Fatal(err)
				}
			})
			alice.sync()
			var seq int64
			var hash string
			tm.pg.Exec(t, tm.db, `SET session_replication_role = replica; UPDATE entries SET `+tc.set+
				` WHERE seq = (SELECT max(seq) FROM entries WHERE data::text LIKE '%alice was here%')`)
			conn, err := connect(ctx(t), tm.superURL())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(ctx(t))
			if err := conn.QueryRow(ctx(t), `SELECT seq, hash FROM entries WHERE data::text LIKE '%here%' ORDER BY seq DESC LIMIT 1`).Scan(&seq, &hash); err != nil {
				t.Fatal(err)
			}
			_, err = bob.trySync(Options{})
			var refused *RefusedEntry
			if !errors.As(err, &refused) {
				t.Fatalf("pulling the tampered entry: got %v, want a RefusedEntry", err)
			}
			if refused.Seq != seq || refused.Hash != hash || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v; want entry %s (hub seq %d) refused: ...%s...", err, hash, seq, tc.want)
			}
			if strings.Contains(bob.state(), "here") {
				t.Errorf("bob's case took the tampered entry:\n%s", bob.state())
			}
		})
	}
}

// TestHubBehindSaid: a hub that lost its last entries (restored from an
// older backup) is said to be behind by the sync of a laptop that pulled
// them.
func TestHubBehindSaid(t *testing.T) {
	tm, alice, bob := twoLaptops(t)
	alice.as(func() {
		if _, err := alice.c.AddNote(ctx(t), alice.image("a.jpg").ID, "lost with the hub"); err != nil {
			t.Fatal(err)
		}
	})
	alice.sync()
	if r := bob.sync(); r.HubBehind {
		t.Fatalf("a hub in order said to be behind: %+v", r)
	}
	info, _, err := bob.c.Hub(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	tm.pg.Exec(t, tm.db, fmt.Sprintf(`SET session_replication_role = replica; DELETE FROM entries WHERE seq >= %d`, info.Pulled))
	if r := bob.sync(); !r.HubBehind {
		t.Errorf("the hub lost an entry bob pulled; sync says %+v", r)
	}
}

// TestCoderMerges: a coder whose notes and an editor's new site cross
// merges them and pushes the merge: a merge entry is the coder's to push.
func TestCoderMerges(t *testing.T) {
	tm, alice, _ := twoLaptops(t)
	c := ctx(t)
	coder := newLaptop(t)
	coder.clone(tm.member("cora", "coder"))
	coder.as(func() {
		if _, err := coder.c.AddNote(c, coder.image("a.jpg").ID, "coded apart"); err != nil {
			t.Fatal(err)
		}
	})
	alice.as(func() {
		if _, err := alice.c.AddSite(c, catalog.NewSite{Name: "Depot", Lat: 3, Lon: 4}); err != nil {
			t.Fatal(err)
		}
		if _, err := alice.c.AddNote(c, alice.image("b.jpg").ID, "edited apart"); err != nil {
			t.Fatal(err)
		}
	})
	alice.sync()
	if _, err := coder.trySync(Options{}); err != nil {
		t.Fatalf("the coder's sync after a merge: %v", err)
	}
	alice.sync()
	if a, b := alice.state(), coder.state(); a != b {
		t.Fatalf("after syncing, the laptops differ:\nalice:\n%s\ncoder:\n%s", a, b)
	}
}

// TestPushAfterOthersPushed: a laptop whose pull is out of date (another
// pushed in between) is refused by the hub and nothing of it is taken;
// its next sync pulls and merges first, then pushes, and both laptops end
// identical with a record of one head that verifies.
func TestPushAfterOthersPushed(t *testing.T) {
	tm, alice, bob := twoLaptops(t)
	c := ctx(t)
	bob.as(func() {
		if _, err := bob.c.AddNote(c, bob.image("a.jpg").ID, "bob first"); err != nil {
			t.Fatal(err)
		}
	})
	bob.sync()
	alice.as(func() {
		if _, err := alice.c.AddNote(c, alice.image("a.jpg").ID, "alice meanwhile"); err != nil {
			t.Fatal(err)
		}
		h, _, err := alice.c.Hub(c)
		if err != nil {
			t.Fatal(err)
		}
		s, err := openSession(c, tm.superURL(), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer s.close()
		n, err := s.pushEntries(c, alice.c, DefaultBatch, h.Pulled)
		if !errors.Is(err, errHubMoved) || n != 0 {
			t.Fatalf("a push behind the hub: %d pushed, %v; want errHubMoved and nothing", n, err)
		}
	})
	if r := alice.sync(); r.Pulled == 0 || r.Pushed == 0 {
		t.Errorf("alice's sync %+v: want bob's entries pulled, then hers pushed", r)
	}
	bob.sync()
	if a, b := alice.state(), bob.state(); a != b {
		t.Fatalf("after syncing, the laptops differ:\nalice:\n%s\nbob:\n%s", a, b)
	}
	alice.verifyClean()
	bob.verifyClean()
}
