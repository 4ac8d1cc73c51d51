package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
)

func newShowCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID|SHA256-PREFIX|PATH|FILE-NAME",
		Short: "Print everything known about one image",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			im, err := c.FindImage(ctx, args[0])
			if err != nil {
				return err
			}
			d, err := imageDetail(cmd, c, im)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), d)
			}
			printImageDetail(cmd.OutOrStdout(), d)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON object")
	return needsCase(cmd, false)
}

// imageDetail gathers everything known about one image.
func imageDetail(cmd *cobra.Command, c *catalog.Case, im *catalog.Image) (*imageDetailJSON, error) {
	d := &imageDetailJSON{imageJSON: toImageJSON(im), Locations: toLocationsJSON(im)}
	if im.Decoded {
		d.Thumbnail = c.ThumbPath(im.SHA256)
	}
	ctx := cmd.Context()
	feet, err := c.Footprints(ctx, []int64{im.ID})
	if err != nil {
		return nil, err
	}
	d.Footprint = toFootprintJSON(feet[im.ID])
	links, err := c.Links(ctx, im.ID)
	if err != nil {
		return nil, err
	}
	d.Links = []linkJSON{}
	for _, l := range links {
		d.Links = append(d.Links, linkJSON{ID: l.ID, Excerpt: l.Excerpt.ID, Note: l.Note, Region: regionJSON(l.Region),
			Report: l.Excerpt.ReportID, Citation: l.Excerpt.Citation(), Text: l.Excerpt.Text})
	}
	notes, err := c.Notes(ctx, im.ID)
	if err != nil {
		return nil, err
	}
	d.Notes = []noteJSON{}
	for _, n := range notes {
		d.Notes = append(d.Notes, noteJSON{n.ID, n.Text, n.CreatedAt.Format(time.RFC3339)})
	}
	if d.Tags, err = c.Tags(ctx, im.ID); err != nil {
		return nil, err
	}
	return d, nil
}

func printImageDetail(w io.Writer, d *imageDetailJSON) {
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "%-14s %s\n", k+":", v)
		}
	}
	num := func(f *float64, format string) string {
		if f == nil {
			return ""
		}
		return fmt.Sprintf(format, *f)
	}
	row("Image", fmt.Sprint(d.ID))
	row("SHA-256", d.SHA256)
	row("Format", fmt.Sprintf("%s, %d×%d px (upright %d×%d), %d bytes", d.Format, d.Width, d.Height, d.UprightWidth, d.UprightHeight, d.Size))
	if d.TakenAt != nil {
		t := *d.TakenAt
		if d.TakenOffset == nil {
			t += " (camera clock, zone not recorded)"
		}
		row("Taken", t)
	}
	row("Camera", catalog.CameraName(d.Make, d.Model))
	row("Lens", d.Lens)
	if d.Orientation != 0 {
		row("Orientation", fmt.Sprint(d.Orientation))
	}
	if d.Lat != nil && d.Lon != nil {
		row("Position", fmt.Sprintf("%.7f, %.7f", *d.Lat, *d.Lon))
	}
	row("Altitude", num(d.Alt, "%.1f m"))
	row("Direction", num(d.Direction, "%.1f°"))
	if d.GPSTime != nil {
		row("GPS time", *d.GPSTime)
	}
	row("Imported", d.ImportedAt)
	row("Note", d.Note)
	for _, l := range d.Locations {
		state := ""
		if l.GoneAt != nil {
			state = " (no longer there since " + *l.GoneAt + ")"
		}
		row("Path", shown(l.Path)+state)
	}
	row("Thumbnail", d.Thumbnail)
	if len(d.Tags) > 0 {
		row("Tags", strings.Join(d.Tags, ", "))
	}
	for _, n := range d.Notes {
		row(fmt.Sprintf("Note %d", n.ID), n.Text)
	}
	for _, l := range d.Links {
		fmt.Fprintf(w, "\nLinked to excerpt %d (link %d): %s\n", l.Excerpt, l.ID, l.Citation)
		if l.Region != nil {
			fmt.Fprintf(w, "  region x %.3f y %.3f w %.3f h %.3f\n", l.Region[0], l.Region[1], l.Region[2], l.Region[3])
		}
		if l.Note != "" {
			fmt.Fprintf(w, "  note: %s\n", l.Note)
		}
		fmt.Fprintf(w, "  “%s”\n", l.Text)
	}
}
