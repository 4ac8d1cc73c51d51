package export

import (
	"context"
	"io"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/catalog/picture"
)

// writeOutput writes an export at path through write, never over evidence
// or into the case: the path is checked with GuardOutput (replacing an
// ordinary file is allowed: whether to replace one is asked before, with
// --force or the dialog's confirmation) before anything is written, and
// again once the temporary file is complete, just before it is renamed
// into place, in case the path changed meanwhile. When refused, nothing
// is left behind.
func writeOutput(ctx context.Context, c *catalog.Case, path string, write func(io.Writer) error) error {
	if err := c.GuardOutput(ctx, path, true); err != nil {
		return err
	}
	return picture.WriteFileAtomicChecked(path, write, func() error {
		return c.GuardOutput(context.WithoutCancel(ctx), path, true)
	})
}

// checkOutput refuses, before any work, a path where an export may never
// be written (see writeOutput).
func checkOutput(ctx context.Context, c *catalog.Case, path string) error {
	return c.GuardOutput(ctx, path, true)
}
