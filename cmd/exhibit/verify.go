package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
)

// verifyJSON is one file of `verify --json`. The field names are a
// contract: add fields (and kinds), never rename.
type verifyJSON struct {
	Kind   string `json:"kind"`             // original, report
	Image  int64  `json:"image,omitempty"`  // kind original
	Report int64  `json:"report,omitempty"` // kind report
	SHA256 string `json:"sha256"`
	Path   string `json:"path"`
	Status string `json:"status"` // ok, changed, missing, unreadable, accepted
	Error  string `json:"error,omitempty"`
	// Found and Reason: what the check found and why an investigator
	// accepted it (status accepted).
	Found  string `json:"found,omitempty"`
	Reason string `json:"reason,omitempty"`
}

func toVerifyJSON(r catalog.VerifyResult) verifyJSON {
	return verifyJSON{Kind: r.Kind, Image: r.ImageID, Report: r.ReportID, SHA256: r.SHA256, Path: r.Path,
		Status: r.Status, Error: r.Error, Found: r.Found, Reason: r.Reason}
}

// subject names what a result is about: "image 3", "report 2".
func (r verifyJSON) subject() string {
	switch r.Kind {
	case catalog.VerifyOriginal:
		return fmt.Sprintf("image %d", r.Image)
	case catalog.VerifyReport:
		return fmt.Sprintf("report %d", r.Report)
	}
	return r.Kind
}

// printVerify prints one line for each result that is not ok.
func printVerify(w io.Writer, rs []verifyJSON) {
	for _, r := range rs {
		switch r.Status {
		case catalog.VerifyOK:
		case catalog.VerifyAccepted:
			fmt.Fprintf(w, "accepted: %s: %s (%s) was %s: %s\n", r.Reason, shown(r.Path), r.subject(), r.Found, r.Error)
		default:
			fmt.Fprintf(w, "%s: %s (%s): %s\n", r.Status, shown(r.Path), r.subject(), r.Error)
		}
	}
}

func newVerifyCmd(g *globals) *cobra.Command {
	var asJSON bool
	var accept []string
	var acceptReports []int64
	var reason string
	cmd := &cobra.Command{
		Use:   "verify [FILE... | BAG]",
		Short: "Re-hash every original and report and check the case's record; or check exported files, or a bag",
		Long: `Without arguments: re-read every original at its cataloged paths, and every
report's file, and compare its bytes with the SHA-256 recorded when it was
added. A path whose file changed or disappeared stays changed or missing,
whatever imports come after, until an investigator accepts it with a reason:

    exhibit verify --accept IMAGE --reason "the witness sent a re-saved copy"

IMAGE is an id, a SHA-256 prefix, a path or a file name; a path accepts what
is found at that path. --accept-report ID does the same for a report's file.
Then check the case's record: recompute the audit chain, check every signed
checkpoint, and every row of the case against the last entry that speaks of
it. Exit status 1 when any file changed, is missing or unreadable, and is not
accepted, or when anything in the record was changed behind Exhibit's back.

With --json, an array: one element per file checked (kind "original" or
"report"), then one per problem of the record (kind "chain", "checkpoint" or
"row", with status, error, and entry, row or checkpoint).

With FILE...: check files exported from the case (PDF sheets, PNG renders,
CSV...): the signature of the manifest a sheet or render carries against the
key it carries, that the key is one the case knows, that the file's bytes are
those of an export recorded in the case, and that each original it lists
still has its hash in the case (and on disk, where at hand). Exit status 1,
naming what fails, when any file fails.

With BAG, a folder (holding bagit.txt) written by exhibit export bag: validate
it (manifests, Payload-Oxum, signature, audit chain); exit status 1 naming each
problem. No case is needed for that.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 && isDir(args[0]) {
				delete(cmd.Annotations, caseAnnotation) // a bag needs no case
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 && isDir(args[0]) {
				return verifyBag(cmd, args[0], asJSON)
			}
			if len(accept) > 0 || len(acceptReports) > 0 {
				return runAccept(cmd, g.c, accept, acceptReports, reason, asJSON)
			}
			if reason != "" {
				return errors.New("verify: --reason goes with --accept or --accept-report")
			}
			ctx, c := cmd.Context(), g.c
			if len(args) > 0 {
				return verifyExports(cmd, c, args, asJSON) // exported files: verify_exports.go
			}
			var bar *progressbar.ProgressBar
			progress := func(done, total int) {
				if bar == nil {
					bar = newBar(total, "verifying")
				}
				bar.Set(done)
			}
			if !isatty.IsTerminal(os.Stderr.Fd()) {
				progress = nil
			}
			res, err := c.Verify(ctx, progress)
			if bar != nil {
				bar.Finish()
				fmt.Fprintln(os.Stderr)
			}
			if err != nil {
				return err
			}
			bad, accepted := 0, 0
			files := []verifyJSON{}
			for _, r := range res {
				if r.Bad() {
					bad++
				}
				if r.Status == catalog.VerifyAccepted {
					accepted++
				}
				files = append(files, toVerifyJSON(r))
			}
			rep, recs, err := verifyRecord(ctx, c)
			if err != nil {
				return err
			}
			out := make([]any, 0, len(files)+len(recs))
			for _, f := range files {
				out = append(out, f)
			}
			for _, r := range recs {
				out = append(out, r)
			}
			if asJSON {
				if err := writeJSON(cmd.OutOrStdout(), out); err != nil {
					return err
				}
			} else {
				printVerify(cmd.OutOrStdout(), files)
				fmt.Fprintf(cmd.OutOrStdout(), "%d files checked, %d ok, %d accepted, %d changed, missing or unreadable\n",
					len(res), len(res)-bad-accepted, accepted, bad)
				printRecord(cmd.OutOrStdout(), rep)
			}
			var errs []string
			if bad > 0 {
				errs = append(errs, fmt.Sprintf("%d of %d files changed, missing or unreadable (see them above; accept with --accept IMAGE --reason TEXT)", bad, len(res)))
			}
			if !rep.OK() {
				errs = append(errs, fmt.Sprintf("the record has %d problems: it was changed behind Exhibit's back", len(rep.Problems)))
			}
			if len(errs) > 0 {
				return errors.New(strings.Join(errs, "; "))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of every file checked")
	cmd.Flags().StringArrayVar(&accept, "accept", nil, "accept what verify finds at IMAGE's paths (id, SHA-256 prefix, path or file name); needs --reason")
	cmd.Flags().Int64SliceVar(&acceptReports, "accept-report", nil, "accept what verify finds at report ID's file; needs --reason")
	cmd.Flags().StringVar(&reason, "reason", "", "why what verify finds is accepted (kept in the record)")
	return needsCase(cmd, false)
}

// runAccept records the investigator's reason for the results of the given
// images and reports, and prints what was accepted.
func runAccept(cmd *cobra.Command, c *catalog.Case, images []string, reports []int64, reason string, asJSON bool) error {
	ctx := cmd.Context()
	out := []verifyJSON{}
	for _, ref := range images {
		rs, err := c.AcceptVerify(ctx, ref, reason)
		if err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		for _, r := range rs {
			out = append(out, toVerifyJSON(r))
		}
	}
	for _, id := range reports {
		rs, err := c.AcceptReportVerify(ctx, id, reason)
		if err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		for _, r := range rs {
			out = append(out, toVerifyJSON(r))
		}
	}
	if asJSON {
		return writeJSON(cmd.OutOrStdout(), out)
	}
	printVerify(cmd.OutOrStdout(), out)
	return nil
}
