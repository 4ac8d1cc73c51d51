package hubtest

import (
	"testing"

	"github.com/exhibit-app/exhibit/internal/testkit"
)

// Unavailable skips t for want of a server, saying why; under CI=true,
// where every server must start, it fails.
func Unavailable(t testing.TB, err error) {
	t.Helper()
	testkit.Missing(t, "test server unavailable: "+err.Error())
}
