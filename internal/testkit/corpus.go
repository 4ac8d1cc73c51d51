package testkit

import (
	"os"
	"path/filepath"
	"testing"
)

// InCI reports whether the tests run in CI (CI=true), where nothing they
// need may be missing: a skip there would hide a test that did not run.
func InCI() bool { return os.Getenv("CI") == "true" }

// CorpusDir finds ../shared/corpus beside the repository (from the test's
// folder upwards). Without it a test is skipped with a message, except in
// CI, where it fails.
func CorpusDir(t testing.TB) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		c := filepath.Join(dir, "shared", "corpus")
		if fi, err := os.Stat(c); err == nil && fi.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			Missing(t, "no shared/corpus beside the repository")
		}
		dir = parent
	}
}

// Missing skips the test for want of what it needs (a reference tool, the
// corpus) and says why; in CI, where everything must be there, it fails.
func Missing(t testing.TB, why string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s (CI=true: nothing may be missing)", why)
	}
	t.Skip(why)
}
