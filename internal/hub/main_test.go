package hub

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/hubtest"
)

// TestMain runs the tests with the shared servers, or, for
// TestSyncKilledMidway, acts as a child process that syncs a case.
func TestMain(m *testing.M) {
	if dir := os.Getenv("EXHIBIT_TEST_SYNC_CASE"); dir != "" {
		os.Exit(syncChild(dir))
	}
	hubtest.Main(m)
}

// syncChild syncs the case in dir, in small batches, and returns the exit
// status.
func syncChild(dir string) int {
	ctx := context.Background()
	c, err := catalog.Open(ctx, dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer c.Close()
	batch, _ := strconv.Atoi(os.Getenv("EXHIBIT_TEST_SYNC_BATCH"))
	progress := func(s string) { fmt.Fprintln(os.Stdout, s) } // read by the parent, which kills at some line
	if _, err := Sync(ctx, c, Options{Batch: batch, Progress: progress}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	return 0
}
