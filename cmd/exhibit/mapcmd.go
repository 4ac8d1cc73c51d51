package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/app"
	"github.com/exhibit-app/exhibit/internal/export"
)

func init() { extraCommands = append(extraCommands, newMapCmd) }

func newMapCmd(g *globals) *cobra.Command {
	var (
		out, basemap, size string
		ff                 filterFlags
		asJSON, noBasemap  bool
		force              bool
	)
	cmd := &cobra.Command{
		Use:   "map -o MAP.png [--basemap FILE.mbtiles] [--size WxH]",
		Short: "Draw where the images were taken, with their directions of view, as a PNG map (offline)",
		Long: `Draw every image with a GPS position as a point, with a wedge for the
direction the camera faced when it is recorded, fitted into a PNG picture.
Under the points: the tiles of an MBTiles file given with --basemap (made
with QGIS, MapTiler or gdal; nothing is fetched from the network), by default
basemap.mbtiles in the case folder when there is one, else a built-in world
map (Natural Earth's land, coastlines, borders, country names and populated places, embedded)
under a grid of latitude and longitude. The file written is recorded in the audit trail
with its SHA-256.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("map: give the output file with -o MAP.png")
			}
			if err := guardOutput(cmd.Context(), g.c, out, force); err != nil {
				return err
			}
			opt := export.MapOptions{Basemap: basemap}
			if basemap == "" && !noBasemap {
				opt.Basemap = export.CaseBasemap(g.c.Dir()) // the case's own, if it has one
			}
			if size != "" {
				w, h, err := app.ParseWindowSize(size)
				if err != nil {
					return fmt.Errorf("--size: %w", err)
				}
				opt.Width, opt.Height = int(w), int(h)
			}
			f, err := ff.filter()
			if err != nil {
				return err
			}
			opt.Filter = f
			res, err := export.WriteMap(cmd.Context(), g.c, out, opt)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), map[string]any{"path": res.Export.Path, "sha256": res.Export.SHA256, "images": res.Placed})
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %d images placed (SHA-256 %s)\n", res.Export.Path, res.Placed, res.Export.SHA256)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&out, "out", "o", "", "the PNG file to write")
	addForce(fl, &force)
	fl.StringVar(&basemap, "basemap", "", "an MBTiles file to draw under the points (default: the case folder's basemap.mbtiles, if any)")
	fl.BoolVar(&noBasemap, "no-basemap", false, "draw the built-in world map (Natural Earth) and a grid of latitude and longitude, not the case's basemap")
	fl.StringVar(&size, "size", "1600x1000", "the picture's size in pixels, WIDTHxHEIGHT")
	fl.BoolVar(&asJSON, "json", false, `print {"path", "sha256", "images"}`)
	ff.add(fl)
	return needsCase(cmd, false)
}
