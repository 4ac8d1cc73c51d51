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
	var asJSON, all bool
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
			if all {
				if err := addFileTags(cmd, c, d); err != nil {
					return err
				}
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), d)
			}
			printImageDetail(cmd.OutOrStdout(), d)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON object")
	cmd.Flags().BoolVar(&all, "all", false, "also list every tag read from the original now (JSON: file_tags)")
	return needsCase(cmd, false)
}

// imageDetail gathers everything known about one image.
func imageDetail(cmd *cobra.Command, c *catalog.Case, im *catalog.Image) (*imageDetailJSON, error) {
	d := &imageDetailJSON{imageJSON: toImageJSON(im), Locations: toLocationsJSON(im), im: im}
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

// timeRows are the lines of show about the capture time: the time shown
// and where it comes from, what the file says when that differs, and the
// file's modification time as what it is.
func timeRows(im *catalog.Image) [][2]string {
	var rows [][2]string
	file := "no capture time in the file"
	if im.FileTakenAt != nil {
		file = im.FileTakenString() + " (" + catalog.SourceLabel(im.FileTakenSource) + zoneNote(im.FileTakenOffset, im.FileTakenSource) + ")"
	}
	switch {
	case im.Asserted != nil:
		a := im.Asserted
		rows = append(rows, [2]string{"Taken", fmt.Sprintf("%s (asserted by %s on %s: %s%s)", im.TakenString(), a.Actor,
			a.When.Format("2006-01-02"), a.Source, zoneNote(a.Offset, catalog.SourceAsserted))},
			[2]string{"In the file", file})
	case im.Shift != nil:
		rows = append(rows, [2]string{"Taken", fmt.Sprintf("%s (%s, camera clock shifted by %s)", im.TakenString(),
			catalog.SourceLabel(im.TakenSource), im.Shift.ShiftText())}, [2]string{"In the file", file})
	default:
		rows = append(rows, [2]string{"Taken", file})
	}
	if im.ModifiedAt != nil {
		rows = append(rows, [2]string{"Modified", im.ModifiedString() + " (the file's ModifyDate: when software last changed it, not a capture time)"})
	}
	return rows
}

// zoneNote says that a time has no zone ("" when it has one, or is UTC
// from the GPS clock).
func zoneNote(offset, source string) string {
	if offset != "" || source == "gps" {
		return ""
	}
	if source == catalog.SourceAsserted {
		return "; zone not given"
	}
	return "; camera clock, zone not recorded"
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
	for _, r := range timeRows(d.im) {
		row(r[0], r[1])
	}
	row("Camera", catalog.CameraName(d.Make, d.Model))
	row("Lens", d.Lens)
	if d.Orientation != 0 {
		row("Orientation", fmt.Sprint(d.Orientation))
	}
	switch {
	case d.im.NoFix():
		row("Position", "no fix (0°, 0°: what the file holds when its GPS had no position)")
	case d.Lat != nil && d.Lon != nil:
		row("Position", fmt.Sprintf("%.7f, %.7f", *d.Lat, *d.Lon))
	}
	row("Altitude", num(d.Alt, "%.1f m"))
	row("Direction", num(d.Direction, "%.1f°"))
	if d.GPSTime != nil {
		row("GPS time", *d.GPSTime)
	}
	row("Clocks", d.im.ClockOffsetText())
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
	if d.FileTags != nil {
		printFileTags(w, d.FileTags)
	}
}
