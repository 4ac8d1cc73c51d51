package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

func init() { extraCommands = append(extraCommands, newSearchCmd) }

// searchJSON is one hit of `search --json`. The excerpt fields are a
// contract; a hit in an image note has kind "note", excerpt null, and the
// note and image ids.
type searchJSON struct {
	Kind        string  `json:"kind"`
	Excerpt     *int64  `json:"excerpt"`
	Report      *int64  `json:"report"`
	ReportTitle string  `json:"report_title"`
	Page        *int    `json:"page"`
	PageEnd     *int    `json:"page_end"`
	Paragraph   int     `json:"paragraph"`
	Text        string  `json:"text"`
	Snippet     string  `json:"snippet"`
	Citation    string  `json:"citation,omitempty"`
	Heading     string  `json:"heading,omitempty"`
	Gone        bool    `json:"gone,omitempty"`
	Note        *int64  `json:"note,omitempty"`
	Image       *int64  `json:"image,omitempty"`
	Rank        float64 `json:"rank"`
	// OCR and OCRConfidence: an excerpt read by OCR, and Tesseract's
	// mean confidence in its words (null otherwise).
	OCR           bool     `json:"ocr"`
	OCRConfidence *float64 `json:"ocr_confidence"`
}

func newSearchCmd(g *globals) *cobra.Command {
	var asJSON bool
	var limit int
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search report excerpts and image notes",
		Long: `Search the full text of report excerpts and image notes, best first. Case and
diacritics are folded (Latin accents, Arabic harakat). Words must all match;
"an exact phrase", strik* (prefix), OR and NOT work.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			hits, err := c.Search(ctx, strings.Join(args, " "), limit)
			if err != nil {
				return err
			}
			out := []searchJSON{}
			for _, h := range hits {
				j := searchJSON{Snippet: h.Snippet, Rank: h.Rank}
				if e := h.Excerpt; e != nil {
					id, rep := e.ID, e.ReportID
					j.Kind, j.Excerpt, j.Report, j.ReportTitle = "excerpt", &id, &rep, e.ReportTitle
					j.Page, j.PageEnd, j.Paragraph, j.Text = pagePtr(e.Page), pagePtr(e.PageEnd), e.Paragraph, e.Text
					j.Citation, j.Heading, j.Gone = e.Citation(), e.Heading, e.Gone
					j.OCR, j.OCRConfidence = e.OCR, ocrConfidence(e.OCR, e.OCRConfidence)
				} else {
					id, im := h.Note.ID, h.Note.ImageID
					j.Kind, j.Note, j.Image, j.Text = "note", &id, &im, h.Note.Text
				}
				out = append(out, j)
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), out)
			}
			w := cmd.OutOrStdout()
			if len(out) == 0 {
				fmt.Fprintln(w, "no match")
			}
			for _, j := range out {
				if j.Kind == "excerpt" {
					fmt.Fprintf(w, "[excerpt %d] %s\n  %s\n\n", *j.Excerpt, j.Citation, j.Snippet)
				} else {
					fmt.Fprintf(w, "[note %d on image %d]\n  %s\n\n", *j.Note, *j.Image, j.Snippet)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	cmd.Flags().IntVar(&limit, "limit", 50, "at most N hits")
	return needsCase(cmd, false)
}
