package export

import (
	"context"

	"github.com/exhibit-app/exhibit/catalog"
)

// checkOutput refuses, before any work, a path where an export may never
// be written: evidence, the case, anything not a regular file (see
// catalog.Case.GuardOutput). Replacing an ordinary file is allowed here:
// whether to replace one is asked before, with --force or the dialog's
// confirmation. The catalog checks again when the export is recorded and
// once more just before its file is renamed into place.
func checkOutput(ctx context.Context, c *catalog.Case, path string) error {
	return c.GuardOutput(ctx, path, true)
}
