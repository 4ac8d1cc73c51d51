package export

import (
	"context"
	"path/filepath"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/manifest"
)

// seal makes the manifest of export run, showing items, and signs it with
// the user's key.
func seal(ctx context.Context, c *catalog.Case, run *catalog.ExportRun, at time.Time, items []manifest.Item) (*manifest.Sealed, error) {
	m, err := manifest.New(ctx, c, run, filepath.Base(run.Path), at)
	if err != nil {
		return nil, err
	}
	m.Items = items
	s, err := manifest.Seal(m, c.Signer())
	if err != nil {
		return nil, err
	}
	run.SetManifest(s.SHA256)
	return s, nil
}
