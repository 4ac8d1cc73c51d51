package catalog

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// readFileHead reads the first n bytes of file (fewer when it is shorter).
func readFileHead(file *os.File, n int) ([]byte, func(), error) {
	head := make([]byte, n)
	k, err := file.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, nil, err
	}
	return head[:k], func() {}, nil
}

// readFaulting runs read, turning a memory fault (a mapped file that
// shrank under it) or a panic into an error.
func readFaulting(read func()) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the file changed while it was read: %v", r)
		}
	}()
	read()
	return nil
}
