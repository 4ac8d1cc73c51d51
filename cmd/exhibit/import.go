package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
)

type importJSON struct {
	Added        int           `json:"added"`
	Unchanged    int           `json:"unchanged"`
	Failed       []failureJSON `json:"failed"`
	Warnings     []failureJSON `json:"warnings"`
	NewLocations int           `json:"new_locations"`
	Gone         int           `json:"gone"`
	Skipped      []skipJSON    `json:"skipped"`
	Cancelled    bool          `json:"cancelled"`
	// Counts sorts every file the import found (see importCountsJSON);
	// MetadataOnly lists the files cataloged without a picture.
	Counts       importCountsJSON `json:"counts"`
	MetadataOnly []noPictureJSON  `json:"metadata_only"`
	// ProvisionalThumbnails counts the JPEGs shown by the preview their
	// camera embedded while their real thumbnails were made.
	ProvisionalThumbnails int `json:"provisional_thumbnails"`
}

// importCountsJSON sorts the files an import found: cataloged with pixels
// (pictures, of which pictures_with_warnings were damaged), cataloged from
// their metadata alone (metadata_only), failed (nothing readable, or
// refused) and skipped (not images).
type importCountsJSON struct {
	Pictures             int `json:"pictures"`
	PicturesWithWarnings int `json:"pictures_with_warnings"`
	MetadataOnly         int `json:"metadata_only"`
	Failed               int `json:"failed"`
	Skipped              int `json:"skipped"`
}

// noPictureJSON is a file cataloged with its hash and metadata but no
// picture, with why.
type noPictureJSON struct {
	Path   string  `json:"path"`
	Reason string  `json:"reason"`
	SHA256 *string `json:"sha256"`
	Size   int64   `json:"size"`
}

// failureJSON is a file that failed (or was cataloged with a warning), in
// `import --json` and `ls --failed --json`. sha256 is null when the file
// could not be read.
type failureJSON struct {
	Path   string  `json:"path"`
	Error  string  `json:"error"`
	SHA256 *string `json:"sha256"`
	Size   int64   `json:"size"`
}

// skipJSON is a file left out as no image. sha256 is null for what is
// never opened (named pipes, sockets, devices) or could not be read.
type skipJSON struct {
	Path   string  `json:"path"`
	Reason string  `json:"reason"`
	SHA256 *string `json:"sha256"`
	Size   int64   `json:"size"`
}

func toFailureJSON(f catalog.Failure) failureJSON {
	return failureJSON{Path: f.Path, Error: f.Error, SHA256: nullable(f.SHA256), Size: f.Size}
}

// nullable is s, or nil (null in JSON) when it is empty.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func newImportCmd(g *globals) *cobra.Command {
	var asJSON bool
	var workers int
	var verbose bool
	cmd := &cobra.Command{
		Use:   "import PATH...",
		Short: "Catalog the images in files and folders (recursively)",
		Long: `Catalog the images found in PATH (files or folders, walked recursively).
Originals are opened read-only and never changed. Re-running adds only what
is new or changed; a file that moved is recognised by its SHA-256. A file that
cannot be read or decoded is reported with its reason and the import goes on.
Ctrl-C stops the import and keeps what was cataloged; run it again to resume.`,
		// The paths are checked before the case is opened (or created).
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return errors.New("import: give the files or folders to import")
			}
			for _, a := range args {
				if _, err := os.Stat(a); err != nil {
					return fmt.Errorf("import %s: %w", a, errors.Unwrap(err))
				}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c := cmd.Context(), g.c
			opt := catalog.ImportOptions{Workers: workers}
			var bar *progressbar.ProgressBar
			if isatty.IsTerminal(os.Stderr.Fd()) {
				opt.Progress = func(p catalog.ImportProgress) {
					if bar == nil {
						bar = newBar(p.Total, "importing")
					}
					bar.Set(p.Done)
				}
			}
			res, err := c.Import(ctx, args, opt)
			if bar != nil {
				bar.Finish()
				fmt.Fprintln(os.Stderr)
			}
			if res == nil {
				return err
			}
			if asJSON {
				if werr := writeJSON(cmd.OutOrStdout(), toImportJSON(res)); werr != nil {
					return werr
				}
			} else {
				printImport(cmd, res, verbose)
			}
			if errors.Is(err, context.Canceled) {
				return errors.New("import interrupted: what was cataloged is kept; run the same import again to finish")
			}
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "also list the files skipped as not images")
	cmd.Flags().IntVar(&workers, "workers", 0, "files processed at once (default: one per CPU)")
	return needsCase(cmd, true)
}

// newBar makes a progress bar on standard error with count, rate and time left.
func newBar(total int, what string) *progressbar.ProgressBar {
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("files"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionFullWidth(),
		progressbar.OptionThrottle(100*time.Millisecond),
	)
}

func toImportJSON(res *catalog.ImportResult) importJSON {
	j := importJSON{Added: res.Added, Unchanged: res.Unchanged, NewLocations: res.NewLocations, Gone: res.Gone,
		Cancelled: res.Cancelled, Failed: []failureJSON{}, Warnings: []failureJSON{}, Skipped: []skipJSON{},
		ProvisionalThumbnails: res.Provisional}
	for _, f := range res.Warnings {
		j.Warnings = append(j.Warnings, toFailureJSON(f))
	}
	for _, f := range res.Failed {
		j.Failed = append(j.Failed, toFailureJSON(f))
	}
	for _, s := range res.Skipped {
		j.Skipped = append(j.Skipped, skipJSON{Path: s.Path, Reason: s.Reason, SHA256: nullable(s.SHA256), Size: s.Size})
	}
	j.MetadataOnly = []noPictureJSON{}
	for _, f := range res.NoPicture {
		j.MetadataOnly = append(j.MetadataOnly, noPictureJSON{Path: f.Path, Reason: f.Error, SHA256: nullable(f.SHA256), Size: f.Size})
	}
	j.Counts = importCountsJSON{Pictures: res.Pictures, PicturesWithWarnings: len(res.Warnings),
		MetadataOnly: len(res.NoPicture), Failed: len(res.Failed), Skipped: len(res.Skipped)}
	return j
}

func printImport(cmd *cobra.Command, res *catalog.ImportResult, verbose bool) {
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "%d added, %d unchanged", res.Added, res.Unchanged)
	if res.NewLocations > 0 {
		fmt.Fprintf(w, " (%d found at a new path)", res.NewLocations)
	}
	fmt.Fprintf(w, ", %d failed, %d skipped", len(res.Failed), len(res.Skipped))
	if res.Gone > 0 {
		fmt.Fprintf(w, ", %d no longer at their path", res.Gone)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%d pictures (%d with warnings), %d metadata only (no picture), %d failed, %d skipped\n",
		res.Pictures, len(res.Warnings), len(res.NoPicture), len(res.Failed), len(res.Skipped))
	for _, f := range res.Failed {
		fmt.Fprintf(w, "failed: %s: %s\n", shown(f.Path), f.Error)
	}
	for _, f := range res.Warnings {
		fmt.Fprintf(w, "cataloged, but %s: %s\n", shown(f.Path), f.Error)
	}
	for _, f := range res.NoPicture {
		fmt.Fprintf(w, "metadata only: %s: %s\n", shown(f.Path), f.Error)
	}
	if !verbose {
		return
	}
	for _, s := range res.Skipped {
		fmt.Fprintf(w, "skipped: %s: %s\n", shown(s.Path), s.Reason)
	}
}
