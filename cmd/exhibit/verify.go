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
		Use:   "verify [FILE...]",
		Short: "Re-hash every original, or check exported files, and report what fails",
		Long: `Without arguments: re-read every original at its cataloged paths and compare
its bytes with the SHA-256 recorded at import. Exit status 1 when any file
changed or is missing.

With FILE...: check files exported from the case (PDF sheets, PNG renders,
CSV...): the signature of the manifest a sheet or render carries against the
key it carries, that the key is one the case knows, that the file's bytes are
those of an export recorded in the case, and that each original it lists
still has its hash in the case (and on disk, where at hand). Exit status 1,
naming what fails, when any file fails.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			if len(args) > 0 {
				// Exported files: verify_exports.go. (Bag folders, a
				// folder holding bagit.txt, are to be told apart here.)
				return verifyExports(cmd, c, args, asJSON)
			}
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
			out := []verifyJSON{}
			for _, r := range res {
				if r.Status != "ok" {
					bad++
				}
				out = append(out, verifyJSON{Image: r.ImageID, SHA256: r.SHA256, Path: r.Path, Status: r.Status, Error: r.Error})
			}
			if asJSON {
				if err := writeJSON(cmd.OutOrStdout(), out); err != nil {
					return err
				}
			} else {
				for _, r := range out {
					if r.Status != "ok" {
						fmt.Fprintf(cmd.OutOrStdout(), "%s: %s (image %d): %s\n", r.Status, shown(r.Path), r.Image, r.Error)
					}
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%d files checked, %d ok, %d changed or missing\n", len(res), len(res)-bad, bad)
			}
			if bad > 0 {
				return fmt.Errorf("%d of %d originals changed or missing", bad, len(res))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of every file checked")
	return needsCase(cmd, false)
}
