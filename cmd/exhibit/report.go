package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
)

func init() { extraCommands = append(extraCommands, newReportCmd) }

func newReportCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Import reports, list their excerpts, render their pages",
	}
	cmd.AddCommand(newReportAddCmd(g), newReportShowCmd(g), newReportListCmd(g), newReportPageCmd(g))
	return cmd
}

type reportAddJSON struct {
	Report     int64    `json:"report"`
	Excerpts   int      `json:"excerpts"`
	Title      string   `json:"title"`
	SHA256     string   `json:"sha256"`
	Unchanged  bool     `json:"unchanged"`
	NewVersion bool     `json:"new_version"`
	Kept       int      `json:"kept"`
	Revised    int      `json:"revised"`
	Added      int      `json:"added"`
	Gone       int      `json:"gone"`
	Warnings   []string `json:"warnings"`
	// OCRPages are the pages read by OCR (a picture is page 1), with the
	// languages read and the mean confidence of their words (0 to 100,
	// null when nothing was read by OCR).
	OCRPages      []int    `json:"ocr_pages"`
	OCRLangs      string   `json:"ocr_langs"`
	OCRConfidence *float64 `json:"ocr_confidence"`
}

func newReportAddCmd(g *globals) *cobra.Command {
	var opt catalog.ReportOptions
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "add FILE",
		Short: "Import a report (text, Markdown, HTML, PDF, or a picture of a document) as citable excerpts",
		Long: `Import a report and split it into excerpts (paragraphs), each citable by report,
page (PDF) and paragraph. Importing a new version of a report (same path, or
--replace ID) keeps the excerpts it still has, and their links; excerpts it no
longer has are flagged, never dropped. Nothing is fetched from the network.

Scans are read by OCR with Tesseract (which must be installed: tesseract-ocr,
with tesseract-ocr-eng and tesseract-ocr-ara): the pages of a PDF that have no
text layer (pages with text are read from it), and a picture of a document
(JPEG, PNG, TIFF, HEIC…). Their excerpts are flagged "ocr" with Tesseract's
confidence, and can be highlighted on the page (report page --excerpt). The
languages are --ocr-lang, Tesseract's codes joined by "+"; by default English
and Arabic, those of them installed. Each page read is reported on stderr;
Ctrl-C stops the import and stores nothing.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			opt.OCR.Progress = ocrProgress(cmd.ErrOrStderr())
			res, err := c.AddReport(ctx, args[0], opt)
			if errors.Is(err, context.Canceled) {
				return fmt.Errorf("report add interrupted: nothing of %s was stored", args[0])
			}
			if err != nil {
				return err
			}
			r := res.Report
			if asJSON {
				w := res.Warnings
				if w == nil {
					w = []string{}
				}
				j := reportAddJSON{Report: r.ID, Excerpts: res.Excerpts, Title: r.Title, SHA256: r.SHA256,
					Unchanged: res.Unchanged, NewVersion: res.NewVersion, Kept: res.Kept, Revised: res.Revised, Added: res.Added, Gone: res.Gone, Warnings: w,
					OCRPages: res.OCRPages, OCRLangs: res.OCRLangs}
				if j.OCRPages == nil {
					j.OCRPages = []int{}
				} else {
					j.OCRConfidence = ocrConfidence(true, res.OCRConfidence)
				}
				return writeJSON(cmd.OutOrStdout(), j)
			}
			out := cmd.OutOrStdout()
			switch {
			case res.Unchanged:
				fmt.Fprintf(out, "report %d %q: this file was imported already; nothing changed\n", r.ID, r.Title)
			case res.NewVersion:
				fmt.Fprintf(out, "report %d %q: new version, %d excerpts: %d kept, %d revised, %d new, %d no longer there (flagged, links kept)\n",
					r.ID, r.Title, res.Excerpts, res.Kept, res.Revised, res.Added, res.Gone)
			default:
				fmt.Fprintf(out, "report %d %q: %d excerpts\n", r.ID, r.Title, res.Excerpts)
			}
			if len(res.OCRPages) > 0 {
				fmt.Fprintf(out, "read by OCR (%s): %s, mean confidence %.0f %%\n", res.OCRLangs, ocrPagesText(r, res.OCRPages), res.OCRConfidence)
			}
			for _, w := range res.Warnings {
				fmt.Fprintln(out, "warning:", w)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opt.Title, "title", "", "the report's title (default: its own, else the file name)")
	fl.StringVar(&opt.Date, "date", "", "the report's date (for example 2017-11-20)")
	fl.StringVar(&opt.Source, "source", "", "where the report comes from (a URL, never fetched)")
	fl.Int64Var(&opt.Replace, "replace", 0, "import FILE as a new version of report ID")
	fl.BoolVar(&asJSON, "json", false, "print the result as JSON")
	fl.StringVar(&opt.OCR.Langs, "ocr-lang", "", `languages of the scans, Tesseract's codes joined by "+" (default: ara+eng, those installed)`)
	fl.BoolVar(&opt.OCR.Off, "no-ocr", false, "do not read scans by OCR (a scanned report is refused)")
	return needsCase(cmd, true)
}

type excerptJSON struct {
	ID        int64   `json:"id"`
	Page      *int    `json:"page"`
	PageEnd   *int    `json:"page_end"`
	PageLabel string  `json:"page_label,omitempty"`
	Paragraph int     `json:"paragraph"`
	Heading   string  `json:"heading"`
	Text      string  `json:"text"`
	Images    []int64 `json:"images"`
	Citation  string  `json:"citation"`
	Gone      bool    `json:"gone"`
	Revised   bool    `json:"revised"`
	// OCR is set for an excerpt read by OCR; OCRConfidence is then
	// Tesseract's mean confidence in its words (0 to 100), else null.
	OCR           bool     `json:"ocr"`
	OCRConfidence *float64 `json:"ocr_confidence"`
}

type reportShowJSON struct {
	ID       int64         `json:"id"`
	Title    string        `json:"title"`
	SHA256   string        `json:"sha256"`
	Date     string        `json:"date"`
	Source   string        `json:"source"`
	Format   string        `json:"format"`
	Path     string        `json:"path"`
	Pages    int           `json:"pages"`
	Excerpts []excerptJSON `json:"excerpts"`
}

// pagePtr is nil for reports without pages.
func pagePtr(p int) *int {
	if p <= 0 {
		return nil
	}
	return &p
}

func newReportShowCmd(g *globals) *cobra.Command {
	var asJSON, withGone bool
	cmd := &cobra.Command{
		Use:   "show REPORT",
		Short: "List a report's excerpts with the images linked to each",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			r, err := c.FindReport(ctx, args[0])
			if err != nil {
				return err
			}
			es, err := c.Excerpts(ctx, r.ID, withGone)
			if err != nil {
				return err
			}
			linked, err := c.LinkedImages(ctx, r.ID)
			if err != nil {
				return err
			}
			j := reportShowJSON{ID: r.ID, Title: r.Title, SHA256: r.SHA256, Date: r.Date, Source: r.Source, Format: r.Format,
				Path: r.Path, Pages: r.Pages, Excerpts: []excerptJSON{}}
			for _, e := range es {
				ims := linked[e.ID]
				if ims == nil {
					ims = []int64{}
				}
				j.Excerpts = append(j.Excerpts, excerptJSON{ID: e.ID, Page: pagePtr(e.Page), PageEnd: pagePtr(e.PageEnd), PageLabel: e.PageLabel,
					Paragraph: e.Paragraph, Heading: e.Heading, Text: e.Text, Images: ims, Citation: e.Citation(), Gone: e.Gone, Revised: e.Revised,
					OCR: e.OCR, OCRConfidence: ocrConfidence(e.OCR, e.OCRConfidence)})
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), j)
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "Report %d: %s\n", r.ID, r.Title)
			fmt.Fprintf(out, "%s, %s, SHA-256 %s\n", r.Format, r.Path, r.SHA256)
			heading := ""
			for _, e := range j.Excerpts {
				if e.Heading != heading {
					heading = e.Heading
					fmt.Fprintf(out, "\n## %s\n", heading)
				}
				fmt.Fprintf(out, "\n[excerpt %d] %s\n%s\n", e.ID, e.Citation, e.Text)
				if e.OCR {
					fmt.Fprintf(out, "  read by OCR, confidence %.0f %%\n", *e.OCRConfidence)
				}
				if len(e.Images) > 0 {
					fmt.Fprintf(out, "  linked images: %s\n", joinIDs(e.Images))
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON object")
	cmd.Flags().BoolVar(&withGone, "all", false, "also list excerpts no longer in the current version")
	return needsCase(cmd, false)
}

func newReportListCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "ls",
		Short: "List the case's reports",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			rs, err := c.Reports(ctx)
			if err != nil {
				return err
			}
			if asJSON {
				type row struct {
					ID       int64  `json:"id"`
					Title    string `json:"title"`
					SHA256   string `json:"sha256"`
					Date     string `json:"date"`
					Format   string `json:"format"`
					Path     string `json:"path"`
					Pages    int    `json:"pages"`
					Excerpts int    `json:"excerpts"`
				}
				out := []row{}
				for _, r := range rs {
					out = append(out, row{r.ID, r.Title, r.SHA256, r.Date, r.Format, r.Path, r.Pages, r.Excerpts})
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tTITLE\tFORMAT\tEXCERPTS\tPATH")
			for _, r := range rs {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\n", r.ID, r.Title, r.Format, r.Excerpts, r.Path)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return needsCase(cmd, false)
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = fmt.Sprint(id)
	}
	return strings.Join(s, ", ")
}
