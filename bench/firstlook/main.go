// Command firstlook measures an import's first look (issue 13: "a usable
// grid of 2,000 camera JPEGs in under 10 s"): it imports DIR into a fresh
// case as the app does (catalog.Import with FirstLook) and prints, in
// seconds from the start of the import:
//
//   - glimpses: when the import has read the head of every file and
//     hands the library the previews the cameras embedded, before it
//     hashes anything (the library shows the files arriving);
//   - glimpse_grid: when the library's first screenful of those has been
//     decoded the way it decodes them (ui.ArrivalThumb);
//   - first_look: when the first pass has cataloged every file (hashed,
//     metadata read, the camera's embedded preview written as a
//     provisional thumbnail), the moment the app's library is told to show
//     the images;
//   - grid: when the library's first screenful (-grid thumbnails, by id)
//     has been loaded and decoded the way the library loads them
//     (ui.LoadThumbAny with provisional thumbnails allowed), on its own
//     goroutine while the import's second pass makes the real thumbnails,
//     as in the app;
//   - done: when the import returned, every real thumbnail made.
//
// It measures the catalog and the library's loader, not the drawing of
// the window (bench/firstlook-gui.sh does that with screenshots of the app).
// Usage: go run ./bench/firstlook [-grid 48] [-case DIR] FOLDER
package main

import (
	_ "github.com/exhibit-app/exhibit/app/locale" // first: a locale Fyne can parse

	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
)

type result struct {
	Files           int     `json:"files"`
	Glimpses        float64 `json:"glimpses_s"`
	GlimpsePreviews int     `json:"glimpse_previews"`
	GlimpseGrid     float64 `json:"glimpse_grid_s"`
	GlimpseShown    int     `json:"glimpse_grid_thumbnails_shown"`
	Cataloged       int     `json:"cataloged_at_first_look"`
	Provisional     int     `json:"provisional_thumbnails"`
	FirstLook       float64 `json:"first_look_s"`
	Grid            float64 `json:"grid_s"`
	GridShown       int     `json:"grid_thumbnails_shown"`
	GridProv        int     `json:"grid_thumbnails_provisional"`
	GridMissing     int     `json:"grid_thumbnails_missing"`
	Done            float64 `json:"done_s"`
	Pictures        int     `json:"pictures"`
	Failed          int     `json:"failed"`
}

func main() {
	grid := flag.Int("grid", 48, "thumbnails in the library's first screenful")
	caseDir := flag.String("case", "", "the case to import into (default: a fresh one in a temporary folder)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: firstlook [-grid N] [-case DIR] FOLDER")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *caseDir, *grid); err != nil {
		fmt.Fprintln(os.Stderr, "firstlook:", err)
		os.Exit(1)
	}
}

func run(dir, caseDir string, grid int) error {
	ctx := context.Background()
	if caseDir == "" {
		tmp, err := os.MkdirTemp("", "firstlook")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		caseDir = filepath.Join(tmp, "Bench.exhibit")
	}
	c, err := catalog.Open(ctx, caseDir)
	if err != nil {
		return err
	}
	defer c.Close()
	var r result
	gridDone := make(chan struct{})
	start := time.Now()
	glimpseDone := make(chan struct{})
	opts := catalog.ImportOptions{Glimpses: func(gs []catalog.Glimpse) {
		r.Glimpses = time.Since(start).Seconds()
		for _, g := range gs {
			if g.Preview != nil {
				r.GlimpsePreviews++
			}
		}
		go func() {
			defer close(glimpseDone)
			for i, g := range gs {
				if i == grid {
					break
				}
				if img, err := ui.ArrivalThumb(ui.Arrival{Glimpse: g}); err == nil && img != nil {
					r.GlimpseShown++
				}
			}
			r.GlimpseGrid = time.Since(start).Seconds()
		}()
	}}
	opts.FirstLook = func() {
		r.FirstLook = time.Since(start).Seconds()
		// The library, told the case changed, lists the images and
		// loads the thumbnails it shows, away from the import.
		go func() {
			defer close(gridDone)
			ims, err := c.Images(ctx, catalog.Filter{})
			if err != nil {
				return
			}
			r.Cataloged = len(ims)
			for i, im := range ims {
				if i == grid {
					break
				}
				img, prov, err := ui.LoadThumbAny(ctx, c, im, true)
				switch {
				case err != nil || img == nil:
					r.GridMissing++
				case prov:
					r.GridProv++
					r.GridShown++
				default:
					r.GridShown++
				}
			}
			r.Grid = time.Since(start).Seconds()
		}()
	}
	res, err := c.Import(ctx, []string{dir}, opts)
	r.Done = time.Since(start).Seconds()
	if err != nil {
		return err
	}
	if r.FirstLook == 0 {
		return fmt.Errorf("the import never called FirstLook")
	}
	<-gridDone
	if r.Glimpses > 0 {
		<-glimpseDone
	}
	r.Files = res.Added + res.Unchanged + len(res.Failed) + len(res.Skipped)
	r.Provisional = res.Provisional
	r.Pictures = res.Pictures
	r.Failed = len(res.Failed)
	e := json.NewEncoder(os.Stdout)
	e.SetIndent("", "  ")
	return e.Encode(r)
}
