package catalog

import (
	"context"
	"database/sql"
	"os"
	"testing"
)

// An image cataloged before Exhibit recorded where capture times come
// from, its ModifyDate taken for its capture time (as Exhibit once did):
// read again, it has no capture time, its ModifyDate kept as what it is,
// the change audited with the value before; an image whose original
// changed since is left as it was, and listed with why; the record
// still verifies; a second run has nothing to do.
func TestRereadTimes(t *testing.T) {
	c, ims := timesCase(t)
	ctx := context.Background()
	mod, clocks := ims["modified.jpg"], ims["clocks.jpg"]
	// The catalog as an old Exhibit wrote it.
	err := c.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE images SET taken_at = '2019-03-04T05:06:07', taken_source = NULL WHERE id = ?`, mod.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE images SET taken_source = NULL WHERE id = ?`, clocks.ID); err != nil {
			return err
		}
		return c.audit(ctx, tx, "test.legacy", imageObject(mod.ID), nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	if im, _ := c.Image(ctx, mod.ID); im.TakenAt == nil {
		t.Fatal("the old catalog's capture time is not there to correct")
	}
	// clocks.jpg changed on disk since it was cataloged.
	if err := os.WriteFile(clocks.Paths()[0], []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}

	got, err := c.RereadTimes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("read again %+v, want the two images without a time source", got)
	}
	for _, r := range got {
		switch r.ImageID {
		case mod.ID:
			if r.Before != "2019-03-04T05:06:07" || r.After != "" || r.Source != "" || r.Error != "" {
				t.Errorf("modified.jpg: %+v", r)
			}
		case clocks.ID:
			if r.Error == "" {
				t.Errorf("clocks.jpg changed on disk, read again anyway: %+v", r)
			}
		}
	}
	im, err := c.Image(ctx, mod.ID)
	if err != nil {
		t.Fatal(err)
	}
	if im.TakenAt != nil || im.ModifiedAt == nil || clockString(*im.ModifiedAt) != "2019-03-04T05:06:07" {
		t.Errorf("modified.jpg after: taken %v, modified %v", im.TakenAt, im.ModifiedAt)
	}
	if im, _ := c.Image(ctx, clocks.ID); im.TakenAt == nil || clockString(*im.TakenAt) != "2017-10-17T14:02:11.25" {
		t.Errorf("clocks.jpg's time changed though its original could not be checked: %v", im.TakenAt)
	}
	var n int
	if err := c.rd.QueryRowContext(ctx, `SELECT count(*) FROM audit WHERE action = 'image.times' AND object = ?`, imageObject(mod.ID)).Scan(&n); err != nil || n != 1 {
		t.Errorf("image.times entries %d, %v", n, err)
	}
	if err := c.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err := c.VerifyChain(ctx)
	if err != nil || !rep.OK() {
		t.Errorf("the record after: %+v, %v", rep, err)
	}
	again, err := c.RereadTimes(ctx)
	if err != nil || len(again) != 1 || again[0].ImageID != clocks.ID {
		t.Errorf("a second run: %+v, %v (want only the image it could not read)", again, err)
	}
}
