package locale

import (
	"os"
	"testing"
)

func TestFix(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"C", "en_US.UTF-8"},
		{"C.UTF-8", "en_US.UTF-8"},
		{"POSIX", "en_US.UTF-8"},
		{"fr_FR.UTF-8", "fr_FR.UTF-8"},
		{"ar_SY.UTF-8@latin", "ar_SY.UTF-8@latin"},
		{"", ""},
	} {
		t.Setenv("LANG", tc.in)
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		Fix()
		if got := os.Getenv("LANG"); got != tc.want {
			t.Errorf("LANG=%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
}
