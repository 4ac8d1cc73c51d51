package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// Check the case… shows what `exhibit verify` finds: an intact sample
// case, then a note rewritten with other software, named.
func TestCheckCaseShowsWhatVerifyFinds(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	dialogText := func() string {
		top := tw.topOverlay()
		if top == nil {
			return ""
		}
		return strings.Join(apptest.Texts(top), "\n")
	}
	check := func(want string) string {
		t.Helper()
		tw.checkCase()
		var got string
		tw.q.WaitUntil(t, "the check's result", func() bool {
			got = dialogText()
			return strings.Contains(got, "Record:")
		})
		if !strings.Contains(got, want) {
			t.Errorf("the check says:\n%s\nwant %q", got, want)
		}
		tw.tapOverlayButton(t, "Close")
		return got
	}
	check("The case is intact")

	db, err := sql.Open("sqlite", catalog.SQLiteURI(filepath.Join(c.Dir(), catalog.DBName), nil))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE notes SET text = 'taken in the morning' WHERE id = (SELECT min(id) FROM notes)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	got := check("problems found")
	if !strings.Contains(got, "was changed behind Exhibit's back") {
		t.Errorf("the rewritten note is not named:\n%s", got)
	}
}
