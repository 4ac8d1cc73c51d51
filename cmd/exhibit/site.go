package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
)

func init() {
	extraCommands = append(extraCommands, newSiteCmd)
}

// newSiteCmd is exhibit site: named places, the images that show them,
// their coding and the window of their damage.
func newSiteCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "site",
		Short: "Sites: named places, the images that show them, their coding and when they were damaged",
		Long: `A site is a named place (a building, a crossroads) with a position, a radius
and a precision (exact ±10 m, vicinity ±100 m, locality ±1 km, or metres).
The claimed position is kept apart from the verified one (who, when, how).
Images are attached to a site (site suggest proposes them), coded intact,
damaged, destroyed or unclear by each coder, and site show gives the window
of the damage: from the last intact image before the first damaged one to
that one. Wherever a command takes a SITE, give its id or its name.`,
	}
	cmd.AddCommand(newSiteAddCmd(g), newSiteLsCmd(g), newSiteShowCmd(g), newSiteEditCmd(g), newSiteRmCmd(g),
		newSiteSuggestCmd(g), newSiteAttachCmd(g), newSiteRejectCmd(g), newSiteCodeCmd(g), newSiteAgreementCmd(g))
	return cmd
}

// parseLatLon reads "LAT,LON" (catalog.ParseLatLon, the app's rule too).
func parseLatLon(flag, s string) (lat, lon float64, err error) {
	if lat, lon, err = catalog.ParseLatLon(s); err != nil {
		return 0, 0, fmt.Errorf("%s: %w", flag, err)
	}
	return lat, lon, nil
}

func newSiteAddCmd(g *globals) *cobra.Command {
	var at, radius, precision string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "add NAME --at LAT,LON",
		Short: "Add a site",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if at == "" {
				return fmt.Errorf("site add: --at LAT,LON is needed")
			}
			n := catalog.NewSite{Name: args[0], Precision: precision}
			var err error
			if n.Lat, n.Lon, err = parseLatLon("--at", at); err != nil {
				return err
			}
			if radius != "" {
				if n.RadiusM, err = catalog.ParseRadius(radius); err != nil {
					return fmt.Errorf("--radius: %w", err)
				}
			}
			s, err := g.c.AddSite(cmd.Context(), n)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), toSiteJSON(s))
			}
			fmt.Fprintf(cmd.OutOrStdout(), "site %d: %s at %.6f,%.6f, radius %.0f m, %s\n", s.ID, s.Name, s.Lat, s.Lon, s.RadiusM, precisionString(s))
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&at, "at", "", "the claimed position: LAT,LON")
	fl.StringVar(&radius, "radius", "", fmt.Sprintf("how far the site reaches, in metres (default %d)", catalog.DefaultSiteRadius))
	fl.StringVar(&precision, "precision", "exact", "exact (±10 m), vicinity (±100 m), locality (±1 km) or metres")
	fl.BoolVar(&asJSON, "json", false, "print a JSON object")
	return needsCase(cmd, true)
}

func precisionString(s *catalog.Site) string {
	if s.Precision == catalog.PrecisionMetres {
		return fmt.Sprintf("±%g m", s.PrecisionM)
	}
	return fmt.Sprintf("%s (±%g m)", s.Precision, s.PrecisionM)
}

func newSiteLsCmd(g *globals) *cobra.Command {
	var asJSON, removed bool
	cmd := &cobra.Command{
		Use:   "ls",
		Short: "List the sites",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			sites, err := g.c.Sites(cmd.Context(), removed)
			if err != nil {
				return err
			}
			if asJSON {
				out := []siteJSON{}
				for _, s := range sites {
					out = append(out, toSiteJSON(s))
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tPOSITION\tRADIUS\tPRECISION\tSTATUS\tIMAGES")
			for _, s := range sites {
				name := s.Name
				if s.RemovedAt != nil {
					name += " (removed)"
				}
				lat, lon := s.Position()
				fmt.Fprintf(tw, "%d\t%s\t%.6f,%.6f\t%.0f m\t%s\t%s\t%d\n", s.ID, name, lat, lon, s.RadiusM, precisionString(s), s.Status, s.ImageCount)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	cmd.Flags().BoolVar(&removed, "removed", false, "list the removed sites too")
	return needsCase(cmd, false)
}

func newSiteShowCmd(g *globals) *cobra.Command {
	var asJSON, blind bool
	var coder string
	cmd := &cobra.Command{
		Use:   "show SITE",
		Short: "Print a site, its images and their codes, and the window of its damage",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			s, err := c.FindSite(ctx, args[0])
			if err != nil {
				return err
			}
			blindFor := ""
			if blind {
				blindFor = coderOrUser(c, coder)
			}
			r, err := c.SiteReport(ctx, s.ID, blindFor)
			if err != nil {
				return err
			}
			j := toSiteReportJSON(r)
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), j)
			}
			printSiteReport(cmd.OutOrStdout(), j)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON object")
	cmd.Flags().BoolVar(&blind, "blind", false, "hide the other coders' codes until yours are done")
	cmd.Flags().StringVar(&coder, "coder", "", "whose codes --blind keeps (default: you, user@computer)")
	return needsCase(cmd, false)
}

// coderOrUser is the coder named, or the user.
func coderOrUser(c *catalog.Case, coder string) string {
	if strings.TrimSpace(coder) != "" {
		return strings.TrimSpace(coder)
	}
	return c.Who()
}

func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

func printSiteReport(w io.Writer, j siteReportJSON) {
	fmt.Fprintf(w, "Site %d: %s\n", j.ID, j.Name)
	fmt.Fprintf(w, "  claimed at %.6f,%.6f, radius %.0f m, precision %s (±%g m), %s\n", j.Lat, j.Lon, j.RadiusM, j.Precision, j.PrecisionM, j.Status)
	if v := j.Verified; v != nil {
		fmt.Fprintf(w, "  verified at %.6f,%.6f by %s on %s: %s\n", v.Lat, v.Lon, v.By, v.At, v.How)
	}
	if j.RemovedAt != nil {
		fmt.Fprintf(w, "  removed on %s\n", *j.RemovedAt)
	}
	if len(j.Tags) > 0 {
		fmt.Fprintf(w, "  tags: %s\n", strings.Join(j.Tags, ", "))
	}
	for _, n := range j.Notes {
		fmt.Fprintf(w, "  note (%s, %s): %s\n", n.Author, n.CreatedAt, n.Text)
	}
	if j.Blind {
		fmt.Fprintf(w, "  blind: %d codes of other coders hidden until yours are done\n", j.Hidden)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "IMAGE\tTAKEN\tSTATE\tCODER\tNOTE\tNAME")
	for _, im := range j.Images {
		state := deref(im.State)
		if im.Disputed {
			var parts []string
			for _, k := range im.Codes {
				parts = append(parts, k.Coder+": "+k.State)
			}
			state = "disputed (" + strings.Join(parts, "; ") + ")"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", im.Image, deref(im.TakenAt), state, deref(im.Coder), im.Note, shown(im.Name))
	}
	tw.Flush()
	fmt.Fprintln(w)
	switch win := j.Window; {
	case win.AfterImage != nil && win.BeforeImage != nil:
		fmt.Fprintf(w, "Damaged after %s (image %d, intact) and by %s (image %d)\n", *win.NotBefore, *win.BeforeImage, *win.NotAfter, *win.AfterImage)
	case win.AfterImage != nil:
		fmt.Fprintf(w, "Damaged by %s (image %d); no intact image before it\n", *win.NotAfter, *win.AfterImage)
	case win.BeforeImage != nil:
		fmt.Fprintf(w, "Intact as of %s (image %d); no damaged image after it\n", *win.NotBefore, *win.BeforeImage)
	default:
		fmt.Fprintln(w, "No window: no dated image coded intact, damaged or destroyed")
	}
	for _, c := range j.Contradictions {
		fmt.Fprintf(w, "  ! image %d (%s): %s\n", c.Image, deref(c.TakenAt), c.Reason)
	}
}

func newSiteEditCmd(g *globals) *cobra.Command {
	var name, at, radius, precision, status, verifiedAt, how, note string
	var tags, untags []string
	cmd := &cobra.Command{
		Use:   "edit SITE",
		Short: "Change a site: name, position, radius, precision, status, verified position, notes, tags",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			s, err := c.FindSite(ctx, args[0])
			if err != nil {
				return err
			}
			fl := cmd.Flags()
			e := catalog.SiteEdit{Note: note, Tag: tags, Untag: untags}
			if fl.Changed("name") {
				e.Name = &name
			}
			if fl.Changed("at") {
				lat, lon, err := parseLatLon("--at", at)
				if err != nil {
					return err
				}
				e.Lat, e.Lon = &lat, &lon
			}
			if fl.Changed("radius") {
				r, err := catalog.ParseRadius(radius)
				if err != nil {
					return fmt.Errorf("--radius: %w", err)
				}
				e.RadiusM = &r
			}
			if fl.Changed("precision") {
				e.Precision = &precision
			}
			if fl.Changed("status") {
				e.Status = &status
			}
			if fl.Changed("verified-at") {
				lat, lon, err := parseLatLon("--verified-at", verifiedAt)
				if err != nil {
					return err
				}
				e.Verify = &struct {
					Lat, Lon float64
					How      string
				}{lat, lon, how}
			} else if fl.Changed("how") {
				return fmt.Errorf("--how goes with --verified-at LAT,LON")
			}
			if err := c.EditSite(ctx, s.ID, e); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "site %d changed\n", s.ID)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&name, "name", "", "a new name")
	fl.StringVar(&at, "at", "", "a new claimed position: LAT,LON")
	fl.StringVar(&radius, "radius", "", "a new radius in metres")
	fl.StringVar(&precision, "precision", "", "exact, vicinity, locality or metres")
	fl.StringVar(&status, "status", "", "unverified, verified or unverifiable")
	fl.StringVar(&verifiedAt, "verified-at", "", "the verified position: LAT,LON (with --how)")
	fl.StringVar(&how, "how", "", "how the position was verified (with --verified-at)")
	fl.StringVar(&note, "note", "", "a note to add")
	fl.StringSliceVar(&tags, "tag", nil, "tags to add")
	fl.StringSliceVar(&untags, "untag", nil, "tags to remove")
	return needsCase(cmd, false)
}

func newSiteRmCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rm SITE",
		Short: "Remove a site (it stays in the record, marked removed)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			s, err := c.FindSite(ctx, args[0])
			if err != nil {
				return err
			}
			if err := c.RemoveSite(ctx, s.ID); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "site %d (%s) removed; kept in the record\n", s.ID, s.Name)
			return nil
		},
	}
	return needsCase(cmd, false)
}

// suggestionJSON is one element of site suggest --json.
type suggestionJSON struct {
	Image     int64   `json:"image"`
	Why       string  `json:"why"`
	DistanceM float64 `json:"distance_m"`
	Name      string  `json:"name"`
	TakenAt   *string `json:"taken_at"`
}

func newSiteSuggestCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "suggest SITE",
		Short: "Propose the images that may show a site (taken within its radius, or whose footprint contains it)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			s, err := c.FindSite(ctx, args[0])
			if err != nil {
				return err
			}
			sug, err := c.SuggestImages(ctx, s.ID)
			if err != nil {
				return err
			}
			out := []suggestionJSON{}
			for _, x := range sug {
				out = append(out, suggestionJSON{Image: x.Image.ID, Why: x.Why, DistanceM: x.DistanceM, Name: x.Image.Name(), TakenAt: takenString(x.Image)})
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), out)
			}
			if len(out) == 0 {
				fmt.Fprintln(cmd.OutOrStdout(), "no image to suggest")
			}
			for _, x := range out {
				fmt.Fprintf(cmd.OutOrStdout(), "image %d (%s, %s): %s\n", x.Image, shown(x.Name), deref(x.TakenAt), x.Why)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return needsCase(cmd, false)
}

// siteAndImage finds the SITE and IMAGE of a command's arguments.
func siteAndImage(cmd *cobra.Command, g *globals, args []string) (*catalog.Site, *catalog.Image, error) {
	ctx := cmd.Context()
	s, err := g.c.FindSite(ctx, args[0])
	if err != nil {
		return nil, nil, err
	}
	im, err := g.c.FindImage(ctx, args[1])
	if err != nil {
		return nil, nil, err
	}
	return s, im, nil
}

func newSiteAttachCmd(g *globals) *cobra.Command {
	var how string
	cmd := &cobra.Command{
		Use:   "attach SITE IMAGE",
		Short: "Say that an image shows a site",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, im, err := siteAndImage(cmd, g, args)
			if err != nil {
				return err
			}
			if err := g.c.AttachImage(cmd.Context(), s.ID, im.ID, how); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "image %d attached to site %d (%s)\n", im.ID, s.ID, s.Name)
			return nil
		},
	}
	cmd.Flags().StringVar(&how, "how", "", "why (default: by hand)")
	return needsCase(cmd, false)
}

func newSiteRejectCmd(g *globals) *cobra.Command {
	var why string
	cmd := &cobra.Command{
		Use:   "reject SITE IMAGE",
		Short: "Say that an image does not show a site (no longer suggested; its codes no longer count)",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, im, err := siteAndImage(cmd, g, args)
			if err != nil {
				return err
			}
			if err := g.c.RejectImage(cmd.Context(), s.ID, im.ID, why); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "image %d rejected for site %d (%s)\n", im.ID, s.ID, s.Name)
			return nil
		},
	}
	cmd.Flags().StringVar(&why, "why", "", "why it does not show the site")
	return needsCase(cmd, false)
}

// codeOutJSON is site code --json.
type codeOutJSON struct {
	Site  int64  `json:"site"`
	Image int64  `json:"image"`
	State string `json:"state"`
	Note  string `json:"note"`
	Coder string `json:"coder"`
	Blind bool   `json:"blind"`
	At    string `json:"at"`
}

func newSiteCodeCmd(g *globals) *cobra.Command {
	var note, coder string
	var blind, asJSON bool
	cmd := &cobra.Command{
		Use:   "code SITE IMAGE STATE",
		Short: "Code an image of a site: intact, damaged, destroyed or unclear (attaches the image)",
		Long: `Code an image of a site: intact, damaged, destroyed or unclear, with a note.
The code is yours (user@computer, or --coder NAME when several people code
at one computer: the audit trail still records who ran the command). Codes
are never changed: coding again adds a code, the latest of each coder counts.
With --blind, nothing of the other coders' codes is shown.`,
		Args: cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, im, err := siteAndImage(cmd, g, args)
			if err != nil {
				return err
			}
			k, err := g.c.CodeImage(cmd.Context(), s.ID, im.ID, args[2], note, coder, blind)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), codeOutJSON{Site: s.ID, Image: im.ID, State: k.State, Note: k.Note, Coder: k.Coder, Blind: k.Blind, At: k.At.Format("2006-01-02T15:04:05Z07:00")})
			}
			fmt.Fprintf(cmd.OutOrStdout(), "image %d of site %d (%s): %s, coded by %s\n", im.ID, s.ID, s.Name, k.State, k.Coder)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&note, "note", "", "what you saw")
	fl.StringVar(&coder, "coder", "", "who codes (default: you, user@computer)")
	fl.BoolVar(&blind, "blind", false, "code blind: the others' codes are not shown")
	fl.BoolVar(&asJSON, "json", false, "print a JSON object")
	return needsCase(cmd, false)
}

// agreementJSON is one element of site agreement --json.
type agreementJSON struct {
	Coders        [2]string          `json:"coders"`
	Items         int                `json:"items"`
	Agreed        int                `json:"agreed"`
	Observed      float64            `json:"observed"`
	Expected      float64            `json:"expected"`
	Kappa         *float64           `json:"kappa"`
	Disagreements []disagreementJSON `json:"disagreements"`
}

type disagreementJSON struct {
	Site   int64     `json:"site"`
	Image  int64     `json:"image"`
	States [2]string `json:"states"`
}

func newSiteAgreementCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "agreement",
		Short: "Cohen's kappa for each pair of coders, over the images both coded, with each disagreement",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ags, err := g.c.CoderAgreement(cmd.Context())
			if err != nil {
				return err
			}
			out := []agreementJSON{}
			for _, a := range ags {
				j := agreementJSON{Coders: [2]string{a.CoderA, a.CoderB}, Items: a.Items, Agreed: a.Agreed, Observed: a.Observed,
					Expected: a.Expected, Kappa: a.Kappa, Disagreements: []disagreementJSON{}}
				for _, d := range a.Disagreements {
					j.Disagreements = append(j.Disagreements, disagreementJSON{Site: d.SiteID, Image: d.ImageID, States: [2]string{d.A, d.B}})
				}
				out = append(out, j)
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), out)
			}
			w := cmd.OutOrStdout()
			if len(out) == 0 {
				fmt.Fprintln(w, "no two coders coded a same image yet")
			}
			for _, a := range out {
				k := "undefined (both used one state only)"
				if a.Kappa != nil {
					k = fmt.Sprintf("%.3f", *a.Kappa)
				}
				fmt.Fprintf(w, "%s and %s: %d images, %d agreed (%.1f%%, %.1f%% by chance), kappa %s\n",
					a.Coders[0], a.Coders[1], a.Items, a.Agreed, 100*a.Observed, 100*a.Expected, k)
				for _, d := range a.Disagreements {
					fmt.Fprintf(w, "  site %d image %d: %s / %s\n", d.Site, d.Image, d.States[0], d.States[1])
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return needsCase(cmd, false)
}
