package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog/bag"
	"github.com/exhibit-app/exhibit/internal/export"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

// bagJSON is what `export bag --json` prints.
type bagJSON struct {
	Bag               string        `json:"bag"`
	CaseID            string        `json:"case_id"`
	ChainHead         string        `json:"chain_head"`
	ChainCount        int64         `json:"chain_count"`
	Files             int           `json:"files"`
	Bytes             int64         `json:"bytes"`
	PayloadOxum       string        `json:"payload_oxum"`
	Originals         int           `json:"originals"`
	Reports           int           `json:"reports"`
	Sheets            int           `json:"sheets"`
	Missing           []bag.Missing `json:"missing"`
	Signer            string        `json:"signer"`
	TagManifestSHA256 string        `json:"tagmanifest_sha256"`
	Export            int64         `json:"export"`
}

func newExportBagCmd(g *globals) *cobra.Command {
	var out, paper string
	var sheetFiles, pairs []string
	var asJSON, landscape, allowMissing bool
	cmd := &cobra.Command{
		Use:   "bag -o DIR [--sheets a.pdf,b.pdf] [--sheet PAIR...]",
		Short: "Hand the case over as a BagIt bag: originals, reports, sheets, the case as JSON and its signed audit chain",
		Long: `Write the case as a BagIt bag (RFC 8493) in DIR, which must not exist or be
an empty folder, outside the case and the folders of evidence:

  data/originals/   every original, byte for byte (its SHA-256 checked first)
  data/reports/     every report's current file
  data/sheets/      the sheets given with --sheets, and those of --sheet PAIR
  data/case/        the case as JSON (images.json, reports.json, excerpts.json,
                    links.json, notes.json, tags.json, pairs.json,
                    annotations.json, ...), the audit chain (audit.jsonl),
                    checkpoints.jsonl and keys.json

bag-info.txt holds the case id, the audit chain's head and your signature
over it and the payload manifest; exhibit-signer.pem your public key. Check a
bag with: exhibit verify DIR. An original whose file is missing or changed
stops the bag (naming each) unless --allow-missing. Ctrl-C leaves nothing at
DIR. The bag is recorded in the audit trail with the SHA-256 of its
tagmanifest-sha256.txt, which covers every file of the bag.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return errors.New("export bag: give the bag's folder with -o DIR")
			}
			ctx, c := cmd.Context(), g.c
			opt := bag.Options{AllowMissing: allowMissing, Software: "exhibit " + version}
			for _, f := range sheetFiles {
				if fi, err := os.Stat(f); err != nil || !fi.Mode().IsRegular() {
					return fmt.Errorf("export bag: --sheets %s: not a file", f)
				}
				opt.Sheets = append(opt.Sheets, bag.Sheet{Path: f})
			}
			so := sheet.Options{Paper: paper, Landscape: landscape, Version: version, CaseName: c.Name()}
			switch strings.ToUpper(paper) {
			case "A4", "LETTER":
			default:
				return fmt.Errorf("--paper %q: want A4 or Letter", paper)
			}
			for _, p := range pairs {
				id, err := parsePair(p)
				if err != nil {
					return err
				}
				if _, err := c.Pair(ctx, id); err != nil {
					return err
				}
				opt.Sheets = append(opt.Sheets, bag.Sheet{Name: "pair-" + strconv.FormatInt(id, 10) + ".pdf", Write: func(w io.Writer) error {
					s, err := export.PairSheet(ctx, c, id)
					if err != nil {
						return err
					}
					return sheet.Write(w, []sheet.Sheet{*s}, so)
				}})
			}
			var bar *progressbar.ProgressBar
			if isatty.IsTerminal(os.Stderr.Fd()) {
				opt.Progress = func(done, total int) {
					if bar == nil {
						bar = newBar(total, "bagging")
					}
					bar.Set(done)
				}
			}
			res, err := bag.Write(ctx, c, out, opt)
			if bar != nil {
				bar.Finish()
				fmt.Fprintln(os.Stderr)
			}
			if errors.Is(err, context.Canceled) {
				return fmt.Errorf("export bag interrupted: nothing was left at %s", out)
			}
			if res == nil {
				return err
			}
			j := bagJSON{Bag: res.Dir, CaseID: res.CaseID, ChainHead: res.Head.Hash, ChainCount: res.Head.Count,
				Files: res.Files, Bytes: res.Bytes, PayloadOxum: res.PayloadOxum(), Originals: res.Originals,
				Reports: res.Reports, Sheets: res.Sheets, Missing: res.Missing, Signer: res.Signer, TagManifestSHA256: res.TagManifest}
			if j.Missing == nil {
				j.Missing = []bag.Missing{}
			}
			if res.Export != nil {
				j.Export = res.Export.ID
			}
			if asJSON {
				if werr := writeJSON(cmd.OutOrStdout(), j); werr != nil {
					return werr
				}
			} else {
				w := cmd.OutOrStdout()
				fmt.Fprintf(w, "%s: %d originals, %d reports, %d sheets; %d files, %d bytes\n", shown(res.Dir), res.Originals, res.Reports, res.Sheets, res.Files, res.Bytes)
				for _, m := range res.Missing {
					fmt.Fprintf(w, "missing: %s %d (SHA-256 %s): %s\n", m.Kind, m.ID, m.SHA256, m.Reason)
				}
				fmt.Fprintf(w, "audit chain: %d entries, head %s, signed by %s\n", res.Head.Count, res.Head.Hash, res.Signer)
				fmt.Fprintf(w, "tagmanifest-sha256.txt SHA-256 %s (recorded in the audit trail)\n", res.TagManifest)
			}
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&out, "out", "o", "", "the bag's folder (must not exist, or be empty)")
	fl.StringSliceVar(&sheetFiles, "sheets", nil, "PDF files (comma separated, or the flag repeated) to put in data/sheets/")
	fl.StringSliceVar(&pairs, "sheet", nil, "pairs (comma separated, or the flag repeated) whose comparison sheet goes in data/sheets/pair-N.pdf")
	fl.StringVar(&paper, "paper", "A4", "paper size of the --sheet sheets: A4 or Letter")
	fl.BoolVar(&landscape, "landscape", false, "landscape --sheet sheets")
	fl.BoolVar(&allowMissing, "allow-missing", false, "make the bag even when originals or reports are missing or changed (listed in data/case/missing.json)")
	fl.BoolVar(&asJSON, "json", false, "print the result as JSON")
	return needsCase(cmd, false)
}
