package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// An opposing expert's afternoon: with the case file and sqlite3 alone,
// drop the append-only trigger, rewrite an image's hash, a note and an
// audit entry, delete a row, recreate the trigger. `exhibit verify` names
// each change and exits 1.
func TestVerifyFindsRewrites(t *testing.T) {
	corpus := corpusDir(t)
	src := t.TempDir()
	b, err := os.ReadFile(filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "a.jpg"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		stmts []string
		want  string
	}{
		{"image hash", []string{`UPDATE images SET sha256 = 'ff' || substr(sha256, 3)`}, "image 1 (images/1) was changed behind Exhibit's back"},
		{"note", []string{`UPDATE notes SET text = 'taken in the morning'`}, "note 1 (notes/1) was changed behind Exhibit's back"},
		{"audit entry", []string{`UPDATE audit SET details = 'taken in the morning' WHERE action = 'note.add'`}, "was changed: its content no longer gives its hash"},
		{"note deleted, gap closed", []string{`DELETE FROM notes`}, "note 1 (notes/1) was deleted behind Exhibit's back"},
		{"audit entry deleted", []string{`DELETE FROM audit WHERE action = 'tag.add'`}, "does not follow the entry before it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			caseDir := filepath.Join(t.TempDir(), "C.exhibit")
			mustRun(t, "--case", caseDir, "import", src)
			mustRun(t, "--case", caseDir, "note", "1", "shadows point to late afternoon")
			mustRun(t, "--case", caseDir, "tag", "1", "bakery")
			if out, err := run(t, "--case", caseDir, "verify"); err != nil || !strings.Contains(out, "rows checked: ok") {
				t.Fatalf("verify before tampering: %v\n%s", err, out)
			}
			db, err := sql.Open("sqlite", catalog.SQLiteURI(filepath.Join(caseDir, catalog.DBName), nil))
			if err != nil {
				t.Fatal(err)
			}
			stmts := append([]string{`DROP TRIGGER audit_no_update`, `DROP TRIGGER audit_no_delete`}, tc.stmts...)
			stmts = append(stmts,
				`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`,
				`CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`)
			for _, s := range stmts {
				if _, err := db.Exec(s); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			db.Close()
			out, err := run(t, "--case", caseDir, "verify")
			if err == nil {
				t.Fatalf("verify exits 0 after %s:\n%s", tc.name, out)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("verify does not say %q:\n%s", tc.want, out)
			}
			js, _ := run(t, "--case", caseDir, "verify", "--json")
			found := false
			for _, e := range decode(t, js).([]any) {
				m := e.(map[string]any)
				if k, _ := m["kind"].(string); (k == "row" || k == "chain") && strings.Contains(m["error"].(string), tc.want) {
					found = true
				}
			}
			if !found {
				t.Errorf("verify --json has no element saying %q:\n%s", tc.want, js)
			}
		})
	}
}
