package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

func init() { extraCommands = append(extraCommands, newAlignCmd) }

// alignPointsJSON is the file `align --points` reads: corresponding points
// on the after and the before image, in fractions of each upright image.
type alignPointsJSON struct {
	After  []catalog.Point `json:"after"`
	Before []catalog.Point `json:"before"`
}

func newAlignCmd(g *globals) *cobra.Command {
	var points string
	var reset, asJSON bool
	cmd := &cobra.Command{
		Use:   "align PAIR --points FILE | align PAIR --reset",
		Short: "Align a pair from corresponding points (affine, least squares), or reset its alignment",
		Long: `Fit an affine transform mapping the after image onto the before image from three
or more corresponding points, read from FILE:
  {"after": [[x, y], ...], "before": [[x, y], ...]}
in fractions (0..1) of each upright image. Prints each point's residual in
pixels of the before image; every compare mode and sheet then uses the fit.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			id, err := parsePair(args[0])
			if err != nil {
				return err
			}
			if !reset && points == "" {
				return fmt.Errorf("align: give --points FILE or --reset")
			}
			c := g.c
			if reset {
				if err := c.SetAlignment(ctx, id, nil); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "pair %d: alignment reset\n", id)
				return nil
			}
			b, err := os.ReadFile(points)
			if err != nil {
				return fmt.Errorf("align: %w", err)
			}
			var in alignPointsJSON
			if err := json.Unmarshal(b, &in); err != nil {
				return fmt.Errorf(`align: read %s: %w (want {"after": [[x, y], ...], "before": [[x, y], ...]}, fractions 0..1 of each image)`, points, err)
			}
			p, err := c.Pair(ctx, id)
			if err != nil {
				return err
			}
			before, err := c.Image(ctx, p.BeforeID)
			if err != nil {
				return err
			}
			w, h := before.UprightSize()
			al, err := annot.FitAlignment(in.After, in.Before, w, h)
			if err != nil {
				return fmt.Errorf("align pair %d: %w", id, err)
			}
			if err := c.SetAlignment(ctx, id, al); err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), al)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "pair %d aligned (affine, %d points, RMS %.2f px)\n", id, len(al.After), annot.RMS(al.Residuals))
			for i, r := range al.Residuals {
				fmt.Fprintf(cmd.OutOrStdout(), "  point %d: residual %.2f px\n", i+1, r)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&points, "points", "", "JSON file of corresponding points")
	cmd.Flags().BoolVar(&reset, "reset", false, "remove the pair's alignment")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the alignment as JSON")
	return needsCase(cmd, false)
}
