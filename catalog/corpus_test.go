package catalog

import (
	"github.com/exhibit-app/exhibit/internal/testkit"
	"testing"
)

// corpusDir finds ../shared/corpus (the shared test photos beside the
// repository) by walking up from the working folder; it skips the test when
// there is none.
func corpusDir(t testing.TB) string {
	t.Helper()
	return testkit.CorpusDir(t)
}
