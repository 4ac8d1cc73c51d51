package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

type auditJSON struct {
	ID      int64  `json:"id"`
	At      string `json:"at"`
	Action  string `json:"action"`
	Object  string `json:"object"`
	Details string `json:"details"`
	Actor   string `json:"actor"` // "user@computer, program"; "" before Exhibit recorded it
	// The chain: this entry's hash, the previous entry's, and the
	// fingerprint of its author's key ("" for entries made before the chain).
	Hash string `json:"hash"`
	Prev string `json:"prev"`
	Key  string `json:"key"`
}

func newAuditCmd(g *globals) *cobra.Command {
	var asJSON bool
	var object string
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Print the case's audit trail (every change, oldest first)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			es, err := c.Audit(ctx, object)
			if err != nil {
				return err
			}
			if asJSON {
				out := []auditJSON{}
				for _, e := range es {
					out = append(out, auditJSON{e.ID, e.At.Format(time.RFC3339Nano), e.Action, e.Object, e.Details, e.Actor, e.Hash, e.Prev, e.Key})
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			for _, e := range es {
				fmt.Fprintf(cmd.OutOrStdout(), "%s  %-18s %-14s %s", e.At.Local().Format("2006-01-02 15:04:05"), e.Action, e.Object, e.Details)
				if e.Actor != "" {
					fmt.Fprintf(cmd.OutOrStdout(), "  [%s]", e.Actor)
				}
				fmt.Fprintln(cmd.OutOrStdout())
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	cmd.Flags().StringVar(&object, "object", "", "only entries about OBJECT (image:12, report:3, pair:2, ...)")
	return needsCase(cmd, false)
}
