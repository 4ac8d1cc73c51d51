package hub

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/hubtest"
	"github.com/exhibit-app/exhibit/internal/testkit"
)

// team is a hub of its own for one test: a database in the shared
// cluster and a bucket in the shared store.
type team struct {
	t      testing.TB
	pg     *hubtest.Postgres
	s3     *hubtest.S3
	db     string
	bucket string
}

var teams atomic.Int64

// newTeam makes an empty hub (database and bucket name) for t, and sets
// the store's credentials in the environment.
func newTeam(t testing.TB) *team {
	t.Helper()
	pg := hubtest.SharedPostgres(t)
	s3 := hubtest.SharedS3(t)
	s3.SetEnv(t)
	return &team{t: t, pg: pg, s3: s3, db: pg.NewDatabase(t), bucket: fmt.Sprintf("team%d", teams.Add(1))}
}

// superURL is the hub's database as the cluster's superuser.
func (tm *team) superURL() string { return tm.pg.SuperURL(tm.db) }

// storeURL is the hub's store.
func (tm *team) storeURL() string { return tm.s3.BucketURL(tm.bucket) }

// member adds a login role of a name of its own with role, and returns
// its URL.
func (tm *team) member(name, role string) string {
	tm.t.Helper()
	user := fmt.Sprintf("%s_%s", name, tm.db)
	if err := AddMember(ctx(tm.t), tm.superURL(), user, role, "pw-"+user); err != nil {
		tm.t.Fatalf("add member %s: %v", user, err)
	}
	return tm.pg.URL(user, "pw-"+user, tm.db)
}

// laptop is one user's machine: a signing key of its own and a case.
type laptop struct {
	t    testing.TB
	pw   string // PGPASSWORD
	keys string
	dir  string
	imgs string // where the images imported came from
	c    *catalog.Case
}

// newLaptop makes a user with a key of their own; the case is made by
// create or clone.
func newLaptop(t testing.TB) *laptop {
	return &laptop{t: t, pw: hubtest.SuperPassword, keys: t.TempDir(), dir: filepath.Join(t.TempDir(), "Case.exhibit")}
}

// as runs fn with this laptop's key folder as the config folder (where
// catalog finds the signing key when a case is opened).
func (l *laptop) as(fn func()) {
	l.t.Setenv("EXHIBIT_CONFIG_DIR", l.keys)
	l.t.Setenv("PGPASSWORD", l.pw)
	fn()
}

// create makes the laptop's case with a few images imported.
func (l *laptop) create(names ...string) {
	l.t.Helper()
	imgs := l.t.TempDir()
	l.imgs = imgs
	testkit.WriteJPEGs(l.t, imgs, names...)
	l.as(func() {
		c, err := catalog.Open(ctx(l.t), l.dir)
		if err != nil {
			l.t.Fatal(err)
		}
		l.c = c
		l.t.Cleanup(func() { c.Close() })
		if len(names) > 0 {
			if _, err := c.Import(ctx(l.t), []string{imgs}, catalog.ImportOptions{}); err != nil {
				l.t.Fatal(err)
			}
		}
	})
}

// clone makes the laptop's case from the hub at dbURL.
func (l *laptop) clone(dbURL string) *CloneResult {
	l.t.Helper()
	if u, err := url.Parse(dbURL); err == nil && u.User != nil {
		l.pw, _ = u.User.Password()
	}
	var res *CloneResult
	l.as(func() {
		local, r, err := Clone(ctx(l.t), dbURL, l.dir, openClone, Options{})
		if local != nil {
			l.c = local.(*catalog.Case)
			l.t.Cleanup(func() { l.c.Close() })
		}
		if err != nil {
			l.t.Fatalf("clone: %v", err)
		}
		res = r
	})
	return res
}

// openClone is the Opener of the tests.
func openClone(ctx context.Context, dir, caseID string) (Local, error) {
	c, err := catalog.Clone(ctx, dir, caseID)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// sync syncs the laptop's case and fails the test on an error.
func (l *laptop) sync() *Result {
	l.t.Helper()
	res, err := l.trySync(Options{})
	if err != nil {
		l.t.Fatalf("sync: %v", err)
	}
	return res
}

// trySync syncs the laptop's case.
func (l *laptop) trySync(opt Options) (*Result, error) {
	var res *Result
	var err error
	l.as(func() { res, err = Sync(ctx(l.t), l.c, opt) })
	return res, err
}

// image returns the laptop's image of file name.
func (l *laptop) image(name string) *catalog.Image {
	l.t.Helper()
	ims, err := l.c.Images(ctx(l.t), catalog.Filter{})
	if err != nil {
		l.t.Fatal(err)
	}
	for _, im := range ims {
		if im.Name() == name {
			return im
		}
	}
	l.t.Fatalf("no image %s", name)
	return nil
}

// state is what two laptops must agree on after syncing: their rows and
// the chain's head.
func (l *laptop) state() string {
	l.t.Helper()
	head, err := l.c.ChainHead(ctx(l.t))
	if err != nil {
		l.t.Fatal(err)
	}
	return l.rows() + fmt.Sprintf("head %s %d\n", head.Hash, head.Count)
}

// rows lists every image with its notes and tags, and every site.
func (l *laptop) rows() string {
	l.t.Helper()
	c := ctx(l.t)
	var b strings.Builder
	ims, err := l.c.Images(c, catalog.Filter{})
	if err != nil {
		l.t.Fatal(err)
	}
	sort.Slice(ims, func(i, j int) bool { return ims[i].ID < ims[j].ID })
	for _, im := range ims {
		fmt.Fprintf(&b, "image %d %s\n", im.ID, im.SHA256)
		notes, err := l.c.Notes(c, im.ID)
		if err != nil {
			l.t.Fatal(err)
		}
		for _, n := range notes {
			fmt.Fprintf(&b, "  note %d %q\n", n.ID, n.Text)
		}
		tags, err := l.c.Tags(c, im.ID)
		if err != nil {
			l.t.Fatal(err)
		}
		fmt.Fprintf(&b, "  tags %q\n", tags)
	}
	sites, err := l.c.Sites(c, true)
	if err != nil {
		l.t.Fatal(err)
	}
	for _, s := range sites {
		j, _ := json.Marshal([]any{s.ID, s.Name, s.Lat, s.Lon, s.Status, s.Tags, len(s.Notes), s.RemovedAt != nil})
		fmt.Fprintf(&b, "site %s\n", j)
	}
	return b.String()
}

// verifyClean fails the test unless the laptop's chain verifies, once
// signed as closing the case would.
func (l *laptop) verifyClean() {
	l.t.Helper()
	if err := l.c.Checkpoint(ctx(l.t)); err != nil {
		l.t.Fatalf("checkpoint: %v", err)
	}
	rep, err := l.c.VerifyChain(ctx(l.t))
	if err != nil {
		l.t.Fatalf("verify chain: %v", err)
	}
	if !rep.OK() {
		l.t.Fatalf("verify chain: %+v", rep.Problems)
	}
}

// ctx is a context for one step of a test.
func ctx(t testing.TB) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	return c
}
