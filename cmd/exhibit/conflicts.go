package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/spf13/cobra"
)

func init() { extraCommands = append(extraCommands, newConflictsCmd) }

// conflictJSON is a row two people changed while apart.
type conflictJSON struct {
	Ref      string                `json:"ref"`
	What     string                `json:"what"`
	Open     bool                  `json:"open"`
	Chosen   string                `json:"chosen"`
	FoundAt  string                `json:"found_at"`
	Versions []conflictVersionJSON `json:"versions"`
}

type conflictVersionJSON struct {
	catalog.ConflictVersion
	// Row is the row as that version left it (null: removed).
	Row map[string]any `json:"row"`
}

func newConflictsCmd(g *globals) *cobra.Command {
	var asJSON, all bool
	cmd := &cobra.Command{
		Use:   "conflicts",
		Short: "List the rows two people changed while apart (team cases)",
		Long: `List the rows of a team case that two people changed while apart. Both
versions are in the record; the case holds one of them until someone
chooses with "exhibit conflicts resolve".`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			cs, err := c.Conflicts(ctx)
			if err != nil {
				return err
			}
			out := []conflictJSON{}
			for _, cf := range cs {
				if !all && !cf.Open() {
					continue
				}
				j := conflictJSON{Ref: cf.Ref, What: cf.What, Open: cf.Open(), Chosen: cf.Chosen, FoundAt: cf.FoundAt}
				for _, v := range cf.Versions {
					row, err := c.ConflictData(ctx, cf.Ref, v.Entry)
					if err != nil {
						return err
					}
					j.Versions = append(j.Versions, conflictVersionJSON{v, row})
				}
				out = append(out, j)
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), out)
			}
			w := cmd.OutOrStdout()
			if len(out) == 0 {
				fmt.Fprintln(w, "No conflicts.")
				return nil
			}
			for _, j := range out {
				state := "open"
				if !j.Open {
					state = "chosen: " + shortHash(j.Chosen)
				}
				fmt.Fprintf(w, "%s (%s), %s\n", j.What, j.Ref, state)
				for _, v := range j.Versions {
					fmt.Fprintf(w, "  %s  %s  %s\n    %s\n", shortHash(v.Entry), v.At, v.Actor, rowText(v.Row))
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	cmd.Flags().BoolVar(&all, "all", false, "also list conflicts already settled")
	cmd.AddCommand(newConflictsResolveCmd(g))
	return needsCase(cmd, false)
}

func newConflictsResolveCmd(g *globals) *cobra.Command {
	var choose string
	var keep bool
	cmd := &cobra.Command{
		Use:   "resolve REF (--choose ENTRY | --keep)",
		Short: "Settle a conflict: take one version, or keep the row as it stands",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (choose == "") == !keep {
				return fmt.Errorf("give either --choose ENTRY (a version's entry hash, or a prefix of it) or --keep")
			}
			ctx, c := cmd.Context(), g.c
			ref := args[0]
			entry := ""
			if choose != "" {
				cs, err := c.Conflicts(ctx)
				if err != nil {
					return err
				}
				for _, cf := range cs {
					if cf.Ref != ref {
						continue
					}
					for _, v := range cf.Versions {
						if strings.HasPrefix(v.Entry, choose) {
							if entry != "" && entry != v.Entry {
								return fmt.Errorf("%q names more than one version of %s: give more of the hash", choose, ref)
							}
							entry = v.Entry
						}
					}
				}
				if entry == "" {
					return fmt.Errorf("no version of %s has an entry hash starting %q (see exhibit conflicts)", ref, choose)
				}
			}
			if err := c.ResolveConflict(ctx, ref, entry); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Settled %s.\n", ref)
			return nil
		},
	}
	cmd.Flags().StringVar(&choose, "choose", "", "take the version the entry ENTRY left")
	cmd.Flags().BoolVar(&keep, "keep", false, "keep the row as it stands (for instance after merging the texts by hand)")
	return needsCase(cmd, true)
}

// rowText prints a row's fields on one line, in name order.
func rowText(row map[string]any) string {
	if row == nil {
		return "(removed)"
	}
	keys := make([]string, 0, len(row))
	for k := range row {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%v", k, row[k])
	}
	return strings.Join(parts, " ")
}
