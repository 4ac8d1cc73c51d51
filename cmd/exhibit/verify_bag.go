package main

import (
	"fmt"
	"os"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog/bag"
)

// verifyBagJSON is what `verify BAG --json` prints.
type verifyBagJSON struct {
	Bag         string        `json:"bag"`
	Valid       bool          `json:"valid"`
	Files       int           `json:"files"`
	PayloadOxum string        `json:"payload_oxum"`
	CaseID      string        `json:"case_id"`
	ChainHead   string        `json:"chain_head"`
	ChainCount  int64         `json:"chain_count"`
	Entries     int           `json:"entries"`
	Signer      string        `json:"signer"`
	Problems    []bag.Problem `json:"problems"`
}

// verifyBag validates the bag in dir (see bag.Verify), prints each problem
// and fails when there is any.
func verifyBag(cmd *cobra.Command, dir string, asJSON bool) error {
	var bar *progressbar.ProgressBar
	var progress func(done, total int)
	if isatty.IsTerminal(os.Stderr.Fd()) {
		progress = func(done, total int) {
			if bar == nil {
				bar = newBar(total, "verifying")
			}
			bar.Set(done)
		}
	}
	rep, err := bag.Verify(cmd.Context(), dir, progress)
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(os.Stderr)
	}
	if err != nil {
		return err
	}
	problems := rep.Problems
	if problems == nil {
		problems = []bag.Problem{}
	}
	w := cmd.OutOrStdout()
	if asJSON {
		j := verifyBagJSON{Bag: rep.Dir, Valid: len(problems) == 0, Files: rep.Files, PayloadOxum: rep.PayloadOxum,
			CaseID: rep.CaseID, ChainHead: rep.ChainHead, ChainCount: rep.ChainCount, Entries: rep.Entries,
			Signer: rep.Signer, Problems: problems}
		if err := writeJSON(w, j); err != nil {
			return err
		}
	} else {
		for _, p := range problems {
			fmt.Fprintf(w, "problem: %s\n", shown(p.String()))
		}
		fmt.Fprintf(w, "bag %s: %d payload files (Payload-Oxum %s), case %s, audit chain of %d entries up to %s, signed by %s\n",
			shown(dir), rep.Files, rep.PayloadOxum, rep.CaseID, rep.Entries, rep.ChainHead, rep.Signer)
	}
	if len(problems) > 0 {
		return fmt.Errorf("bag %s: %d problems, the first: %s", dir, len(problems), problems[0])
	}
	if !asJSON {
		fmt.Fprintln(w, "valid")
	}
	return nil
}

// isDir reports whether p is a folder: verify takes a folder as a bag.
func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
