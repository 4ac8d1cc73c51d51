package catalog

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenMigratesAndReopens(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "Test.exhibit")
	c, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	var v int
	if err := c.wr.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != SchemaVersion() || v < 1 {
		t.Errorf("user_version = %d, want %d", v, SchemaVersion())
	}
	var mode string
	c.wr.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	var fk int
	c.rd.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk)
	if fk != 1 {
		t.Errorf("foreign_keys = %d on a reader, want 1", fk)
	}
	if c.Name() != "Test" || !IsCase(dir) {
		t.Errorf("Name = %q, IsCase = %v", c.Name(), IsCase(dir))
	}
	c.Close()
	// Reopening applies nothing twice.
	c, err = Open(ctx, dir)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer c.Close()
	if err := c.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.wr.ExecContext(ctx, "PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	c.Close()
	_, err = Open(ctx, dir)
	if err == nil || !strings.Contains(err.Error(), "newer than this Exhibit") {
		t.Fatalf("opening a newer case: err = %v, want a clear refusal", err)
	}
}

func TestReadersCannotWrite(t *testing.T) {
	c := openTestCase(t)
	if _, err := c.rd.Exec(`INSERT INTO audit(at, action) VALUES('x','y')`); err == nil {
		t.Error("the reading pool accepted a write")
	}
}

func TestAuditIsAppendOnly(t *testing.T) {
	ctx := context.Background()
	c := openTestCase(t)
	if err := c.write(ctx, func(tx *sql.Tx) error { return c.audit(ctx, tx, "test.action", "image:1", map[string]int{"n": 1}) }); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE audit SET action='x'`, `DELETE FROM audit`} {
		if _, err := c.wr.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want append-only refusal", q, err)
		}
	}
	es, err := c.Audit(ctx, "image:1")
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Action != "test.action" || es[0].Details != `{"n":1}` {
		t.Errorf("audit = %+v", es)
	}
}

func openTestCase(t testing.TB) *Case {
	t.Helper()
	c, err := Open(context.Background(), filepath.Join(t.TempDir(), "T.exhibit"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// Several programs opening a new case at the same moment (the app and a
// command): each migration is applied once, and every one of them opens it.
func TestConcurrentOpenMigratesOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Race.exhibit")
	const n = 6
	errs := make(chan error, n)
	start := make(chan struct{})
	for range n {
		go func() {
			<-start
			c, err := Open(context.Background(), dir)
			if err == nil {
				err = c.Close()
			}
			errs <- err
		}()
	}
	close(start)
	for range n {
		if err := <-errs; err != nil {
			t.Errorf("open: %v", err)
		}
	}
}

// A case the user cannot write to (read-only media, another user's folder)
// is refused with a message that says what to do, and left as it was. (Root
// writes everywhere, so the test needs an ordinary user.)
func TestReadOnlyCase(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: every folder is writable")
	}
	dir := filepath.Join(t.TempDir(), "Given.exhibit")
	c, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	before, _ := os.ReadFile(filepath.Join(dir, DBName))
	for _, p := range []string{filepath.Join(dir, DBName), filepath.Join(dir, "cache"), dir} {
		if err := os.Chmod(p, 0o555); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	_, err = Open(context.Background(), dir)
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "copy the case folder") {
		t.Fatalf("open = %v; want ErrReadOnly, saying to copy the case", err)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, DBName)); !bytes.Equal(before, after) {
		t.Error("the read-only case was changed")
	}
}

// A case is never made inside a folder that holds other files (a folder of
// evidence given as --case by mistake): Open refuses, and writes nothing
// there. An empty folder, or one an interrupted Open left, is fine.
func TestOpenRefusesAFolderOfFiles(t *testing.T) {
	dir := t.TempDir()
	photo := filepath.Join(dir, "IMG_0001.jpg")
	if err := os.WriteFile(photo, []byte("not really a photo"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), dir)
	if !errors.Is(err, ErrNotCase) || !strings.Contains(err.Error(), "IMG_0001.jpg") || !strings.Contains(err.Error(), ".exhibit") {
		t.Fatalf("open = %v; want ErrNotCase naming IMG_0001.jpg and suggesting a .exhibit folder", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries in the folder; Open wrote there", len(entries))
	}

	empty := t.TempDir()
	if err := os.Mkdir(filepath.Join(empty, "cache"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(empty, ".DS_Store"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Open(context.Background(), empty)
	if err != nil {
		t.Fatalf("open a folder holding only an empty cache and a hidden file: %v", err)
	}
	c.Close()
}

// A case folder whose name holds characters that mean something in a URI
// ("#", "?", "%") keeps its catalog inside it.
func TestCaseFolderWithURICharacters(t *testing.T) {
	for _, name := range []string{"Raqqa #2.exhibit", "50% done?.exhibit", "a%23b.exhibit"} {
		dir := filepath.Join(t.TempDir(), name)
		c, err := Open(context.Background(), dir)
		if err != nil {
			t.Fatalf("open %q: %v", name, err)
		}
		c.Close()
		if !IsCase(dir) {
			t.Errorf("%q: no catalog.db inside the case folder", name)
		}
		entries, _ := os.ReadDir(filepath.Dir(dir))
		if len(entries) != 1 {
			t.Errorf("%q: %d entries beside the case: the catalog went elsewhere", name, len(entries))
		}
	}
}
