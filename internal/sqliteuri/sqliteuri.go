// Package sqliteuri makes the "file:" URI that opens an SQLite database at
// a path, whatever characters the path holds. The catalog and the map's
// MBTiles reader both open SQLite files by path.
package sqliteuri

import (
	"net/url"
	"path/filepath"
	"strings"
)

// For returns the "file:" URI that opens the SQLite database at path with
// the parameters q (for the sqlite driver of modernc.org). "%", "?" and
// "#", which a folder's name may hold ("Raqqa #2"), are escaped, else
// SQLite would read them as an escape, the query or the fragment, and open
// another file.
func For(path string, q url.Values) string {
	return "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(path)) + "?" + q.Encode()
}
