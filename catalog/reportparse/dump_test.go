package reportparse

import (
	"os"
	"testing"
)

// TestDump prints the blocks of the report named by REPORTPARSE_DUMP, to
// look at a real report: REPORTPARSE_DUMP=/path/x.pdf go test -run Dump -v
func TestDump(t *testing.T) {
	path := os.Getenv("REPORTPARSE_DUMP")
	if path == "" {
		t.Skip("set REPORTPARSE_DUMP to a report's path to print its blocks")
	}
	info, err := Parse(path, func(b Block) error {
		t.Logf("¶%d p%d-%d [%s] {%s} %s", b.Paragraph, b.Page, b.PageEnd, b.PageLabel, b.Heading, b.Text)
		return nil
	})
	t.Logf("info %+v err %v", info, err)
}
