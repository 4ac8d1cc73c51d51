package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/internal/export"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

func init() { extraCommands = append(extraCommands, newSheetCmd) }

func newSheetCmd(g *globals) *cobra.Command {
	var out, paper, created string
	var landscape, images, force, asJSON, quoteImages bool
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
excerpts linked to its images. With --quote-images, each excerpt quoted from
a PDF report is followed by its place on its page: the region of the page
around it, rendered, the excerpt highlighted. The PDF is recorded in the audit trail
before it is written and with its SHA-256 once it is; it carries a manifest of
what it shows, signed with your key (see exhibit verify). --created fixes the
export time printed: the pages are then the same every time, the manifest
differing only in the export it names and the audit chain's head.

Each image is printed from its original. An image that cannot be printed (a
HEIC cataloged without pixels, a file damaged past decoding, an original
missing or changed) gets a placeholder saying why, with its SHA-256 and
caption; the export goes on, and names it here (and in "unprinted" with
--json).`,
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
			opt := sheet.Options{Paper: paper, Landscape: landscape, Version: version, QuoteImages: quoteImages}
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
			res, err := export.ExportSheets(ctx, c, t, out, opt, progress)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), sheetsJSONOf(res))
			}
			e := res.Export
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %d sheet(s), SHA-256 %s\n", e.Path, res.Sheets, e.SHA256)
			for _, u := range res.Unprinted {
				fmt.Fprintf(cmd.OutOrStdout(), "  sheet %d: %s printed as a placeholder: %s\n", u.Sheet, unprintedName(u), u.Reason)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&out, "out", "o", "", "the PDF file to write")
	addForce(fl, &force)
	fl.StringVar(&paper, "paper", "A4", "paper size: A4 or Letter")
	fl.BoolVar(&landscape, "landscape", false, "landscape pages")
	fl.BoolVar(&images, "image", false, "the arguments are images (one sheet each), not pairs")
	fl.BoolVar(&asJSON, "json", false, "print the result as JSON")
	fl.BoolVar(&quoteImages, "quote-images", false, "print under each excerpt quoted from a PDF its place on its page (the page region, the excerpt highlighted)")
	fl.StringArrayVar(&sites, "site", nil, "a site (name or id) to make a site sheet of; repeatable")
	fl.StringVar(&created, "created", "", "the export time printed and stored in the PDF (RFC 3339; default now)")
	return needsCase(cmd, false)
}

// sheetsJSON is `sheet --json`: the file written and the images printed
// as placeholders. The field names are a contract with scripts.
type sheetsJSON struct {
	Kind      string          `json:"kind"`
	Path      string          `json:"path"`
	SHA256    string          `json:"sha256"`
	ExportID  int64           `json:"export_id"`
	Sheets    int             `json:"sheets"`
	Unprinted []unprintedJSON `json:"unprinted"`
}

// unprintedJSON is an image printed as a placeholder, and why.
type unprintedJSON struct {
	Sheet  int    `json:"sheet"`
	Image  int64  `json:"image"`
	Label  string `json:"label,omitempty"`
	SHA256 string `json:"sha256"`
	File   string `json:"file"`
	Reason string `json:"reason"`
}

func sheetsJSONOf(res *export.Sheets) sheetsJSON {
	j := sheetsJSON{Kind: "sheets", Path: res.Export.Path, SHA256: res.Export.SHA256, ExportID: res.Export.ID,
		Sheets: res.Sheets, Unprinted: []unprintedJSON{}}
	for _, u := range res.Unprinted {
		j.Unprinted = append(j.Unprinted, unprintedJSON{Sheet: u.Sheet, Image: u.ImageID, Label: u.Label,
			SHA256: u.SHA256, File: u.FileName, Reason: u.Reason})
	}
	return j
}

// unprintedName names an image printed as a placeholder in messages.
func unprintedName(u sheet.Unprinted) string {
	s := fmt.Sprintf("image %d (%s, SHA-256 %s)", u.ImageID, u.FileName, u.SHA256)
	if u.Label != "" {
		s = strings.ToLower(u.Label) + " " + s
	}
	return s
}
