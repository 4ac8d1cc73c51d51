package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
)

func init() { extraCommands = append(extraCommands, newExportCmd) }

func newExportCmd(g *globals) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export csv|geojson [--out FILE]",
		Short: "Export the catalog as CSV (one row per image) or GeoJSON (one feature per image with a position)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			kind := args[0]
			if kind != "csv" && kind != "geojson" {
				return fmt.Errorf("export %q: want csv or geojson (sheets: exhibit sheet; images: exhibit render)", kind)
			}
			c := g.c
			var err error
			var w io.Writer = cmd.OutOrStdout()
			var f *os.File
			if out != "" {
				if f, err = os.Create(out); err != nil {
					return fmt.Errorf("export %s: %w", kind, err)
				}
				defer f.Close()
				w = f
			}
			var n, skipped int
			if kind == "csv" {
				n, err = c.WriteCSV(ctx, w, catalog.Filter{})
			} else {
				n, skipped, err = c.WriteGeoJSON(ctx, w, catalog.Filter{})
			}
			if err != nil {
				return err
			}
			if f == nil {
				return nil
			}
			if err := f.Close(); err != nil {
				return fmt.Errorf("export %s: %w", kind, err)
			}
			e, err := c.RecordExport(ctx, kind, out, map[string]any{"images": n})
			if err != nil {
				return err
			}
			msg := fmt.Sprintf("%d images written to %s (SHA-256 %s)", n, e.Path, e.SHA256)
			if skipped > 0 {
				msg += fmt.Sprintf("; %d without a position left out", skipped)
			}
			fmt.Fprintln(cmd.ErrOrStderr(), msg)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "", "write to FILE (recorded in the audit trail with its SHA-256) instead of standard output")
	return needsCase(cmd, false)
}
