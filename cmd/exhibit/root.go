package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
)

// globals are the flags every command takes.
type globals struct {
	caseDir string
}

func newRootCmd() *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:   "exhibit",
		Short: "Catalog, review, compare and export evidence images and reports",
		Long: `Exhibit catalogs image sets and reports into a case, links images to the
report excerpts that speak of them, compares before/after pairs and exports
comparison sheets. Without a subcommand it opens the desktop app.

A case is a folder (for example Raqqa.exhibit/). Every command takes
--case DIR; without it, the default case in the user's data folder.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGUI(g, cmd.Flags().Changed("case"))
		},
	}
	root.PersistentFlags().StringVar(&g.caseDir, "case", "", "the case folder (default: Default.exhibit in the user's data folder)")
	root.AddCommand(
		newImportCmd(g),
		newLsCmd(g),
		newShowCmd(g),
		newVerifyCmd(g),
		newAuditCmd(g),
	)
	for _, add := range extraCommands {
		root.AddCommand(add(g))
	}
	return root
}

// extraCommands lets each file register its subcommands.
var extraCommands []func(*globals) *cobra.Command

// resolveCaseDir returns the case folder the flags name, or the default.
func (g *globals) resolveCaseDir() (string, error) {
	if g.caseDir != "" {
		return g.caseDir, nil
	}
	if env := os.Getenv("EXHIBIT_CASE"); env != "" {
		return env, nil
	}
	return catalog.DefaultDir()
}

// openCase opens (creating if needed) the case the flags name.
func (g *globals) openCase(ctx context.Context) (*catalog.Case, error) {
	dir, err := g.resolveCaseDir()
	if err != nil {
		return nil, err
	}
	return catalog.Open(ctx, dir)
}

// openExistingCase opens the case the flags name and fails when there is
// none there: commands that only read never create a case.
func (g *globals) openExistingCase(ctx context.Context) (*catalog.Case, error) {
	dir, err := g.resolveCaseDir()
	if err != nil {
		return nil, err
	}
	if !catalog.IsCase(dir) {
		return nil, fmt.Errorf("no case at %s (import something first, or give --case DIR)", dir)
	}
	return catalog.Open(ctx, dir)
}

// signalContext is cancelled on Ctrl-C or SIGTERM, so that long commands
// stop cleanly and keep what they did.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
