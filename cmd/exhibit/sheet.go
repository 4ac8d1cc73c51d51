package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/app/export"
	"github.com/exhibit-app/exhibit/viewer/sheet"
)

func init() { extraCommands = append(extraCommands, newSheetCmd) }

func newSheetCmd(g *globals) *cobra.Command {
	var out, paper, created string
	var landscape, images, force bool
	var sites []string
	cmd := &cobra.Command{
		Use:   "sheet PAIR... -o FILE.pdf | sheet --image IMAGE... -o FILE.pdf | sheet --site SITE -o FILE.pdf",
		Short: "Export annotated comparison sheets as one PDF (a sheet per pair or image)",
		Long: `Export comparison sheets: for each pair, the before and after images side by
side (aligned if the pair is), their annotations as vector shapes with a
legend, captions with capture time, camera, position, file name and full
SHA-256, the date window, notes and the linked excerpts with their citations.
With --image, one sheet per image. With --site (repeatable), a site sheet:
the site's timeline, the two images that bracket its window side by side, the
window in words with both capture times, a map of the site's circle and the
excerpts linked to its images. The PDF is recorded in the audit trail
before it is written and with its SHA-256 once it is; it carries a manifest of
what it shows, signed with your key (see exhibit verify). --created fixes the
export time printed: the pages are then the same every time, the manifest
differing only in the export it names and the audit chain's head.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(sites) > 0 {
				return nil
			}
			return cobra.MinimumNArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("sheet: give the output file with -o FILE.pdf")
			}
			opt := sheet.Options{Paper: paper, Landscape: landscape, Version: version}
			switch strings.ToUpper(paper) {
			case "A4", "LETTER":
			default:
				return fmt.Errorf("--paper %q: want A4 or Letter", paper)
			}
			if created != "" {
				t, err := time.Parse(time.RFC3339, created)
				if err != nil {
					return fmt.Errorf("--created %q: want an RFC 3339 time like 2017-11-20T10:00:00Z", created)
				}
				opt.Created = t
			}
			ctx, c := cmd.Context(), g.c
			var err error
			if err := guardOutput(ctx, c, out, force); err != nil {
				return err
			}
			var t export.Target
			for _, a := range args {
				if images {
					im, err := c.FindImage(ctx, a)
					if err != nil {
						return err
					}
					t.Images = append(t.Images, im.ID)
					continue
				}
				id, err := parsePair(a)
				if err != nil {
					return err
				}
				t.Pairs = append(t.Pairs, id)
			}
			if t.Sites, err = findSites(ctx, c, sites); err != nil {
				return err
			}
			n := len(args) + len(t.Sites)
			var progress export.Progress
			if isatty.IsTerminal(os.Stderr.Fd()) {
				bar := newBar(n, "gathering sheets")
				progress = func(done, total int) { bar.Set(done) }
				defer fmt.Fprintln(os.Stderr)
			}
			e, err := export.WriteSheets(ctx, c, t, out, opt, progress)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %d sheet(s), SHA-256 %s\n", e.Path, n, e.SHA256)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&out, "out", "o", "", "the PDF file to write")
	addForce(fl, &force)
	fl.StringVar(&paper, "paper", "A4", "paper size: A4 or Letter")
	fl.BoolVar(&landscape, "landscape", false, "landscape pages")
	fl.BoolVar(&images, "image", false, "the arguments are images (one sheet each), not pairs")
	fl.StringArrayVar(&sites, "site", nil, "a site (name or id) to make a site sheet of; repeatable")
	fl.StringVar(&created, "created", "", "the export time printed and stored in the PDF (RFC 3339; default now)")
	return needsCase(cmd, false)
}
