package review

import "testing"

// TestShorten: a text shortened for a title ends at a word, with an
// ellipsis.
func TestShorten(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{shorten("one two three four", 9), "one two…"},
		{shorten("short", 9), "short"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
