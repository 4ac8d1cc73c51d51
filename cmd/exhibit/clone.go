package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/hub"
)

func init() { extraCommands = append(extraCommands, newCloneCmd) }

// newCloneCmd is `exhibit clone --db URL DIR`.
func newCloneCmd(g *globals) *cobra.Command {
	var db string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "clone --db URL DIR",
		Short: "Make a local case in DIR from a team's hub",
		Long: `Make a local case in DIR from the hub at --db: every entry is pulled, checked
and replayed, this laptop's key is registered and the case joins the hub.
The store is the hub's. Originals are downloaded when opened, or all at once
with exhibit hub fetch --all.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if db == "" {
				return fmt.Errorf("clone: --db is needed")
			}
			open := func(ctx context.Context, dir, caseID string) (hub.Local, error) {
				c, err := catalog.Clone(ctx, dir, caseID)
				if err != nil {
					return nil, err
				}
				g.c = c // closed by cleanup
				c.SetProgram(cmd.CommandPath())
				c.SetFetcher(hub.Fetcher(c))
				return c, nil
			}
			_, res, err := hub.Clone(cmd.Context(), db, args[0], open, hub.Options{Progress: progressLine})
			if err != nil {
				return fmt.Errorf("clone: %w", err)
			}
			if asJSON {
				if err := writeJSON(cmd.OutOrStdout(), res); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(cmd.OutOrStdout(), "cloned case %s into %s as member %d: %d entries\n", res.CaseID, res.Dir, res.Member, res.Sync.Pulled)
			}
			return missingError(cmd.ErrOrStderr(), res.Sync.Missing)
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "the hub's PostgreSQL URL")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}
