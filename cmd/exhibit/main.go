// Command exhibit catalogs image sets and reports into a case, and shows,
// compares and exports them. Without a subcommand it opens the desktop app.
package main

import (
	"fmt"
	"os"
	"strings"

	_ "github.com/exhibit-app/exhibit/app/locale" // first: a locale Fyne can parse
	"github.com/exhibit-app/exhibit/catalog/pdfengine"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	root, cleanup := newRootCmd()
	err := root.Execute()
	cleanup()
	pdfengine.CloseShared() // PDFium, if a command started it
	if err != nil {
		msg := strings.ReplaceAll(err.Error(), "\n", "; ")
		fmt.Fprintln(os.Stderr, "exhibit: "+msg)
		os.Exit(1)
	}
}
