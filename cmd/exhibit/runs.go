package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
)

func init() { extraCommands = append(extraCommands, newExportsCmd, newImportsCmd) }

// exportJSON is an export of `exports --json`. The field names are a
// contract: add fields, never rename.
type exportJSON struct {
	ID     int64  `json:"id"`
	At     string `json:"at"`
	Kind   string `json:"kind"`
	Path   string `json:"path"`
	SHA256 string `json:"sha256"` // "" unless done
	Size   int64  `json:"size"`
	// Status: pending, done, failed, cancelled, interrupted.
	Status         string  `json:"status"`
	Error          string  `json:"error,omitempty"`
	FinishedAt     *string `json:"finished_at"`
	ManifestSHA256 string  `json:"manifest_sha256"`
	PID            int64   `json:"pid"`
	Host           string  `json:"host"`
}

// importRunJSON is a run of `imports --json`. The field names are a
// contract: add fields, never rename.
type importRunJSON struct {
	ID         int64    `json:"id"`
	StartedAt  string   `json:"started_at"`
	FinishedAt *string  `json:"finished_at"`
	Roots      []string `json:"roots"`
	Added      int      `json:"added"`
	Unchanged  int      `json:"unchanged"`
	Failed     int      `json:"failed"`
	// Status: running, done, cancelled, failed, interrupted.
	Status string `json:"status"`
	PID    int64  `json:"pid"`
	Host   string `json:"host"`
}

func timeJSON(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(time.RFC3339Nano)
	return &s
}

func newExportsCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "exports",
		Short: "List the files exported from the case, with their SHA-256 and status",
		Long: `List every export recorded in the case, oldest first: its file, SHA-256 and
status. An export is recorded "pending" before its file is written and "done"
with the file's SHA-256 once it is in place; "failed" or "cancelled" when no
file was left; "interrupted" when the program writing it ended midway (seen
when the case is next opened).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			es, err := g.c.Exports(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				out := []exportJSON{}
				for _, e := range es {
					out = append(out, exportJSON{ID: e.ID, At: e.At.Format(time.RFC3339Nano), Kind: e.Kind, Path: e.Path, SHA256: e.SHA256,
						Size: e.Size, Status: e.Status, Error: e.Error, FinishedAt: timeJSON(e.FinishedAt), ManifestSHA256: e.ManifestSHA256,
						PID: e.PID, Host: e.Host})
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			printExports(cmd.OutOrStdout(), es)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return needsCase(cmd, false)
}

func printExports(w io.Writer, es []*catalog.Export) {
	if len(es) == 0 {
		fmt.Fprintln(w, "no exports")
		return
	}
	for _, e := range es {
		sum := e.SHA256
		if sum == "" {
			sum = "-"
		}
		fmt.Fprintf(w, "%4d  %s  %-11s %-7s %s  %s\n", e.ID, e.At.Local().Format("2006-01-02 15:04:05"), e.Status, e.Kind, sum, shown(e.Path))
		if e.Status != catalog.ExportDone && e.Error != "" {
			fmt.Fprintf(w, "      %s\n", e.Error)
		}
	}
}

func newImportsCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "imports",
		Short: "List the runs of import, with what each did and its status",
		Long: `List every run of import, oldest first: the folders given, what it added,
found unchanged or could not catalog, and its status: running, done,
cancelled (Ctrl-C: what was done is kept), failed (the catalog could not be
written) or interrupted (the program ended midway; seen when the case is next
opened; what it had written is kept and the next import resumes).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			runs, err := g.c.Imports(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				out := []importRunJSON{}
				for _, r := range runs {
					roots := r.Roots
					if roots == nil {
						roots = []string{}
					}
					out = append(out, importRunJSON{ID: r.ID, StartedAt: r.StartedAt.Format(time.RFC3339Nano), FinishedAt: timeJSON(r.FinishedAt),
						Roots: roots, Added: r.Added, Unchanged: r.Unchanged, Failed: r.Failed, Status: r.Status, PID: r.PID, Host: r.Host})
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			w := cmd.OutOrStdout()
			if len(runs) == 0 {
				fmt.Fprintln(w, "no imports")
			}
			for _, r := range runs {
				roots := make([]string, len(r.Roots))
				for i, p := range r.Roots {
					roots[i] = shown(p)
				}
				fmt.Fprintf(w, "%4d  %s  %-11s %d added, %d unchanged, %d failed  %s\n", r.ID, r.StartedAt.Local().Format("2006-01-02 15:04:05"),
					r.Status, r.Added, r.Unchanged, r.Failed, strings.Join(roots, " "))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return needsCase(cmd, false)
}
