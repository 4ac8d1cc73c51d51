package catalog

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// TestImportCancelDuringFlush cancels an import while a processed file waits
// to be written and lets the batch grow old enough to be flushed: the import
// must still end as cancelled (not fail), record its end, and keep every
// file it had processed.
func TestImportCancelDuringFlush(t *testing.T) {
	corpus := corpusDir(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := openTestCase(t)
	res, err := c.Import(ctx, []string{filepath.Join(corpus, "exif-samples/jpg")}, ImportOptions{
		Workers: 1,
		Progress: func(p ImportProgress) {
			if p.Done == 2 {
				// Let the worker get ahead: the next files are processed
				// and wait in the channel.
				time.Sleep(300 * time.Millisecond)
			}
			if p.Done == 3 {
				cancel()
				// Let the writer's batch become due (batchTime).
				time.Sleep(batchTime + 100*time.Millisecond)
			}
		},
	})
	if !errors.Is(err, context.Canceled) || res == nil || !res.Cancelled {
		t.Fatalf("cancelled import: res %+v, err %v", res, err)
	}
	bg := context.Background()
	n, err := c.CountImages(bg)
	if err != nil {
		t.Fatal(err)
	}
	if n != res.Added || n < 3 {
		t.Errorf("%d images in the case, the import reports %d added (want at least 3)", n, res.Added)
	}
	var status string
	if err := c.rd.QueryRowContext(bg, `SELECT status FROM imports WHERE id=?`, res.ImportID).Scan(&status); err != nil {
		t.Fatal(err)
	}
	if status != "cancelled" {
		t.Errorf("import status %q, want cancelled", status)
	}
}
