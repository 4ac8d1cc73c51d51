package export

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/manifest"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

// Target is what to put on sheets: pairs, or single images.
type Target struct {
	Pairs  []int64
	Images []int64
	// Sites are sites, a site sheet each (after the pairs and images).
	Sites []int64
}

// Progress is told, after each sheet is laid out in the PDF, how many
// are done of how many; the PDF is written out after the last. It is
// called from one goroutine at a time.
type Progress func(done, total int)

// Sheets is a PDF of sheets written by ExportSheets.
type Sheets struct {
	// Export is the file as recorded in the audit trail.
	Export *catalog.Export
	// Sheets is how many sheets it holds.
	Sheets int
	// Unprinted are the images printed as placeholders, each with why.
	Unprinted []sheet.Unprinted
}

// WriteSheets writes the sheets of t as one PDF at path (see
// ExportSheets) and returns the export as recorded.
func WriteSheets(ctx context.Context, c *catalog.Case, t Target, path string, opt sheet.Options, progress Progress) (*catalog.Export, error) {
	res, err := ExportSheets(ctx, c, t, path, opt, progress)
	if err != nil {
		return nil, err
	}
	return res.Export, nil
}

// ExportSheets gathers the sheets of t and writes them as one PDF at path.
// The export is recorded (pending) before the file is written, through a
// temporary file (an interrupted export leaves no half file), then
// recorded done with the file's SHA-256. The PDF carries a manifest of
// what it shows, signed with the user's key, as embedded files, and
// prints the manifest's SHA-256 and the key's fingerprint in its footers
// (see internal/manifest).
//
// Each image is decoded from its original when its page is written, and
// let go once embedded. An image that cannot be printed (no pixels, a
// file damaged past decoding, an original missing or changed) is printed
// as a placeholder saying why, with its hash and caption; the result
// lists it, and so does the export's record.
func ExportSheets(ctx context.Context, c *catalog.Case, t Target, path string, opt sheet.Options, progress Progress) (*Sheets, error) {
	total := len(t.Pairs) + len(t.Images) + len(t.Sites)
	if total == 0 {
		return nil, fmt.Errorf("export sheets: nothing to export")
	}
	if opt.CaseName == "" {
		opt.CaseName = c.Name()
	}
	if opt.Created.IsZero() {
		opt.Created = time.Now() // the same time in the footer and the manifest
	}
	if progress != nil {
		opt.Progress = progress
	}
	if err := checkOutput(ctx, c, path); err != nil {
		return nil, fmt.Errorf("export sheets: %w", err)
	}
	sheets, items, err := gather(ctx, c, t)
	if err != nil {
		return nil, err
	}
	if opt.QuoteImages {
		quoteRegions(ctx, c, sheets)
	}
	objects := map[string]any{"pairs": t.Pairs, "images": t.Images, "paper": opt.Paper, "landscape": opt.Landscape}
	if len(t.Sites) > 0 {
		objects["sites"] = t.Sites
	}
	run, err := c.BeginExport(ctx, "sheet", path, objects)
	if err != nil {
		return nil, fmt.Errorf("export sheets: %w", err)
	}
	sealed, err := seal(ctx, c, run, opt.Created, items)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("export sheets: %w", err), run.Abandon(ctx, err))
	}
	opt.Attachments = []sheet.Attachment{
		{Name: manifest.ManifestName, Content: sealed.JSON},
		{Name: manifest.SignatureName, Content: sealed.Signature},
		{Name: manifest.SignerName, Content: sealed.PublicKeyPEM},
	}
	opt.Seal = &sheet.Seal{ManifestSHA256: sealed.SHA256, KeyFingerprint: sealed.KeyFingerprint}
	res := &Sheets{Sheets: len(sheets)}
	e, err := run.Write(ctx, func(w io.Writer) error {
		rep, err := sheet.WriteReport(w, sheets, opt)
		if err != nil {
			return err
		}
		res.Unprinted = rep.Unprinted
		if len(rep.Unprinted) > 0 {
			var un []map[string]any
			for _, u := range rep.Unprinted {
				un = append(un, map[string]any{"sheet": u.Sheet, "image": u.ImageID, "sha256": u.SHA256, "reason": u.Reason})
			}
			objects["unprinted"] = un
			run.SetObjects(objects)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("export sheets: %w", err)
	}
	res.Export = e
	return res, nil
}

// gather makes the sheets of t, in order, on all cores: what they say,
// and the sources of their images (decoded when the sheets are written).
func gather(ctx context.Context, c *catalog.Case, t Target) ([]sheet.Sheet, []manifest.Item, error) {
	type job struct {
		i    int
		id   int64
		kind string
	}
	var jobs []job
	for _, id := range t.Pairs {
		jobs = append(jobs, job{len(jobs), id, "pair"})
	}
	for _, id := range t.Images {
		jobs = append(jobs, job{len(jobs), id, "image"})
	}
	for _, id := range t.Sites {
		jobs = append(jobs, job{len(jobs), id, "site"})
	}
	sheets := make([]sheet.Sheet, len(jobs))
	items := make([]manifest.Item, len(jobs))
	errs := make([]error, len(jobs))
	// The first failure stops the feeding of jobs (not ctx: the sheets'
	// sources keep it, to be decoded when written).
	stop := make(chan struct{})
	var once sync.Once
	next := make(chan job)
	var wg sync.WaitGroup
	for range min(runtime.NumCPU(), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				s, item, err := gatherOne(ctx, c, j.id, j.kind)
				if err != nil {
					errs[j.i] = err
					once.Do(func() { close(stop) })
					continue
				}
				sheets[j.i], items[j.i] = *s, *item
			}
		}()
	}
feed:
	for _, j := range jobs {
		select {
		case next <- j:
		case <-stop:
			break feed
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	// Say the first failure, not a cancellation beside it.
	var cancelled error
	for _, err := range errs {
		switch {
		case err == nil:
		case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
			cancelled = cmp.Or(cancelled, err)
		default:
			return nil, nil, err
		}
	}
	if err := cmp.Or(ctx.Err(), cancelled); err != nil {
		return nil, nil, err
	}
	return sheets, items, nil
}

// gatherOne gathers the sheet of an image or a pair; a panic (in a
// decoder, say) becomes an error rather than ending the program from a
// worker goroutine.
func gatherOne(ctx context.Context, c *catalog.Case, id int64, kind string) (s *sheet.Sheet, item *manifest.Item, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, item, err = nil, nil, fmt.Errorf("sheet of %s %d: internal error: %v", kind, id, r)
		}
	}()
	switch kind {
	case "image":
		return imageSheet(ctx, c, id)
	case "site":
		return siteSheet(ctx, c, id)
	}
	return pairSheet(ctx, c, id)
}
