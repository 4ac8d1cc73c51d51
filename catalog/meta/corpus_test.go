package meta

import (
	"github.com/exhibit-app/exhibit/internal/testkit"
	"os"
	"path/filepath"
	"testing"
)

// corpusDir finds shared/corpus by walking up from the working directory, or
// skips the test.
func corpusDir(tb testing.TB) string {
	tb.Helper()
	return testkit.CorpusDir(tb)
}

// corpusFiles lists every file under the corpus, relative to it, sorted.
func corpusFiles(tb testing.TB, root string) []string {
	tb.Helper()
	var files []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("walk corpus: %v", err)
	}
	return files
}
