package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/internal/hubtest"
	"github.com/exhibit-app/exhibit/internal/testkit"
)

// TestHubCommands: publish a case, add a member, clone it on another
// laptop, change and sync both ways, all through the command line, with
// the --json contract of each and clear messages for bad input.
func TestHubCommands(t *testing.T) {
	pg := hubtest.StartPostgres(t)
	s3 := hubtest.StartS3(t)
	s3.SetEnv(t)
	db := pg.NewDatabase(t)
	store := s3.BucketURL("cli")
	aliceKeys, bobKeys := t.TempDir(), t.TempDir()
	a := filepath.Join(t.TempDir(), "A.exhibit")
	b := filepath.Join(t.TempDir(), "B.exhibit")
	src := t.TempDir()
	testkit.WriteJPEGs(t, src, "one.jpg", "two.jpg")

	t.Setenv("EXHIBIT_CONFIG_DIR", aliceKeys)
	mustRun(t, "--case", a, "import", src)
	report := filepath.Join(t.TempDir(), "report.txt")
	if err := os.WriteFile(report, []byte("The bridge was hit on 14 October.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--case", a, "report", "add", report)
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"--case", a, "hub", "init", "--db", pg.SuperURL(db), "--store", "ftp://host/b"}, "http(s)://HOST:PORT/BUCKET"},
		{[]string{"--case", a, "hub", "init", "--db", pg.URL("postgres", "wrong", db), "--store", store}, "refused the password"},
		{[]string{"--case", a, "hub", "init", "--db", "postgres://postgres@127.0.0.1:1/x", "--store", store}, "cannot be reached"},
		{[]string{"--case", a, "sync"}, "no hub"},
	} {
		out, err := run(t, bad.args...)
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("exhibit %s: got %v (%s), want %q", strings.Join(bad.args, " "), err, out, bad.want)
		}
		if err != nil && strings.Contains(err.Error(), "wrong") {
			t.Errorf("a password shown in a message: %v", err)
		}
	}
	ini := hasKeys(t, "hub init", decode(t, mustRun(t, "--case", a, "hub", "init", "--json", "--db", pg.SuperURL(db), "--store", store)),
		"case_id", "db", "store", "member", "sync")
	if up := ini["sync"].(map[string]any)["originals_up"]; up != 3.0 {
		t.Errorf("hub init uploaded %v originals and reports, want 3", up)
	}
	if strings.Contains(ini["db"].(string), hubtest.SuperPassword) {
		t.Errorf("hub init printed the password: %v", ini["db"])
	}
	t.Setenv("PGPASSWORD", hubtest.SuperPassword) // the case keeps no password
	mustRun(t, "--case", a, "hub", "member", "add", "bob_cli", "--role", "editor", "--password", "bob-pw")
	if _, err := run(t, "--case", a, "hub", "member", "add", "eve_cli", "--role", "admin"); err == nil || !strings.Contains(err.Error(), "no role") {
		t.Errorf("member add --role admin: got %v", err)
	}

	t.Setenv("EXHIBIT_CONFIG_DIR", bobKeys)
	clone := hasKeys(t, "clone", decode(t, mustRun(t, "clone", "--json", "--db", pg.URL("bob_cli", "bob-pw", db), b)),
		"case_id", "dir", "store", "member", "sync")
	if clone["case_id"] != ini["case_id"] {
		t.Errorf("clone of case %v is case %v", ini["case_id"], clone["case_id"])
	}
	t.Setenv("PGPASSWORD", "bob-pw")
	mustRun(t, "--case", b, "note", "one.jpg", "seen from the bridge")
	keys := []string{"pushed", "pulled", "originals_up", "originals_down", "conflicts", "missing_originals", "hub_behind"}
	got := hasKeys(t, "sync", decode(t, mustRun(t, "--case", b, "sync", "--json")), keys...)
	if got["pushed"].(float64) < 1 {
		t.Errorf("bob's sync pushed nothing: %v", got)
	}
	fetch := hasKeys(t, "hub fetch", decode(t, mustRun(t, "--case", b, "hub", "fetch", "--all", "--json")), "fetched", "had", "missing")
	_ = fetch

	t.Setenv("EXHIBIT_CONFIG_DIR", aliceKeys)
	t.Setenv("PGPASSWORD", hubtest.SuperPassword)
	got = hasKeys(t, "sync", decode(t, mustRun(t, "--case", a, "sync", "--json")), keys...)
	if got["pulled"].(float64) < 1 {
		t.Errorf("alice's sync pulled nothing: %v", got)
	}
	if out := mustRun(t, "--case", a, "show", "one.jpg"); !strings.Contains(out, "seen from the bridge") {
		t.Errorf("bob's note is not in alice's case:\n%s", out)
	}
	for _, c := range []string{a, b} {
		mustRun(t, "--case", c, "verify")
	}
}
