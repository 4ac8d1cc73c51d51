package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// benchCase makes a case of images images and about entries audit entries,
// written through Exhibit (each image with its location and an entry, then
// notes and tags), and returns its folder.
func benchCase(b *testing.B, images, entries int) string {
	b.Helper()
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(b.TempDir(), "Bench.exhibit"))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	const perTx = 500
	for start := 0; start < images; start += perTx {
		err := c.write(ctx, func(tx *sql.Tx) error {
			for i := start; i < min(start+perTx, images); i++ {
				r, err := tx.ExecContext(ctx, `INSERT INTO images(sha256, size, format, width, height, imported_at) VALUES(?,?,?,?,?,?)`,
					fmt.Sprintf("%064x", i), 3_000_000+i, "jpeg", 4000, 3000, "2026-12-07T00:00:00Z")
				if err != nil {
					return err
				}
				id, _ := r.LastInsertId()
				if _, err := tx.ExecContext(ctx, `INSERT INTO locations(image_id, path, size, mtime_ns, first_seen, last_seen) VALUES(?,?,?,?,?,?)`,
					id, fmt.Sprintf("/evidence/raqqa/IMG_%05d.JPG", i), 3_000_000+i, 0, "2026-12-07T00:00:00Z", "2026-12-07T00:00:00Z"); err != nil {
					return err
				}
				if err := c.audit(ctx, tx, "image.add", imageObject(id), map[string]any{"path": fmt.Sprintf("/evidence/raqqa/IMG_%05d.JPG", i)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	for done := images; done < entries; done += perTx {
		err := c.write(ctx, func(tx *sql.Tx) error {
			for i := done; i < min(done+perTx, entries); i++ {
				img := int64(i%images + 1)
				if i%2 == 0 {
					if _, err := tx.ExecContext(ctx, `INSERT INTO notes(image_id, text, created_at) VALUES(?,?,?)`, img, fmt.Sprintf("note %d on the bakery", i), "2026-12-07T00:00:00Z"); err != nil {
						return err
					}
					if err := c.audit(ctx, tx, "note.add", imageObject(img), fmt.Sprintf("note %d on the bakery", i)); err != nil {
						return err
					}
					continue
				}
				if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO tags(image_id, tag, created_at) VALUES(?,?,?)`, img, fmt.Sprintf("t%d", i%50), "2026-12-07T00:00:00Z"); err != nil {
					return err
				}
				if err := c.audit(ctx, tx, "tag.add", imageObject(img), fmt.Sprintf("t%d", i%50)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return c.Dir()
}

// BenchmarkVerifyChain checks the record of a case of 10,000 images and
// 100,000 audit entries: every entry, checkpoint and row (target: < 2 s).
func BenchmarkVerifyChain(b *testing.B) {
	dir := benchCase(b, 10_000, 100_000)
	ctx := context.Background()
	c, err := Open(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	var rep *ChainReport
	for b.Loop() {
		if rep, err = c.VerifyChain(ctx); err != nil {
			b.Fatal(err)
		}
	}
	if !rep.OK() || rep.Entries < 100_000 {
		b.Fatalf("%d entries, problems:\n%s", rep.Entries, problemsText(rep))
	}
	b.ReportMetric(float64(rep.Entries), "entries")
	b.ReportMetric(float64(rep.Rows), "rows")
}
