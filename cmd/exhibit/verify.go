package main

import (
	"fmt"
	"os"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
)

type verifyJSON struct {
	Image  int64  `json:"image"`
	SHA256 string `json:"sha256"`
	Path   string `json:"path"`
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

func newVerifyCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Re-hash every original and report those changed or missing",
		Long: `Re-read every original at its cataloged paths and compare its bytes with the
SHA-256 recorded at import; then check the case's record: recompute the audit
chain, check every signed checkpoint, and every row of the case against the
last entry that speaks of it. Exit status 1 when any file changed or is
missing, or anything in the record was changed behind Exhibit's back.

With --json, an array: one element per original checked (image, sha256, path,
status, error), then one per problem of the record (kind "chain", "checkpoint"
or "row", status, error, and entry, row or checkpoint).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			var bar *progressbar.ProgressBar
			progress := func(done, total int) {
				if bar == nil {
					bar = newBar(total, "verifying")
				}
				bar.Set(done)
			}
			if !isatty.IsTerminal(os.Stderr.Fd()) {
				progress = nil
			}
			res, err := c.Verify(ctx, progress)
			if bar != nil {
				bar.Finish()
				fmt.Fprintln(os.Stderr)
			}
			if err != nil {
				return err
			}
			bad := 0
			out := []any{}
			for _, r := range res {
				if r.Status != "ok" {
					bad++
				}
				out = append(out, verifyJSON{Image: r.ImageID, SHA256: r.SHA256, Path: r.Path, Status: r.Status, Error: r.Error})
			}
			rep, recs, err := verifyRecord(ctx, c)
			if err != nil {
				return err
			}
			for _, r := range recs {
				out = append(out, r)
			}
			if asJSON {
				if err := writeJSON(cmd.OutOrStdout(), out); err != nil {
					return err
				}
			} else {
				for _, r := range res {
					if r.Status != "ok" {
						fmt.Fprintf(cmd.OutOrStdout(), "%s: %s (image %d): %s\n", r.Status, shown(r.Path), r.ImageID, r.Error)
					}
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%d files checked, %d ok, %d changed or missing\n", len(res), len(res)-bad, bad)
				printRecord(cmd.OutOrStdout(), rep)
			}
			switch {
			case bad > 0 && !rep.OK():
				return fmt.Errorf("%d of %d originals changed or missing, and %d problems in the record", bad, len(res), len(rep.Problems))
			case bad > 0:
				return fmt.Errorf("%d of %d originals changed or missing", bad, len(res))
			case !rep.OK():
				return fmt.Errorf("the record has %d problems: it was changed behind Exhibit's back", len(rep.Problems))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of every file checked")
	return needsCase(cmd, false)
}
