package export

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/internal/sheet"
)

// TestWriteSheetsSaysWhichSheetFailed: a pair that does not exist stops
// the export with an error naming it (not the cancellation of the sheets
// gathered beside it), and nothing is written or recorded.
func TestWriteSheetsSaysWhichSheetFailed(t *testing.T) {
	c := sampleCase(t)
	ctx := context.Background()
	before, err := c.Exports(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "sheets.pdf")
	_, err = WriteSheets(ctx, c, Target{Pairs: []int64{1, 2, 999}, Images: []int64{1}}, out, sheet.Options{Paper: "A4"}, nil)
	if err == nil || errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "pair 999") {
		t.Errorf("error %v, want one naming pair 999", err)
	}
	if _, serr := os.Stat(out); !errors.Is(serr, os.ErrNotExist) {
		t.Errorf("a file was written: %v", serr)
	}
	if after, _ := c.Exports(ctx); len(after) != len(before) {
		t.Errorf("%d exports recorded, want %d", len(after), len(before))
	}
}
