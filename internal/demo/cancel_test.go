package demo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestGenerateStopsWhenCancelled: a cancelled generation draws no picture
// and writes no report, and says why it stopped.
func TestGenerateStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	images, reports, err := generate(ctx, dir)
	if !errors.Is(err, context.Canceled) || images != nil || reports != nil {
		t.Fatalf("generate with a cancelled context: %v, %d images, %d reports", err, len(images), len(reports))
	}
	if _, err := os.Stat(filepath.Join(dir, ReportName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the report was written: %v", err)
	}
}

// TestRenderOrderGroupsShadowMaps: every shot is rendered once, and the
// shots sharing a shadow map follow each other (a map is dropped after
// its last shot).
func TestRenderOrderGroupsShadowMaps(t *testing.T) {
	list := shots()
	order := renderOrder(list)
	if len(order) != len(list) {
		t.Fatalf("%d shots in the order, %d in the list", len(order), len(list))
	}
	seen := map[int]bool{}
	done := map[shadowKey]bool{}
	for j, i := range order {
		if seen[i] {
			t.Errorf("shot %s twice", list[i].role)
		}
		seen[i] = true
		k := keyOf(list[i])
		if done[k] {
			t.Errorf("shot %s comes after its shadow map's group ended", list[i].role)
		}
		if j+1 < len(order) && keyOf(list[order[j+1]]) != k {
			done[k] = true
		}
	}
}
