package main

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
)

func init() {
	extraCommands = append(extraCommands, newDateCmd, newClockCmd, newRereadCmd)
}

// newDateCmd asserts an image's capture time, or withdraws the assertion.
func newDateCmd(g *globals) *cobra.Command {
	var source string
	var clear, asJSON bool
	cmd := &cobra.Command{
		Use:   "date IMAGE TIME --source TEXT | date IMAGE --clear",
		Short: "Assert an image's capture time, with where it comes from (kept next to what the file says)",
		Long: `Assert an image's capture time: for a satellite image, the time its provider's
catalogue gives; for a screenshot or a scan, the time of what it shows. The
time the file itself holds is kept and shown beside it; ls, its filters and
its sort use the asserted time. TIME is 2017-10-16T08:31:00Z or with an offset
(2017-10-16T11:31:00+03:00), or a clock time without zone
(2017-10-16 11:31:00). --clear withdraws the assertion (kept in the record).`,
		Args: func(cmd *cobra.Command, args []string) error {
			if clear {
				return cobra.ExactArgs(1)(cmd, args)
			}
			if len(args) != 2 {
				return fmt.Errorf("want IMAGE TIME --source TEXT, or IMAGE --clear")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			im, err := c.FindImage(ctx, args[0])
			if err != nil {
				return err
			}
			if clear {
				if cmd.Flags().Changed("source") {
					return fmt.Errorf("--clear takes no --source")
				}
				err = c.ClearAssertedTime(ctx, im.ID)
			} else {
				t, offset, perr := parseAssertedTime(args[1])
				if perr != nil {
					return perr
				}
				if strings.TrimSpace(source) == "" {
					return fmt.Errorf("--source: say where the time comes from (a provider's catalogue and its id, a caption...)")
				}
				err = c.AssertTime(ctx, im.ID, t, offset, source)
			}
			if err != nil {
				return err
			}
			if im, err = c.Image(ctx, im.ID); err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), toImageJSON(im))
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "Image %d (%s)\n", im.ID, shown(im.Name()))
			for _, r := range timeRows(im) {
				fmt.Fprintf(w, "%-14s %s\n", r[0]+":", r[1])
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&source, "source", "", "where the time comes from (required)")
	fl.BoolVar(&clear, "clear", false, "withdraw the asserted time (it stays in the record)")
	fl.BoolVar(&asJSON, "json", false, "print the image as ls --json does")
	return needsCase(cmd, false)
}

// parseAssertedTime reads an asserted time: with a zone (Z or ±HH:MM),
// returned as its offset, or a clock time without zone (offset "").
// A date alone is refused: midnight would be a guess.
func parseAssertedTime(s string) (time.Time, string, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05.999999999Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, t.Format("-07:00"), nil
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999", "2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, "", nil
		}
	}
	if _, err := time.Parse("2006-01-02", s); err == nil {
		return time.Time{}, "", fmt.Errorf("TIME %q is a date alone: give the time too (2017-10-16T08:31:00Z), an hour of the day is not to be guessed", s)
	}
	return time.Time{}, "", fmt.Errorf("TIME %q: want 2017-10-16T08:31:00Z, 2017-10-16T11:31:00+03:00 or 2017-10-16 11:31:00 (no zone)", s)
}

// newClockCmd shifts a camera's clock, or withdraws the shift, or lists
// the shifts and the cameras' clock differences.
func newClockCmd(g *globals) *cobra.Command {
	var shift, reason string
	var clear bool
	cmd := &cobra.Command{
		Use:   "clock [CAMERA [--shift DURATION --reason TEXT | --clear]]",
		Short: "Correct a camera's clock: shift the capture time of its images (the files' own values are kept)",
		Long: `Correct a camera's clock. CAMERA is the camera as ls and show name it
("Canon EOS 5D", "Apple iPhone 6"). --shift DURATION (-22h, 1h30m, -90s) is
added to the capture time of its images, as ls and show give it
(taken_at, with clock_shift_s in --json); what the files hold is kept and
shown. --clear withdraws the shift (kept in the record). Without flags, the
shifts in force and, for each camera, the differences between its clock and
the GPS clock its files record.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			w := cmd.OutOrStdout()
			switch {
			case clear && shift != "":
				return fmt.Errorf("give --shift or --clear, not both")
			case (clear || shift != "") && len(args) == 0:
				return fmt.Errorf("name the CAMERA (as ls and show name it)")
			case clear:
				if err := c.ClearClockShift(ctx, args[0]); err != nil {
					return err
				}
				fmt.Fprintf(w, "%s: clock shift withdrawn; its images show the times their files hold\n", args[0])
				return nil
			case shift != "":
				d, err := time.ParseDuration(strings.TrimSpace(shift))
				if err != nil {
					return fmt.Errorf("--shift %q: want a duration such as -22h, 1h30m or -90s", shift)
				}
				n, err := c.ShiftClock(ctx, args[0], d, reason)
				if err != nil {
					return err
				}
				fmt.Fprintf(w, "%s: clock shifted by %s on %d images (the files' own times are kept)\n", args[0], d, n)
				return nil
			}
			return listClocks(cmd, c, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&shift, "shift", "", "add DURATION to the camera's capture times (-22h, 1h30m, -90s)")
	fl.StringVar(&reason, "reason", "", "why (required with --shift)")
	fl.BoolVar(&clear, "clear", false, "withdraw the camera's clock shift (it stays in the record)")
	return needsCase(cmd, false)
}

// listClocks prints, per camera (or for the one named), the shift in force
// and the range of the differences between its clock and the GPS clock.
func listClocks(cmd *cobra.Command, c *catalog.Case, args []string) error {
	ims, err := c.Images(cmd.Context(), catalog.Filter{})
	if err != nil {
		return err
	}
	type camera struct {
		images, both int
		lo, hi       time.Duration
		zone         bool
		shift        *catalog.ClockShift
	}
	cams := map[string]*camera{}
	shifts, err := c.ClockShifts(cmd.Context())
	if err != nil {
		return err
	}
	for _, im := range ims {
		name := im.Camera()
		if name == "" || len(args) == 1 && name != args[0] {
			continue
		}
		k := cams[name]
		if k == nil {
			k = &camera{}
			cams[name] = k
		}
		k.images++
		if d, zone, ok := im.ClockOffset(); ok {
			if k.both == 0 || d < k.lo {
				k.lo = d
			}
			if k.both == 0 || d > k.hi {
				k.hi = d
			}
			k.both++
			k.zone = k.zone || zone
		}
	}
	for i := range shifts {
		if k := cams[shifts[i].Camera]; k != nil {
			k.shift = &shifts[i]
		}
	}
	if len(args) == 1 && len(cams) == 0 {
		return fmt.Errorf("no image of the case has a camera named %q", args[0])
	}
	names := make([]string, 0, len(cams))
	for n := range cams {
		names = append(names, n)
	}
	sort.Strings(names)
	tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CAMERA\tIMAGES\tSHIFT\tCAMERA − GPS CLOCK")
	for _, n := range names {
		k := cams[n]
		sh, diff := "-", "-"
		if k.shift != nil {
			sh = k.shift.ShiftText()
		}
		if k.both > 0 {
			diff = fmt.Sprintf("%s to %s on %d images", k.lo, k.hi, k.both)
			if k.lo == k.hi {
				diff = fmt.Sprintf("%s on %d images", k.lo, k.both)
			}
			if k.zone {
				diff += " (includes the time zone)"
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", n, k.images, sh, diff)
	}
	return tw.Flush()
}

// newRereadCmd reads again the capture times of images cataloged before
// Exhibit recorded their source.
func newRereadCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "reread",
		Short: "Read again the capture times of images cataloged before Exhibit recorded where each comes from",
		Long: `Read again, from their originals, the capture times of the images cataloged
before Exhibit recorded where each capture time comes from (their
taken_at_source is null). Exhibit then took a file's ModifyDate for its capture
time when it had no DateTimeOriginal; read again, such a file has no capture
time, and its ModifyDate is shown as what it is. Each original is checked
against its SHA-256 first: one that is missing or changed is listed with why,
and its time left as it was. Every change is recorded in the audit trail with
the value before.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			rs, err := g.c.RereadTimes(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				if rs == nil {
					rs = []catalog.Reread{}
				}
				return writeJSON(cmd.OutOrStdout(), rs)
			}
			w := cmd.OutOrStdout()
			if len(rs) == 0 {
				fmt.Fprintln(w, "Every capture time has its source: nothing to read again.")
				return nil
			}
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "IMAGE\tBEFORE\tNOW\tSOURCE\tNOTE")
			for _, r := range rs {
				after, source := r.After, r.Source
				if r.Error != "" {
					after, source = r.Before, "-"
				} else if after == "" {
					after, source = "none", "-"
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", r.ImageID, dash(r.Before), after, source, r.Error)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print [{"image", "before", "after", "source", "error"}]`)
	return needsCase(cmd, false)
}
