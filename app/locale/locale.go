// Package locale makes the process's locale one Fyne can parse. Imported
// (blank) by main before anything of Fyne, it runs first: Go initializes
// ready packages in import-path order, and this one (needing only os and
// strings) sorts before github.com/jeandeaual/go-locale, which Fyne's lang
// package reads at its own initialization.
//
// Without it, a C or C.UTF-8 locale (the default in many containers) makes
// Fyne log "Error parsing user locale C" on standard error on every run of
// every command, even a headless one.
package locale

import (
	"os"
	"strings"
)

func init() { Fix() }

// Fix replaces, in this process's environment, locale variables naming the
// C or POSIX locale with en_US.UTF-8 (what C means to a person). Other
// values are left alone.
func Fix() {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		lang, _, _ := strings.Cut(v, ".")
		lang, _, _ = strings.Cut(lang, "@")
		if lang == "C" || lang == "POSIX" {
			os.Setenv(k, "en_US.UTF-8")
		}
	}
}
