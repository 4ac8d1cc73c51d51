//go:build unix

package catalog

import (
	"os"
	"syscall"
)

// fileView returns the whole of a large file to read its metadata from,
// mapped into memory read-only: only the pages read (its header, its
// directories, wherever in the file they are) are loaded, and they count
// as the page cache, not as the import's memory. Reading it may fault if
// the file shrinks meanwhile: read it under readFaulting. Without a
// mapping it returns the first head bytes, read.
func fileView(file *os.File, size int64, head int) (view []byte, release func(), err error) {
	if size > 0 && size == int64(int(size)) {
		if b, err := syscall.Mmap(int(file.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED); err == nil {
			return b, func() { _ = syscall.Munmap(b) }, nil
		}
	}
	return readFileHead(file, head)
}
