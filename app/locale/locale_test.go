package locale

import (
	"os"
	"testing"
)

func TestFix(t *testing.T) {
	for _, tc := range []struct{ lcAll, lang, language, want string }{
		{"", "C.UTF-8", "", "en"},
		{"", "C.utf8", "", "en"},
		{"C.UTF-8", "fr_FR.UTF-8", "", "en"},
		{"", "C", "", ""}, // Fyne reads plain C as English already
		{"", "fr_FR.UTF-8", "", ""},
		{"", "C.UTF-8", "ar", "ar"}, // the user's choice stays
		{"", "", "", ""},
	} {
		t.Setenv("LC_ALL", tc.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", tc.lang)
		t.Setenv("LANGUAGE", tc.language)
		Fix()
		if got := os.Getenv("LANGUAGE"); got != tc.want {
			t.Errorf("LC_ALL=%q LANG=%q LANGUAGE=%q: LANGUAGE became %q, want %q", tc.lcAll, tc.lang, tc.language, got, tc.want)
		}
		if os.Getenv("LANG") != tc.lang {
			t.Errorf("LANG changed")
		}
	}
}
