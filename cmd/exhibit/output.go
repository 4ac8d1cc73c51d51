package main

import (
	"context"

	"github.com/spf13/pflag"

	"github.com/exhibit-app/exhibit/catalog"
)

// forceUsage is the help of every writer's --force flag.
const forceUsage = "replace an existing file; never evidence or the case"

// addForce declares --force on a command that writes a file.
func addForce(fl *pflag.FlagSet, force *bool) {
	fl.BoolVar(force, "force", false, forceUsage)
}

// guardOutput refuses, before any work is done, an output file that is
// evidence of the case (an original, where one was, a report, a link to
// one), inside the case folder, not a regular file, or that exists when
// --force was not given. Nothing is written when it refuses.
func guardOutput(ctx context.Context, c *catalog.Case, out string, force bool) error {
	return c.GuardOutput(ctx, out, force)
}
