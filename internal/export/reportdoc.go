package export

import (
	"context"
	"fmt"
	"os"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/catalog/pdfengine"
)

// openReport opens PDF report r on eng (nil: pdfengine.Shared()), kept
// open by the engine between calls: rendering another page of it neither
// reads its file again nor parses it again. The document is kept under
// its file's path, size and modification time and the SHA-256 recorded:
// a file changed since it was opened is read again, and checked against
// the SHA-256 (catalog.ReadReportFile), before it is opened. Call done
// when finished with the document.
func openReport(ctx context.Context, c *catalog.Case, r *catalog.Report, eng *pdfengine.Engine) (doc *pdfengine.Doc, done func(), err error) {
	if eng == nil {
		eng = pdfengine.Shared()
	}
	read := func() ([]byte, error) { return c.ReadReportFile(ctx, r) }
	fi, err := os.Stat(r.Path)
	if err != nil || !fi.Mode().IsRegular() {
		// ReadReportFile says what is wrong with it.
		_, rerr := read()
		if rerr == nil {
			rerr = fmt.Errorf("report %d: %s is not a regular file", r.ID, r.Path)
		}
		return nil, nil, rerr
	}
	key := fmt.Sprintf("%s\x00%d\x00%d\x00%s", r.Path, fi.Size(), fi.ModTime().UnixNano(), r.SHA256)
	return eng.OpenKept(ctx, key, read)
}
