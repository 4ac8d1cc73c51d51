package hub

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/jackc/pgx/v5"

	"github.com/exhibit-app/exhibit/catalog"
)

// MissingObject is an original or report file the hub recorded as put in
// the store, which the store no longer holds.
type MissingObject struct {
	Kind     Kind   `json:"kind"`
	SHA256   string `json:"sha256"`
	PushedBy string `json:"pushed_by"`
	// Restored is true when this laptop held a copy and put it back.
	Restored bool `json:"restored"`
}

// localObject is an original or report file of the case, with the places
// its bytes may be found.
type localObject struct {
	kind  Kind
	sha   string
	paths []string
}

// localObjects lists the case's originals and current report files.
func localObjects(ctx context.Context, local Local) ([]localObject, error) {
	ims, err := local.Images(ctx, catalog.Filter{})
	if err != nil {
		return nil, fmt.Errorf("list the case's images: %w", err)
	}
	cache := local.OriginalsDir()
	var out []localObject
	seen := map[string]bool{}
	for _, im := range ims {
		if im.SHA256 == "" || seen["o"+im.SHA256] {
			continue
		}
		seen["o"+im.SHA256] = true
		out = append(out, localObject{kind: KindOriginal, sha: im.SHA256,
			paths: append(im.Paths(), filepath.Join(cache, im.SHA256))})
	}
	rs, err := local.Reports(ctx)
	if err != nil {
		return nil, fmt.Errorf("list the case's reports: %w", err)
	}
	for _, r := range rs {
		if r.SHA256 == "" || seen["r"+r.SHA256] {
			continue
		}
		seen["r"+r.SHA256] = true
		out = append(out, localObject{kind: KindReport, sha: r.SHA256, paths: []string{r.Path, filepath.Join(cache, r.SHA256)}})
	}
	return out, nil
}

// findLocal returns the first of o's paths that is a regular file with
// o's SHA-256, or "".
func findLocal(o localObject) string {
	for _, p := range o.paths {
		fi, err := os.Stat(p)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if sha, _, err := hashFile(p); err == nil && sha == o.sha {
			return p
		}
	}
	return ""
}

// recordedObject is a row of the hub's objects table.
type recordedObject struct {
	kind     Kind
	sha      string
	pushedBy string
}

// objectsResult is what syncing the originals did.
type objectsResult struct {
	up, down int
	missing  []MissingObject
}

// syncObjects lists the store and the hub's record of it; reports what the
// hub recorded and the store lacks (putting back what this laptop holds);
// uploads the case's originals and report files the store lacks (when the
// role may); and downloads the report files the case lacks (and, with all,
// the originals).
func (s *session) syncObjects(ctx context.Context, local Local, store *Store, all bool) (objectsResult, error) {
	var res objectsResult
	present := map[Kind]map[string]int64{}
	for _, k := range []Kind{KindOriginal, KindReport} {
		m, err := store.List(ctx, k)
		if err != nil {
			return res, err
		}
		present[k] = m
	}
	recorded, canPut, err := s.recordedObjects(ctx)
	if err != nil {
		return res, err
	}
	mine, err := localObjects(ctx, local)
	if err != nil {
		return res, err
	}
	held := map[Kind]map[string]localObject{KindOriginal: {}, KindReport: {}}
	for _, o := range mine {
		held[o.kind][o.sha] = o
	}
	for _, r := range recorded {
		if _, ok := present[r.kind][r.sha]; !ok {
			_, have := held[r.kind][r.sha]
			res.missing = append(res.missing, MissingObject{Kind: r.kind, SHA256: r.sha, PushedBy: r.pushedBy, Restored: have && canPut})
		}
	}
	if canPut {
		if err := s.uploadObjects(ctx, store, mine, present, &res); err != nil {
			return res, err
		}
		for i, m := range res.missing {
			if m.Restored {
				_, ok := present[m.Kind][m.SHA256]
				res.missing[i].Restored = ok
			}
		}
	}
	return res, s.downloadObjects(ctx, local, store, mine, present, all, &res)
}

// recordedObjects reads the hub's objects table, and whether the
// connected role may add to it.
func (s *session) recordedObjects(ctx context.Context) ([]recordedObject, bool, error) {
	var out []recordedObject
	var canPut bool
	err := s.do(ctx, "read the hub's record of the store", func(conn *pgx.Conn) error {
		out = out[:0]
		if err := conn.QueryRow(ctx, `SELECT has_table_privilege('objects', 'INSERT')`).Scan(&canPut); err != nil {
			return err
		}
		rows, err := conn.Query(ctx, `SELECT kind, sha256, pushed_by FROM objects ORDER BY kind, sha256`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r recordedObject
			if err := rows.Scan(&r.kind, &r.sha, &r.pushedBy); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, canPut, err
}

// uploadWorkers is how many uploads run at once.
const uploadWorkers = 4

// uploaded is the outcome of one upload; size is -1 when this laptop
// holds no copy.
type uploaded struct {
	o    localObject
	size int64
	err  error
}

// uploadObjects puts the case's objects the store lacks, a few at once,
// each recorded in the hub's objects table once it is there.
func (s *session) uploadObjects(ctx context.Context, store *Store, mine []localObject, present map[Kind]map[string]int64, res *objectsResult) error {
	var todo []localObject
	for _, o := range mine {
		if _, ok := present[o.kind][o.sha]; !ok {
			todo = append(todo, o)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan localObject)
	results := make(chan uploaded)
	go func() {
		defer close(jobs)
		for _, o := range todo {
			select {
			case jobs <- o:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range min(uploadWorkers, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for o := range jobs {
				r := uploaded{o: o, size: -1}
				if p := findLocal(o); p != "" { // else not on this laptop: another's to upload
					r.size, r.err = store.Put(ctx, o.kind, o.sha, p)
				}
				results <- r
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	var first error
	for r := range results {
		if first != nil {
			continue // draining
		}
		if r.err == nil && r.size >= 0 {
			present[r.o.kind][r.o.sha] = r.size
			r.err = s.recordObject(ctx, r.o, r.size)
			if r.err == nil {
				res.up++
				s.progress(fmt.Sprintf("uploaded %d originals and reports", res.up))
			}
		}
		if r.err != nil {
			first = r.err
			cancel()
		}
	}
	return first
}

// recordObject notes on the hub that the store holds an object.
func (s *session) recordObject(ctx context.Context, o localObject, size int64) error {
	return s.do(ctx, "record an upload on the hub", func(conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, `INSERT INTO objects (sha256, kind, size) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, o.sha, string(o.kind), size)
		return err
	})
}

// downloadObjects fetches the report files (and with all, the originals)
// the case holds nowhere, into its originals folder.
func (s *session) downloadObjects(ctx context.Context, local Local, store *Store, mine []localObject, present map[Kind]map[string]int64, all bool, res *objectsResult) error {
	sort.Slice(mine, func(i, j int) bool { return mine[i].sha < mine[j].sha })
	for _, o := range mine {
		if o.kind == KindOriginal && !all {
			continue
		}
		if _, ok := present[o.kind][o.sha]; !ok || findLocal(o) != "" {
			continue
		}
		err := store.Get(ctx, o.kind, o.sha, filepath.Join(local.OriginalsDir(), o.sha))
		if errors.Is(err, ErrMissingObject) {
			res.missing = append(res.missing, MissingObject{Kind: o.kind, SHA256: o.sha})
			continue
		}
		if err != nil {
			return err
		}
		res.down++
		s.progress(fmt.Sprintf("downloaded %d originals and reports", res.down))
	}
	return nil
}
