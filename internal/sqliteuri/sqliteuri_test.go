package sqliteuri

import (
	"net/url"
	"testing"
)

func TestFor(t *testing.T) {
	for _, tc := range []struct {
		path string
		q    url.Values
		want string
	}{
		{"/cases/a.db", nil, "file:/cases/a.db?"},
		{"/cases/Raqqa #2/a.db", url.Values{"mode": {"ro"}}, "file:/cases/Raqqa %232/a.db?mode=ro"},
		{"/cases/100%?/a.db", nil, "file:/cases/100%25%3f/a.db?"},
	} {
		if got := For(tc.path, tc.q); got != tc.want {
			t.Errorf("For(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}
