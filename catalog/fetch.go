package catalog

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Fetcher brings the original with this SHA-256 from a team case's store
// into dst (written whole or not at all), having checked its hash.
type Fetcher func(ctx context.Context, sha256, dst string) error

// SetFetcher tells the case how to bring originals it has no copy of
// from its hub's store (nil: it cannot). Originals fetched are kept in
// OriginalsDir, by hash.
func (c *Case) SetFetcher(f Fetcher) {
	if f == nil {
		c.fetch.Store(nil)
		return
	}
	c.fetch.Store(&f)
}

// OriginalsDir returns the folder of originals fetched from the hub.
func (c *Case) OriginalsDir() string { return filepath.Join(c.dir, "originals") }

// fetchedPath is where an original fetched from the hub is kept.
func (c *Case) fetchedPath(sha string) string { return filepath.Join(c.OriginalsDir(), sha) }

// fetchOriginal makes sure the original with this hash is in
// OriginalsDir, fetching it when a fetcher is set.
func (c *Case) fetchOriginal(ctx context.Context, sha string) error {
	dst := c.fetchedPath(sha)
	if _, err := os.Stat(dst); err == nil {
		return nil
	}
	f := c.fetch.Load()
	if f == nil {
		return fmt.Errorf("%s: %w (not fetched from the hub yet: run exhibit sync or open the case with its hub reachable)", short(sha), os.ErrNotExist)
	}
	if err := os.MkdirAll(c.OriginalsDir(), 0o755); err != nil {
		return fmt.Errorf("fetch %s: %w", short(sha), err)
	}
	if err := (*f)(ctx, sha, dst); err != nil {
		return fmt.Errorf("fetch %s from the hub: %w", short(sha), err)
	}
	if _, err := os.Stat(dst); err != nil {
		return errors.Join(fmt.Errorf("fetch %s from the hub: nothing was written", short(sha)), err)
	}
	return nil
}
