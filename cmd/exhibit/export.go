package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
)

func init() { extraCommands = append(extraCommands, newExportCmd) }

func newExportCmd(g *globals) *cobra.Command {
	var out string
	var force bool
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
			if out == "" {
				var err error
				if kind == "csv" {
					_, err = c.WriteCSV(ctx, cmd.OutOrStdout(), catalog.Filter{})
				} else {
					_, _, err = c.WriteGeoJSON(ctx, cmd.OutOrStdout(), catalog.Filter{})
				}
				return err
			}
			if err := guardOutput(ctx, c, out, force); err != nil {
				return err
			}
			res, err := export.WriteCatalog(ctx, c, kind, out)
			if err != nil {
				return err
			}
			msg := fmt.Sprintf("%d images written to %s (SHA-256 %s)", res.Images, res.Export.Path, res.Export.SHA256)
			if res.NoPosition > 0 {
				msg += fmt.Sprintf("; %d without a position left out", res.NoPosition)
			}
			fmt.Fprintln(cmd.ErrOrStderr(), msg)
			return nil
		},
	}
	cmd.AddCommand(newExportBagCmd(g))
	cmd.Flags().StringVarP(&out, "out", "o", "", "write to FILE (whole or not at all; recorded in the audit trail with its SHA-256) instead of standard output")
	addForce(cmd.Flags(), &force)
	return needsCase(cmd, false)
}
