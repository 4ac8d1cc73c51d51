package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
)

func init() { extraCommands = append(extraCommands, newPairCmd, newPairsCmd) }

// pairJSON is a pair as `pair --json` and `pairs --json` print it. The
// fields id, title, before, after, not_before, not_after and notes are a
// contract.
type pairJSON struct {
	ID        int64              `json:"id"`
	Title     string             `json:"title"`
	Before    int64              `json:"before"`
	After     int64              `json:"after"`
	NotBefore *string            `json:"not_before"`
	NotAfter  *string            `json:"not_after"`
	Notes     string             `json:"notes"`
	Alignment *catalog.Alignment `json:"alignment"`
	CreatedAt string             `json:"created_at"`
	UpdatedAt string             `json:"updated_at"`
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func toPairJSON(p *catalog.Pair) pairJSON {
	return pairJSON{ID: p.ID, Title: p.Title, Before: p.BeforeID, After: p.AfterID, NotBefore: strPtr(p.NotBefore),
		NotAfter: strPtr(p.NotAfter), Notes: p.Notes, Alignment: p.Alignment,
		CreatedAt: p.CreatedAt.Format("2006-01-02T15:04:05Z07:00"), UpdatedAt: p.UpdatedAt.Format("2006-01-02T15:04:05Z07:00")}
}

func newPairCmd(g *globals) *cobra.Command {
	var opt catalog.PairOptions
	var asJSON bool
	var title, notes, notBefore, notAfter string
	var del, swap bool
	cmd := &cobra.Command{
		Use:   "pair BEFORE AFTER | pair PAIR [--title T] [--notes N] [--not-before T] [--not-after T] [--swap] [--delete]",
		Short: "Make a before/after pair of two images, or change or delete a pair",
		Long: `With two images, make a pair: the earlier capture is the before image unless
--keep-order. The date window starts as the two capture times (unset when
--keep-order keeps them the wrong way round), or as --not-before/--not-after
give it. A window whose "not before" is later than its "not after" is refused.
With one pair id, change its title, notes, date window, swap its images, or
delete it (its images and the record of its annotations are kept).`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			var p *catalog.Pair
			if len(args) == 2 {
				a, err := c.FindImage(ctx, args[0])
				if err != nil {
					return err
				}
				b, err := c.FindImage(ctx, args[1])
				if err != nil {
					return err
				}
				opt.Title, opt.Notes = title, notes
				if cmd.Flags().Changed("not-before") {
					opt.NotBefore = &notBefore
				}
				if cmd.Flags().Changed("not-after") {
					opt.NotAfter = &notAfter
				}
				if p, err = c.AddPair(ctx, a.ID, b.ID, opt); err != nil {
					return err
				}
			} else {
				id, err := parseID("pair", args[0])
				if err != nil {
					return err
				}
				if del {
					if err := c.DeletePair(ctx, id); err != nil {
						return err
					}
					fmt.Fprintf(cmd.OutOrStdout(), "pair %d deleted (its images are untouched; the audit trail keeps it)\n", id)
					return nil
				}
				var u catalog.PairUpdate
				fl := cmd.Flags()
				if fl.Changed("title") {
					u.Title = &title
				}
				if fl.Changed("notes") {
					u.Notes = &notes
				}
				if fl.Changed("not-before") {
					u.NotBefore = &notBefore
				}
				if fl.Changed("not-after") {
					u.NotAfter = &notAfter
				}
				u.Swap = swap
				if p, err = c.UpdatePair(ctx, id, u); err != nil {
					return err
				}
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), toPairJSON(p))
			}
			fmt.Fprintf(cmd.OutOrStdout(), "pair %d %q: before image %d, after image %d, window %s – %s\n",
				p.ID, p.Title, p.BeforeID, p.AfterID, dash(p.NotBefore), dash(p.NotAfter))
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&title, "title", "", "the pair's title")
	fl.StringVar(&notes, "notes", "", "notes on the pair")
	fl.StringVar(&notBefore, "not-before", "", "the latest time known to be before the event (2017-10-14, 2017-10-14T09:12:00 or RFC 3339; \"\" for unknown)")
	fl.StringVar(&notAfter, "not-after", "", "the earliest time known to be after the event (no earlier than --not-before)")
	fl.BoolVar(&opt.KeepOrder, "keep-order", false, "keep BEFORE and AFTER as given, whatever their capture times")
	fl.BoolVar(&swap, "swap", false, "swap the before and after images (resets the alignment)")
	fl.BoolVar(&del, "delete", false, "delete the pair")
	fl.BoolVar(&asJSON, "json", false, "print the pair as JSON")
	return needsCase(cmd, false)
}

func newPairsCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "pairs",
		Short: "List the before/after pairs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			ps, err := c.Pairs(ctx)
			if err != nil {
				return err
			}
			if asJSON {
				out := []pairJSON{}
				for _, p := range ps {
					out = append(out, toPairJSON(p))
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tTITLE\tBEFORE\tAFTER\tNOT BEFORE\tNOT AFTER\tALIGNED")
			for _, p := range ps {
				aligned := "no"
				if p.Alignment != nil {
					aligned = strings.ToLower(p.Alignment.Kind)
				}
				fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%s\t%s\t%s\n", p.ID, p.Title, p.BeforeID, p.AfterID, dash(p.NotBefore), dash(p.NotAfter), aligned)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return needsCase(cmd, false)
}
