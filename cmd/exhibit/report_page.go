package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/internal/export"
)

// reportPageJSON is what `report page --json` prints.
type reportPageJSON struct {
	Path        string `json:"path"`
	SHA256      string `json:"sha256"`
	Report      int64  `json:"report"`
	Page        int    `json:"page"`
	Excerpt     *int64 `json:"excerpt"`
	Highlighted bool   `json:"highlighted"`
	Partial     bool   `json:"partial"`
	Boxes       int    `json:"boxes"`
	// BoxesFrom: "kept" (the boxes kept at import) or "located" (found
	// in the page's text); "" when not highlighted.
	BoxesFrom string `json:"boxes_from"`
	DPI       int    `json:"dpi"`
	Width     int    `json:"width"`
	Height    int    `json:"height"`
}

func newReportPageCmd(g *globals) *cobra.Command {
	var out string
	var excerpt int64
	var dpi int
	var force, asJSON bool
	cmd := &cobra.Command{
		Use:   "page REPORT PAGE -o OUT.png [--excerpt ID] [--dpi N]",
		Short: "Render a page of a PDF report (or a picture report) as PNG, an excerpt highlighted where it stands",
		Long: `Render a page (from 1) of a PDF report as PNG, read with PDFium from the
report's current file, which is checked against its SHA-256 first (a file
that changed since it was imported is refused). With --excerpt, the
excerpt's words are highlighted in translucent yellow, from their boxes kept
when the PDF was imported (for a report imported before Exhibit kept them,
found in the page's text, spaces, line breaks, hyphenation and ligatures
aside); when they are not found the page is written without, and the
command says so.
The page is rendered at --dpi, by default 150 DPI or more, so that it is at
least 1000 pixels wide (at most 6000 pixels a side). An excerpt read by OCR
from a scanned page is highlighted from the boxes of its words as OCR found
them. A picture of a document has one page, the picture at its own size (at
most 6000 pixels a side). Text, Markdown and HTML reports have no pages: they
are refused (report show prints their excerpts).
The file is recorded in the audit trail with its SHA-256 and carries a
signed manifest naming the report's SHA-256 and the excerpt.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("report page: give the output file with -o OUT.png")
			}
			page, err := strconv.Atoi(args[1])
			if err != nil || page < 1 {
				return fmt.Errorf("report page: %q is not a page number (from 1)", args[1])
			}
			if dpi < 0 {
				return fmt.Errorf("report page: --dpi must be positive, not %d", dpi)
			}
			ctx, c := cmd.Context(), g.c
			if err := guardOutput(ctx, c, out, force); err != nil {
				return err
			}
			r, err := c.FindReport(ctx, args[0])
			if err != nil {
				return err
			}
			res, err := export.WriteReportPage(ctx, c, r, export.ReportPageOptions{Page: page, ExcerptID: excerpt, DPI: dpi}, out)
			if err != nil {
				return err
			}
			if asJSON {
				j := reportPageJSON{Path: res.Export.Path, SHA256: res.Export.SHA256, Report: r.ID, Page: res.Page,
					Highlighted: res.Highlighted, Partial: res.Partial, Boxes: res.Boxes, BoxesFrom: res.BoxesFrom, DPI: res.DPI, Width: res.Width, Height: res.Height}
				if res.Excerpt != nil {
					j.Excerpt = &res.Excerpt.ID
				}
				return writeJSON(cmd.OutOrStdout(), j)
			}
			w := cmd.OutOrStdout()
			at := fmt.Sprintf(" at %d DPI", res.DPI)
			if res.DPI == 0 {
				at = "" // a picture, at its own size
			}
			fmt.Fprintf(w, "%s: report %d, page %d of %d, %d×%d%s (SHA-256 %s)\n",
				res.Export.Path, r.ID, res.Page, res.Pages, res.Width, res.Height, at, res.Export.SHA256)
			switch {
			case res.Excerpt == nil:
			case res.Highlighted && res.Partial:
				fmt.Fprintf(w, "excerpt %d: the part of it on this page highlighted (%d words)\n", excerpt, res.Boxes)
			case res.Highlighted:
				fmt.Fprintf(w, "excerpt %d: highlighted (%d words)\n", excerpt, res.Boxes)
			default:
				fmt.Fprintf(w, "excerpt %d: its text was not found on page %d; the page is written without highlight\n", excerpt, res.Page)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&out, "out", "o", "", "the PNG file to write")
	fl.Int64Var(&excerpt, "excerpt", 0, "highlight this excerpt of the report on the page")
	fl.IntVar(&dpi, "dpi", 0, "resolution (default: 150, or more for a page to be at least 1000 pixels wide)")
	fl.BoolVar(&asJSON, "json", false, "print a JSON object")
	addForce(fl, &force)
	return needsCase(cmd, false)
}
