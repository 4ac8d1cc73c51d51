package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/internal/hub"
)

func init() { extraCommands = append(extraCommands, newSyncCmd) }

// newSyncCmd is `exhibit sync`.
func newSyncCmd(g *globals) *cobra.Command {
	var asJSON, all bool
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Exchange what changed with the case's hub",
		Long: `Pull the others' entries from the case's hub (each checked: signature, hash,
row data) and replay them into the case, merging with what was done here;
push this case's new entries and the originals the hub's store lacks. Rows
changed on both sides become conflicts, kept and listed. An interrupted sync
keeps what it did; run it again to go on.

--json prints {"pushed", "pulled", "originals_up", "originals_down",
"conflicts", "missing_originals"}.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := hub.Sync(cmd.Context(), g.c, hub.Options{AllOriginals: all, Progress: progressLine})
			if err != nil {
				return fmt.Errorf("sync: %w", err)
			}
			if asJSON {
				if err := writeJSON(cmd.OutOrStdout(), res); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(cmd.OutOrStdout(), "pushed %d, pulled %d entries; %d originals up, %d down; %d conflicts\n",
					res.Pushed, res.Pulled, res.OriginalsUp, res.OriginalsDown, res.Conflicts)
			}
			return missingError(cmd.ErrOrStderr(), res.Missing)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	cmd.Flags().BoolVar(&all, "all-originals", false, "also download every original this laptop holds nowhere")
	return needsCase(cmd, false)
}
