package hub

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/exhibit-app/exhibit/catalog"
)

// Fetch returns the path of the original of SHA-256 sha in the case's
// originals cache, downloading it from the hub's store first when it is
// not there (its hash checked before it takes its name). An original the
// store should hold and does not is an ErrMissingObject, named.
func Fetch(ctx context.Context, local Local, sha string) (string, error) {
	return fetchKind(ctx, local, KindOriginal, sha)
}

// FetchReport is Fetch for a report's file.
func FetchReport(ctx context.Context, local Local, sha string) (string, error) {
	return fetchKind(ctx, local, KindReport, sha)
}

func fetchKind(ctx context.Context, local Local, k Kind, sha string) (string, error) {
	dest := filepath.Join(local.OriginalsDir(), sha)
	if got, _, err := hashFile(dest); err == nil && got == sha {
		return dest, nil
	} else if err == nil {
		// Not what it should be: fetched again below.
		if err := os.Remove(dest); err != nil {
			return "", fmt.Errorf("fetch %s %s: remove the altered copy: %w", k, sha, err)
		}
	}
	info, ok, err := local.Hub(ctx)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", fmt.Errorf("fetch %s %s: this case has no hub", k, sha)
	}
	store, err := OpenStore(info.Store)
	if err != nil {
		return "", err
	}
	if err := store.Get(ctx, k, sha, dest); err != nil {
		return "", err
	}
	return dest, nil
}

// FetchResult is what fetching every original did.
type FetchResult struct {
	Fetched int             `json:"fetched"`
	Had     int             `json:"had"`
	Missing []MissingObject `json:"missing"`
}

// FetchAll downloads every original and report file of the case that it
// holds nowhere, a few at once; those the store lacks are listed, not
// fatal.
func FetchAll(ctx context.Context, local Local, progress func(string)) (*FetchResult, error) {
	if progress == nil {
		progress = func(string) {}
	}
	info, ok, err := local.Hub(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errors.New("this case has no hub")
	}
	store, err := OpenStore(info.Store)
	if err != nil {
		return nil, err
	}
	objs, err := localObjects(ctx, local)
	if err != nil {
		return nil, err
	}
	res := &FetchResult{Missing: []MissingObject{}}
	var mu sync.Mutex
	err = forEach(ctx, objs, uploadWorkers, func(ctx context.Context, o localObject) error {
		if findLocal(o) != "" {
			mu.Lock()
			res.Had++
			mu.Unlock()
			return nil
		}
		err := store.Get(ctx, o.kind, o.sha, filepath.Join(local.OriginalsDir(), o.sha))
		mu.Lock()
		defer mu.Unlock()
		switch {
		case errors.Is(err, ErrMissingObject):
			res.Missing = append(res.Missing, MissingObject{Kind: o.kind, SHA256: o.sha})
		case err != nil:
			return err
		default:
			res.Fetched++
			progress(fmt.Sprintf("fetched %d, had %d, of %d", res.Fetched, res.Had, len(objs)))
		}
		return nil
	})
	return res, err
}

// forEach runs fn on every item, n at once, and returns the first error
// (the others then stop, their context cancelled).
func forEach[T any](ctx context.Context, items []T, n int, fn func(context.Context, T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan T)
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for range min(n, len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				if err := fn(ctx, it); err != nil {
					once.Do(func() { first = err; cancel() })
				}
			}
		}()
	}
feed:
	for _, it := range items {
		select {
		case jobs <- it:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if first == nil {
		first = ctx.Err()
	}
	return first
}

// Fetcher returns the catalog.Fetcher of a team case (catalog's
// SetFetcher): it brings an original the case has no copy of from its
// hub's store, checking its hash; one missing from the store is an
// ErrMissingObject, named.
func Fetcher(local Local) catalog.Fetcher {
	var mu sync.Mutex
	var store *Store
	return func(ctx context.Context, sha, dst string) error {
		mu.Lock()
		if store == nil {
			info, ok, err := local.Hub(ctx)
			if err == nil && !ok {
				err = errors.New("this case has no hub")
			}
			if err == nil {
				store, err = OpenStore(info.Store)
			}
			if err != nil {
				mu.Unlock()
				return err
			}
		}
		s := store
		mu.Unlock()
		return s.Get(ctx, KindOriginal, sha, dst)
	}
}
