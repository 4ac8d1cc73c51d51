package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Several programs writing one case at once (each its own Case, its own
// connections, as the app and commands in a terminal are): an import,
// three programs adding marks, three adding reports and one adding notes.
// None gives up for a lock it could wait for, nothing is lost, and the
// record proves itself afterwards.
func TestManyWritersLoseNothing(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "Shared.exhibit")
	first, ids := func() (*Case, []int64) {
		c, err := Open(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		src := t.TempDir()
		writeNoiseJPEGs(t, src, 2, 64, 48)
		if _, err := c.Import(ctx, []string{src}, ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		ims, err := c.Images(ctx, Filter{})
		if err != nil || len(ims) != 2 {
			t.Fatalf("%d images, %v", len(ims), err)
		}
		return c, []int64{ims[0].ID, ims[1].ID}
	}()
	defer first.Close()

	bulk := t.TempDir()
	writeNoiseJPEGs(t, bulk, 150, 320, 240)
	reports := t.TempDir()
	var paragraphs strings.Builder
	for i := range 400 {
		fmt.Fprintf(&paragraphs, "Paragraph %d: witnesses saw the strike on the bakery at %d:00.\n\n", i, i%24)
	}

	const marksEach, notes = 25, 40
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	open := func(program string) *Case {
		c, err := Open(ctx, dir)
		if err != nil {
			errs <- err
			return nil
		}
		c.SetProgram(program)
		return c
	}
	wg.Go(func() {
		c := open("exhibit import")
		if c == nil {
			return
		}
		defer c.Close()
		if res, err := c.Import(ctx, []string{bulk}, ImportOptions{Workers: 2}); err != nil {
			errs <- fmt.Errorf("import: %w", err)
		} else if res.Added != 150 {
			errs <- fmt.Errorf("import added %d, want 150", res.Added)
		}
	})
	for w := range 3 {
		wg.Go(func() {
			c := open("exhibit annotate")
			if c == nil {
				return
			}
			defer c.Close()
			for i := range marksEach {
				a := Annotation{ImageID: ids[w%2], Kind: KindRect, Color: "#ff0000", Width: 3,
					Points: []Point{{X: 0.1, Y: 0.1}, {X: 0.2 + float64(i)/100, Y: 0.3}}, Note: fmt.Sprintf("writer %d mark %d", w, i)}
				if _, err := c.AddAnnotations(ctx, []Annotation{a}); err != nil {
					errs <- fmt.Errorf("annotate: %w", err)
					return
				}
			}
		})
		wg.Go(func() {
			c := open("exhibit report add")
			if c == nil {
				return
			}
			defer c.Close()
			p := writeReport(t, reports, fmt.Sprintf("r%d.md", w), fmt.Sprintf("# Report %d\n\n", w)+paragraphs.String())
			if _, err := c.AddReport(ctx, p, ReportOptions{}); err != nil {
				errs <- fmt.Errorf("report add: %w", err)
			}
		})
	}
	wg.Go(func() {
		c := open("exhibit note")
		if c == nil {
			return
		}
		defer c.Close()
		for i := range notes {
			if _, err := c.AddNote(ctx, ids[i%2], fmt.Sprintf("note %d", i)); err != nil {
				errs <- fmt.Errorf("note: %w", err)
				return
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	count := func(q string) int {
		var n int
		if err := first.rd.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(`SELECT count(*) FROM images`); n != 152 {
		t.Errorf("%d images, want 152", n)
	}
	if n := count(`SELECT count(*) FROM annotations`); n != 3*marksEach {
		t.Errorf("%d marks, want %d", n, 3*marksEach)
	}
	if n := count(`SELECT count(*) FROM reports`); n != 3 {
		t.Errorf("%d reports, want 3", n)
	}
	if n := count(`SELECT count(*) FROM notes`); n != notes {
		t.Errorf("%d notes, want %d", n, notes)
	}
	rep, err := first.VerifyChain(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Errorf("the record after many writers:\n%s", problemsText(rep))
	}
}

// A write waits for another program holding the lock for longer than
// SQLite's own wait, is told so after a few seconds, and then succeeds.
func TestWriteWaitsForAnotherProgram(t *testing.T) {
	ctx := context.Background()
	c := openTestCase(t)
	other, err := sql.Open("sqlite", SQLiteURI(filepath.Join(c.Dir(), DBName), nil))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	var told atomic.Int32
	c.OnWait(func(time.Duration) { told.Add(1) })
	done := make(chan error, 1)
	go func() {
		done <- c.write(ctx, func(tx *sql.Tx) error { return c.audit(ctx, tx, "test.wait", "case", nil) })
	}()
	// Held well past busy_timeout and the note's delay; released when the
	// waiting write has said it waits.
	deadline := time.After(30 * time.Second)
	for told.Load() == 0 {
		select {
		case err := <-done:
			t.Fatalf("the write ended while the lock was held: %v", err)
		case <-deadline:
			t.Fatal("no note while waiting 30 s for the lock")
		case <-time.After(100 * time.Millisecond):
		}
	}
	if _, err := conn.ExecContext(ctx, `COMMIT`); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("the write failed after the lock was released: %v", err)
	}
}
