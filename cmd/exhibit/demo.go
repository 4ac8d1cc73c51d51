package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/internal/demo"
)

func init() { extraCommands = append(extraCommands, newDemoCmd) }

func newDemoCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "demo DIR",
		Short: "Make the sample case in DIR: generated pictures of a fictional town, a report, links, a pair, annotations",
		Long: `Make a sample case to try Exhibit: pictures of a fictional town before and
after a fictional strike, rendered by Exhibit itself with capture times and GPS
positions in their EXIF, a field report written for them, links between the
two, a before/after pair with its alignment, and annotations. Everything in it
is made up; nothing is copied from elsewhere.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context() // cancelled on Ctrl-C (see before)
			c, err := demo.BuildCase(ctx, args[0], func(what string) { fmt.Fprintln(os.Stderr, what+"…") })
			if err != nil {
				return err
			}
			defer c.Close()
			n, _ := c.CountImages(ctx)
			fmt.Fprintf(cmd.OutOrStdout(), "sample case made in %s: %d images; open it with: exhibit --case %s\n", c.Dir(), n, shellQuote(c.Dir()))
			return nil
		},
	}
}

// shellQuote quotes s for a POSIX shell when it holds anything but plain
// path characters, so that a command printed can be pasted as it is.
func shellQuote(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+,:@", r)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
