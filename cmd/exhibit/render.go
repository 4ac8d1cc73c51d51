package main

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer/annot"
)

func init() { extraCommands = append(extraCommands, newRenderCmd) }

func newRenderCmd(g *globals) *cobra.Command {
	var out string
	var pairID int64
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
			im, err := c.FindImage(ctx, args[0])
			if err != nil {
				return err
			}
			anns, err := c.Annotations(ctx, catalog.AnnotationScope{ImageID: im.ID})
			if err != nil {
				return err
			}
			if pairID != 0 {
				more, err := c.Annotations(ctx, catalog.AnnotationScope{PairID: pairID})
				if err != nil {
					return err
				}
				for _, a := range more {
					if a.ImageID == im.ID {
						anns = append(anns, a)
					}
				}
			}
			img, err := c.DecodeOriginal(ctx, im, 0)
			if err != nil {
				return err
			}
			plain := make([]catalog.Annotation, len(anns))
			for i, a := range anns {
				plain[i] = *a
			}
			drawn, err := annot.RenderChecked(img, plain)
			if err != nil {
				return fmt.Errorf("render image %d: %w", im.ID, err)
			}
			if err := writePNG(out, drawn); err != nil {
				return err
			}
			e, err := c.RecordExport(context.WithoutCancel(ctx), "png", out, map[string]any{"image": im.ID, "sha256": im.SHA256, "pair": pairID, "annotations": len(anns)})
			if err != nil {
				return err
			}
			b := drawn.Bounds()
			fmt.Fprintf(cmd.OutOrStdout(), "%s: image %d, %d×%d, %d annotations (SHA-256 %s)\n", e.Path, im.ID, b.Dx(), b.Dy(), len(anns), e.SHA256)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "", "the PNG file to write")
	cmd.Flags().Int64Var(&pairID, "pair", 0, "also draw the annotations made on this image in PAIR")
	return needsCase(cmd, false)
}

// writePNG writes img to path through a temporary file, so that an
// interrupted export never leaves half a file under the final name.
func writePNG(path string, img image.Image) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".exhibit-*.png")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(tmp, img); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
