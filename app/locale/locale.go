// Package locale makes the process's locale one Fyne can parse. Imported
// (blank) by main before anything of Fyne, it runs first: Go initializes
// ready packages in import-path order, and this one (needing only os and
// strings) sorts before github.com/jeandeaual/go-locale, which Fyne's lang
// package reads at its own initialization.
//
// Without it, a C.UTF-8 locale (the default in many containers and Debian
// images) makes Fyne log "Error parsing user locale C" on standard error on
// every run of every command, even a headless one.
package locale

import (
	"os"
	"strings"
)

func init() { Fix() }

// Fix sets LANGUAGE=en when the locale in effect (LC_ALL, LC_MESSAGES or
// LANG, the first set) is the C or POSIX locale with an encoding
// ("C.UTF-8"), which Fyne cannot parse, and LANGUAGE is not set. LANGUAGE
// only chooses the language of messages: the locale itself is untouched.
func Fix() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		if strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.") {
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
