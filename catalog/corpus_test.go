package catalog

import (
	"os"
	"path/filepath"
	"testing"
)

// corpusDir finds ../shared/corpus (the shared test photos beside the
// repository) by walking up from the working folder; it skips the test when
// there is none.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		c := filepath.Join(dir, "shared", "corpus")
		if fi, err := os.Stat(c); err == nil && fi.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no shared/corpus beside the repository: the test photos are not here")
		}
		dir = parent
	}
}
