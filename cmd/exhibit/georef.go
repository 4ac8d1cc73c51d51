package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/catalog/georef"
)

func init() {
	extraCommands = append(extraCommands, newGeorefCmd)
}

// georefJSON is one element of georef --json.
type georefJSON struct {
	Image     int64          `json:"image"`
	Footprint *footprintJSON `json:"footprint"`
	Source    string         `json:"source,omitempty"`
	EPSG      int            `json:"epsg,omitempty"`
	World     string         `json:"world,omitempty"`
	Changed   bool           `json:"changed"`
	Error     string         `json:"error,omitempty"`
}

// newGeorefCmd is exhibit georef: the footprint of images already
// cataloged, read again from their GeoTIFF tags or world files.
func newGeorefCmd(g *globals) *cobra.Command {
	var world string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "georef [IMAGE...]",
		Short: "Read the footprint of georeferenced images (GeoTIFF tags, world files) again",
		Long: `Read where georeferenced images lie: from their GeoTIFF tags, or from a world
file beside them (.jgw, .pgw, .tfw, .wld, with a .prj or taken as WGS 84), or
from the world file given with --world (one IMAGE). Without IMAGE, every
JPEG, PNG and TIFF image of the case is looked at, and those with a
georeference get their footprint. Import does this for new images; georef
is for a world file that appeared later. The footprint is shown by ls and
show --json as a GeoJSON Polygon in WGS 84.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			if world != "" && len(args) != 1 {
				return errors.New("--world goes with one IMAGE")
			}
			var ims []*catalog.Image
			if len(args) == 0 {
				all, err := c.Images(ctx, catalog.Filter{})
				if err != nil {
					return err
				}
				for _, im := range all {
					if im.Format == "jpeg" || im.Format == "png" || im.Format == "tiff" {
						ims = append(ims, im)
					}
				}
			}
			for _, a := range args {
				im, err := c.FindImage(ctx, a)
				if err != nil {
					return err
				}
				ims = append(ims, im)
			}
			out := []georefJSON{}
			var failed error
			for _, im := range ims {
				f, changed, err := c.Georeference(ctx, im.ID, world)
				j := georefJSON{Image: im.ID, Changed: changed}
				switch {
				case err != nil && len(args) == 0 && errors.Is(err, georef.ErrNoGeoreference):
					continue // not georeferenced: nothing to say when looking at all
				case err != nil:
					j.Error = err.Error()
					failed = err
				default:
					j.Footprint, j.Source, j.EPSG, j.World = toFootprintJSON(f), f.Source, f.EPSG, f.World
				}
				out = append(out, j)
			}
			if asJSON {
				if err := writeJSON(cmd.OutOrStdout(), out); err != nil {
					return err
				}
			} else {
				w := cmd.OutOrStdout()
				if len(out) == 0 {
					fmt.Fprintln(w, "no georeferenced image")
				}
				for _, j := range out {
					if j.Error != "" {
						fmt.Fprintf(w, "image %d: %s\n", j.Image, j.Error)
						continue
					}
					state := "unchanged"
					if j.Changed {
						state = "recorded"
					}
					from := "GeoTIFF tags"
					if j.World != "" {
						from = shown(j.World)
					}
					r := j.Footprint.Coordinates[0]
					fmt.Fprintf(w, "image %d: footprint from %s (EPSG %d), %s: upper left %.7f,%.7f, lower right %.7f,%.7f (lon,lat)\n",
						j.Image, from, j.EPSG, state, r[0][0], r[0][1], r[2][0], r[2][1])
				}
			}
			if failed != nil && len(args) > 0 {
				return fmt.Errorf("georef: %w", failed)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&world, "world", "", "the world file to read (for one IMAGE)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return needsCase(cmd, false)
}
