package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/internal/export"
)

func init() { extraCommands = append(extraCommands, newRenderCmd) }

func newRenderCmd(g *globals) *cobra.Command {
	var out string
	var pairID int64
	var force bool
	cmd := &cobra.Command{
		Use:   "render IMAGE -o OUT.png [--pair PAIR]",
		Short: "Write the full-resolution image, upright, with its annotations burned in",
		Long: `Write the original at full resolution, turned upright, with its annotations
drawn on it, as PNG. With --pair, the annotations made on this image in that
pair are drawn too. The original is verified against its SHA-256 first; the
file written is recorded in the audit trail with its own SHA-256.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("render: give the output file with -o OUT.png")
			}
			ctx, c := cmd.Context(), g.c
			if err := guardOutput(ctx, c, out, force); err != nil {
				return err
			}
			im, err := c.FindImage(ctx, args[0])
			if err != nil {
				return err
			}
			m, err := export.WritePNG(ctx, c, im, pairID, out)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: image %d, %d×%d, %d annotations (SHA-256 %s)\n", m.Export.Path, im.ID, m.Width, m.Height, m.Marks, m.Export.SHA256)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "", "the PNG file to write")
	addForce(cmd.Flags(), &force)
	cmd.Flags().Int64Var(&pairID, "pair", 0, "also draw the annotations made on this image in PAIR")
	return needsCase(cmd, false)
}
