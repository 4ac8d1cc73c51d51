//go:build !unix

package catalog

import "os"

// fileView returns the first head bytes of a large file, read (no memory
// mapping on this system): its metadata must lie there.
func fileView(file *os.File, size int64, head int) (view []byte, release func(), err error) {
	return readFileHead(file, head)
}
