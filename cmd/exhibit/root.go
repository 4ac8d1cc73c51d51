package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
)

// globals are the flags every command takes, and the case the command
// works on.
type globals struct {
	caseDir string
	// c is the case, opened before a command that declares it needs one
	// (see needsCase) and closed by cleanup.
	c    *catalog.Case
	stop context.CancelFunc
}

// The values of a command's "case" annotation.
const (
	caseAnnotation = "case"
	caseExisting   = "existing" // the case must exist: commands that read
	caseCreate     = "create"   // the case is created if needed: import, report add
)

// needsCase marks cmd as working on the case: it is opened (created when
// create is set) before cmd runs, as g.c.
func needsCase(cmd *cobra.Command, create bool) *cobra.Command {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	cmd.Annotations[caseAnnotation] = caseExisting
	if create {
		cmd.Annotations[caseAnnotation] = caseCreate
	}
	return cmd
}

// before runs ahead of every command: its context is cancelled on Ctrl-C
// or SIGTERM, so long commands stop cleanly and keep what they did, and
// the case is opened for the commands that need it.
func (g *globals) before(cmd *cobra.Command, args []string) error {
	ctx, stop := signalContext()
	g.stop = stop
	cmd.SetContext(ctx)
	var err error
	switch cmd.Annotations[caseAnnotation] {
	case caseExisting:
		g.c, err = g.openExistingCase(ctx)
	case caseCreate:
		g.c, err = g.openCase(ctx)
	}
	if g.c != nil {
		attachHub(ctx, g.c)               // a team case fetches originals from its hub's store
		g.c.SetProgram(cmd.CommandPath()) // "exhibit report add", in the audit trail
		g.c.OnWait(func(waited time.Duration) {
			fmt.Fprintf(os.Stderr, "exhibit: waiting for another program writing to this case (%.0f s)...\n", waited.Seconds())
		})
	}
	return err
}

// cleanup closes what before opened.
func (g *globals) cleanup() {
	if g.c != nil {
		// Close signs the chain's head: a failure there is worth saying.
		if err := g.c.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "exhibit: closing the case:", err)
		}
		g.c = nil
	}
	if g.stop != nil {
		g.stop()
	}
}

// newRootCmd returns the command line and the function to call once it
// has run.
func newRootCmd() (*cobra.Command, func()) {
	g := &globals{}
	gui := &guiFlags{}
	root := &cobra.Command{
		Use:   "exhibit",
		Short: "Catalog, review, compare and export evidence images and reports",
		Long: `Exhibit catalogs image sets and reports into a case, links images to the
report excerpts that speak of them, compares before/after pairs and exports
comparison sheets. Without a subcommand it opens the desktop app.

A case is a folder (for example Raqqa.exhibit/). Every command takes
--case DIR; without it, the default case in the user's data folder.
Wherever a command takes an IMAGE, give its id, a prefix of its SHA-256, its
path, or its file name alone when no other image has that name.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGUI(g, gui, cmd.Flags().Changed("case"))
		},
	}
	addGUIFlags(root, gui)
	root.PersistentPreRunE = g.before
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
	return root, g.cleanup
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
// stop cleanly and keep what they did. A second signal ends the process at
// once, as it would without Exhibit: a command stuck where it cannot notice
// the first (a blocked read) can always be stopped.
func signalContext() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // the next signal gets the default action
	}()
	return ctx, stop
}
