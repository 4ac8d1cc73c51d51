package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/exhibit-app/exhibit/catalog"
)

func newLsCmd(g *globals) *cobra.Command {
	var (
		asJSON, failed, skipped bool
		ff                      filterFlags
		sortBy                  string
	)
	cmd := &cobra.Command{
		Use:   "ls",
		Short: "List the images of the case",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			var err error
			if failed {
				fs, err := c.Failures(ctx)
				if err != nil {
					return err
				}
				if asJSON {
					out := []failureJSON{}
					for _, f := range fs {
						out = append(out, toFailureJSON(f))
					}
					return writeJSON(cmd.OutOrStdout(), out)
				}
				for _, f := range fs {
					fmt.Fprintf(cmd.OutOrStdout(), "%s: %s\n", shown(f.Path), f.Error)
				}
				return nil
			}
			if skipped {
				return listSkipped(cmd, c, asJSON)
			}
			f, err := ff.filter()
			if err != nil {
				return err
			}
			switch sortBy {
			case "taken", "":
				f.Sort = catalog.SortTaken
			case "imported":
				f.Sort = catalog.SortImported
			case "name":
				f.Sort = catalog.SortName
			default:
				return fmt.Errorf("--sort: %q is not one of taken, imported, name", sortBy)
			}
			ims, err := c.Images(ctx, f)
			if err != nil {
				return err
			}
			if asJSON {
				feet, err := c.Footprints(ctx, nil)
				if err != nil {
					return err
				}
				out := make([]imageJSON, 0, len(ims))
				for _, im := range ims {
					j := toImageJSON(im)
					j.Footprint = toFootprintJSON(feet[im.ID])
					out = append(out, j)
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tTAKEN\tCAMERA\tPOSITION\tSHA-256\tNAME")
			for _, im := range ims {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", im.ID, orDash(takenString(im)),
					dash(im.Camera()), positionString(im), im.SHA256[:12], shown(im.Name()))
			}
			return tw.Flush()
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&asJSON, "json", false, "print a JSON array")
	fl.BoolVar(&ff.hasGPS, "has-gps", false, "only images with a GPS position (0°, 0°, a camera without a fix, is none)")
	ff.add(fl)
	fl.BoolVar(&failed, "failed", false, "list the files that could not be cataloged, with why")
	fl.BoolVar(&skipped, "skipped", false, "list the files left out as not images (videos, documents...), with their SHA-256")
	fl.StringVar(&sortBy, "sort", "taken", "order: taken, imported or name")
	cmd.MarkFlagsMutuallyExclusive("failed", "skipped")
	return needsCase(cmd, false)
}

// listSkipped prints the files imports left out as not images.
func listSkipped(cmd *cobra.Command, c *catalog.Case, asJSON bool) error {
	ss, err := c.Skipped(cmd.Context())
	if err != nil {
		return err
	}
	if asJSON {
		out := []skipJSON{}
		for _, s := range ss {
			out = append(out, skipJSON{Path: s.Path, Reason: s.Reason, SHA256: nullable(s.SHA256), Size: s.Size})
		}
		return writeJSON(cmd.OutOrStdout(), out)
	}
	for _, s := range ss {
		sum := s.SHA256
		if sum == "" {
			sum = "(not read)"
		}
		fmt.Fprintf(cmd.OutOrStdout(), "%s  %s: %s\n", sum, shown(s.Path), s.Reason)
	}
	return nil
}

// filterFlags are the flags that select images, shared by ls and map.
type filterFlags struct {
	hasGPS                 bool
	near, from, to, camera string
}

// add declares the flags (but --has-gps, which only ls has).
func (ff *filterFlags) add(fl *pflag.FlagSet) {
	fl.StringVar(&ff.near, "near", "", "only images within KM of a position: LAT,LON,KM")
	fl.StringVar(&ff.from, "from", "", "only images taken at or after DATE (2017-10-17, 2017-10-17T14:00 or 2017-10-17T14:00:00, on the clock of taken_at: asserted, or the camera's with its shift)")
	fl.StringVar(&ff.to, "to", "", "only images taken at or before DATE (a date alone includes the whole day, a time to the minute the whole minute)")
	fl.StringVar(&ff.camera, "camera", "", "only images whose make, model or lens contains TEXT")
}

// filter returns the catalog filter the flags describe.
func (ff *filterFlags) filter() (catalog.Filter, error) {
	f := catalog.Filter{HasGPS: ff.hasGPS, Camera: ff.camera}
	var err error
	if f.Near, err = parseNear(ff.near); err != nil {
		return f, err
	}
	if ff.from != "" {
		t, err := catalog.ParseDateBound(ff.from, false)
		if err != nil {
			return f, fmt.Errorf("--from: %w", err)
		}
		f.From = &t
	}
	if ff.to != "" {
		t, err := catalog.ParseDateBound(ff.to, true)
		if err != nil {
			return f, fmt.Errorf("--to: %w", err)
		}
		f.To = &t
	}
	return f, nil
}

// parseNear reads "LAT,LON,KM".
func parseNear(s string) (*catalog.Near, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) != 3 {
		return nil, fmt.Errorf("--near %q: want LAT,LON,KM (for example 35.95,39.01,2)", s)
	}
	var v [3]float64
	for i, p := range parts {
		f, err := parseNumber(p)
		if err != nil {
			return nil, fmt.Errorf("--near %q: %w", s, err)
		}
		v[i] = f
	}
	n := &catalog.Near{Lat: v[0], Lon: v[1], Km: v[2]}
	if err := n.Validate(); err != nil {
		return nil, fmt.Errorf("--near %q: %w", s, err)
	}
	return n, nil
}

func positionString(im *catalog.Image) string {
	if im.NoFix() {
		return "no fix (0°, 0°)"
	}
	if !im.HasGPS() {
		return "-"
	}
	return fmt.Sprintf("%.6f,%.6f", *im.Lat, *im.Lon)
}

func orDash(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
