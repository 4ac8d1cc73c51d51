package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/hub"
)

func init() { extraCommands = append(extraCommands, newHubCmd) }

// newHubCmd is `exhibit hub`: publishing a case to a team's hub, adding
// members, fetching originals.
func newHubCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hub",
		Short: "Share the case with a team through a hub (PostgreSQL and an S3 store)",
		Long: `A team case lives on every laptop, which works offline, and on a hub: a
PostgreSQL database holding the case's signed entries and an S3-compatible
store holding originals and reports. exhibit sync exchanges what changed;
exhibit clone makes a laptop's case from the hub.

The store's credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY;
the database's password from PGPASSWORD or ~/.pgpass (never kept in the case).`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newHubInitCmd(g), newHubMemberCmd(g), newHubFetchCmd(g))
	return cmd
}

// newHubInitCmd is `exhibit hub init --db URL --store URL`.
func newHubInitCmd(g *globals) *cobra.Command {
	var db, store string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "init --db URL --store URL",
		Short: "Publish the case to a new hub",
		Long: `Publish the case to a new hub: make the hub's tables in the database --db
(postgres://USER@HOST:PORT/DATABASE; USER must be able to create roles, as a
superuser can, and becomes the hub's first owner), the bucket of --store
(http(s)://HOST:PORT/BUCKET) when missing, and push the whole case.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if db == "" || store == "" {
				return fmt.Errorf("hub init: both --db and --store are needed")
			}
			res, err := hub.Init(cmd.Context(), g.c, db, store, hub.Options{Progress: progressLine})
			if err != nil {
				return fmt.Errorf("hub init: %w", err)
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "published case %s to %s (store %s) as member %d: %d entries, %d originals and reports\n",
				res.CaseID, res.DB, res.Store, res.Member, res.Sync.Pushed, res.Sync.OriginalsUp)
			return nil
		},
	}
	cmd.Flags().StringVar(&db, "db", "", "the hub's PostgreSQL URL")
	cmd.Flags().StringVar(&store, "store", "", "the S3 store: http(s)://HOST:PORT/BUCKET")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return needsCase(cmd, false)
}

// newHubMemberCmd is `exhibit hub member add PGUSER --role ROLE`.
func newHubMemberCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "member", Short: "Manage the hub's members", Args: cobra.NoArgs}
	var role, password, db string
	var asJSON bool
	add := &cobra.Command{
		Use:   "add PGUSER --role owner|editor|coder|viewer",
		Short: "Make PGUSER a member of the hub (owners only)",
		Long: `Make PGUSER a member of the hub: a PostgreSQL login role (made when missing,
with --password when given) in the group role of --role. PostgreSQL enforces
the roles: a viewer reads; a coder pushes site codes, notes and tags only; an
editor pushes anything; an owner also adds members. Runs on the hub of the
case (--case), or of --db.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if role == "" {
				return fmt.Errorf("hub member add: --role is needed (owner, editor, coder or viewer)")
			}
			url := db
			if url == "" {
				c, err := g.openExistingCase(cmd.Context())
				if err != nil {
					return fmt.Errorf("hub member add: %w (or give --db)", err)
				}
				g.c = c
				info, ok, err := c.Hub(cmd.Context())
				if err != nil {
					return err
				}
				if !ok {
					return fmt.Errorf("hub member add: this case has no hub (give --db)")
				}
				url = info.DB
			}
			if err := hub.AddMember(cmd.Context(), url, args[0], role, password); err != nil {
				return fmt.Errorf("hub member add: %w", err)
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), map[string]string{"member": args[0], "role": role})
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s is a member of the hub, as %s\n", args[0], role)
			return nil
		},
	}
	add.Flags().StringVar(&role, "role", "", "owner, editor, coder or viewer")
	add.Flags().StringVar(&password, "password", "", "the new role's password")
	add.Flags().StringVar(&db, "db", "", "the hub's PostgreSQL URL (default: the case's hub)")
	add.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	cmd.AddCommand(add)
	return cmd
}

// newHubFetchCmd is `exhibit hub fetch --all | SHA256...`.
func newHubFetchCmd(g *globals) *cobra.Command {
	var all, asJSON bool
	cmd := &cobra.Command{
		Use:   "fetch (--all | SHA256...)",
		Short: "Download originals from the hub's store into the case",
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			local := g.c
			if all == (len(args) > 0) {
				return fmt.Errorf("hub fetch: give --all or the SHA-256 of originals, not both")
			}
			if !all {
				for _, sha := range args {
					p, err := hub.Fetch(ctx, local, sha)
					if err != nil {
						return fmt.Errorf("hub fetch: %w", err)
					}
					fmt.Fprintln(cmd.OutOrStdout(), p)
				}
				return nil
			}
			res, err := hub.FetchAll(ctx, local, progressLine)
			if err != nil {
				return fmt.Errorf("hub fetch: %w", err)
			}
			if asJSON {
				if err := writeJSON(cmd.OutOrStdout(), res); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(cmd.OutOrStdout(), "fetched %d, had %d\n", res.Fetched, res.Had)
			}
			return missingError(cmd.ErrOrStderr(), res.Missing)
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "every original and report the case holds nowhere")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return needsCase(cmd, false)
}

// missingError reports the originals the store lost, one line each on
// stderr, and fails when there are any.
func missingError(w io.Writer, ms []hub.MissingObject) error {
	lost := 0
	for _, m := range ms {
		if m.Restored {
			fmt.Fprintf(w, "exhibit: %s %s was missing from the store: put back from this laptop\n", m.Kind, m.SHA256)
			continue
		}
		lost++
		by := ""
		if m.PushedBy != "" {
			by = " (uploaded by " + m.PushedBy + ")"
		}
		fmt.Fprintf(w, "exhibit: %s %s is missing from the hub's store%s: deleted from the bucket?\n", m.Kind, m.SHA256, by)
	}
	if lost > 0 {
		return fmt.Errorf("%d originals or reports are missing from the hub's store", lost)
	}
	return nil
}

// attachHub lets a team case fetch the originals it has no copy of from
// its hub's store, when they are read.
func attachHub(ctx context.Context, c *catalog.Case) {
	if _, ok, err := c.Hub(ctx); err == nil && ok {
		c.SetFetcher(hub.Fetcher(c))
	}
}

// progressLine tells what a long hub command is doing, on stderr.
func progressLine(s string) { fmt.Fprintln(os.Stderr, "exhibit: "+s) }
