package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
)

func init() {
	extraCommands = append(extraCommands, newLinkCmd, newUnlinkCmd, newNoteCmd, newTagCmd, newSuggestCmd)
}

// parseRegion reads "X,Y,W,H" in fractions of the upright image.
func parseRegion(s string) (*catalog.Region, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return nil, fmt.Errorf("--region %q: want X,Y,W,H in fractions of the upright image (0..1), for example 0.1,0.2,0.3,0.25", s)
	}
	var v [4]float64
	for i, p := range parts {
		f, err := parseNumber(p)
		if err != nil {
			return nil, fmt.Errorf("--region %q: %w", s, err)
		}
		v[i] = f
	}
	r := &catalog.Region{X: v[0], Y: v[1], W: v[2], H: v[3]}
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("--region: %w", err)
	}
	return r, nil
}

func parseID(what, s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%s %q: want a number (its id)", what, s)
	}
	return id, nil
}

func newLinkCmd(g *globals) *cobra.Command {
	var note, region string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "link IMAGE EXCERPT",
		Short: "Link an image (or a region of it) to a report excerpt",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			reg, err := parseRegion(region)
			if err != nil {
				return err
			}
			excerpt, err := parseID("excerpt", args[1])
			if err != nil {
				return err
			}
			c := g.c
			im, err := c.FindImage(ctx, args[0])
			if err != nil {
				return err
			}
			id, err := c.AddLink(ctx, im.ID, excerpt, note, reg)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), map[string]any{"link": id, "image": im.ID, "excerpt": excerpt, "note": note, "region": regionJSON(reg)})
			}
			fmt.Fprintf(cmd.OutOrStdout(), "link %d: image %d ↔ excerpt %d\n", id, im.ID, excerpt)
			return nil
		},
	}
	cmd.Flags().StringVar(&note, "note", "", "why they are linked")
	cmd.Flags().StringVar(&region, "region", "", "the part of the image: X,Y,W,H in fractions of the upright image (0..1)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the link as JSON")
	return needsCase(cmd, false)
}

func newUnlinkCmd(g *globals) *cobra.Command {
	var linkID int64
	cmd := &cobra.Command{
		Use:   "unlink IMAGE EXCERPT | unlink --link ID",
		Short: "Remove links between an image and an excerpt (kept in the record)",
		Args: func(cmd *cobra.Command, args []string) error {
			if linkID != 0 {
				return cobra.NoArgs(cmd, args)
			}
			return cobra.ExactArgs(2)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			if linkID != 0 {
				if err := c.RemoveLink(ctx, linkID); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "link %d removed\n", linkID)
				return nil
			}
			excerpt, err := parseID("excerpt", args[1])
			if err != nil {
				return err
			}
			im, err := c.FindImage(ctx, args[0])
			if err != nil {
				return err
			}
			n, err := c.UnlinkExcerpt(ctx, im.ID, excerpt)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d link(s) between image %d and excerpt %d removed\n", n, im.ID, excerpt)
			return nil
		},
	}
	cmd.Flags().Int64Var(&linkID, "link", 0, "remove the link with this id")
	return needsCase(cmd, false)
}

func newNoteCmd(g *globals) *cobra.Command {
	var del int64
	cmd := &cobra.Command{
		Use:   "note IMAGE TEXT... | note --delete NOTE",
		Short: "Add a note to an image (or delete one)",
		Args: func(cmd *cobra.Command, args []string) error {
			if del != 0 {
				return cobra.NoArgs(cmd, args)
			}
			return cobra.MinimumNArgs(2)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			if del != 0 {
				if err := c.DeleteNote(ctx, del); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "note %d deleted (its text stays in the audit trail)\n", del)
				return nil
			}
			im, err := c.FindImage(ctx, args[0])
			if err != nil {
				return err
			}
			id, err := c.AddNote(ctx, im.ID, strings.Join(args[1:], " "))
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "note %d added to image %d\n", id, im.ID)
			return nil
		},
	}
	cmd.Flags().Int64Var(&del, "delete", 0, "delete the note with this id")
	return needsCase(cmd, false)
}

func newTagCmd(g *globals) *cobra.Command {
	var remove, list bool
	cmd := &cobra.Command{
		Use:   "tag IMAGE TAG... | tag --remove IMAGE TAG... | tag --list",
		Short: "Tag images, remove tags, or list every tag",
		Args: func(cmd *cobra.Command, args []string) error {
			if list {
				return cobra.NoArgs(cmd, args)
			}
			return cobra.MinimumNArgs(2)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			if list {
				ts, err := c.AllTags(ctx)
				if err != nil {
					return err
				}
				for _, t := range ts {
					fmt.Fprintf(cmd.OutOrStdout(), "%s\t%d\n", t.Tag, t.Count)
				}
				return nil
			}
			im, err := c.FindImage(ctx, args[0])
			if err != nil {
				return err
			}
			for _, t := range args[1:] {
				if remove {
					err = c.RemoveTag(ctx, im.ID, t)
				} else {
					err = c.AddTag(ctx, im.ID, t)
				}
				if err != nil {
					return err
				}
			}
			tags, err := c.Tags(ctx, im.ID)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "image %d tags: %s\n", im.ID, strings.Join(tags, ", "))
			return nil
		},
	}
	cmd.Flags().BoolVar(&remove, "remove", false, "remove the tags instead")
	cmd.Flags().BoolVar(&list, "list", false, "list every tag with its count")
	return needsCase(cmd, false)
}

type suggestJSON struct {
	Excerpt     int64    `json:"excerpt"`
	Report      int64    `json:"report"`
	ReportTitle string   `json:"report_title"`
	Page        *int     `json:"page"`
	PageEnd     *int     `json:"page_end"`
	Paragraph   int      `json:"paragraph"`
	Text        string   `json:"text"`
	Citation    string   `json:"citation"`
	Matches     []string `json:"matches"`
	Linked      bool     `json:"linked"`
}

func newSuggestCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "suggest IMAGE",
		Short: "List excerpts that mention the image's capture date",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			im, err := c.FindImage(ctx, args[0])
			if err != nil {
				return err
			}
			ss, err := c.Suggest(ctx, im.ID)
			if err != nil {
				return err
			}
			out := []suggestJSON{}
			for _, s := range ss {
				e := s.Excerpt
				out = append(out, suggestJSON{e.ID, e.ReportID, e.ReportTitle, pagePtr(e.Page), pagePtr(e.PageEnd), e.Paragraph, e.Text, e.Citation(), s.Matches, s.Linked})
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), out)
			}
			w := cmd.OutOrStdout()
			if len(out) == 0 {
				fmt.Fprintf(w, "no excerpt mentions %s\n", im.TakenAt.Format("2 January 2006"))
			}
			for _, s := range out {
				mark := ""
				if s.Linked {
					mark = " (linked)"
				}
				fmt.Fprintf(w, "[excerpt %d] %s%s: mentions %s\n  %s\n\n", s.Excerpt, s.Citation, mark, strings.Join(s.Matches, ", "), s.Text)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return needsCase(cmd, false)
}

// regionJSON is a region as [x, y, w, h], or nil for the whole image.
func regionJSON(r *catalog.Region) []float64 {
	if r == nil {
		return nil
	}
	return []float64{r.X, r.Y, r.W, r.H}
}
