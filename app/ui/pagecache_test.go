package ui

import "testing"

// TestPageCacheStaysSmall: however many pages are viewed, the cache keeps
// the last few, the least recently shown dropped first.
func TestPageCacheStaysSmall(t *testing.T) {
	c := newPageCache(3)
	for i := 1; i <= 50; i++ {
		c.put(pageKey{page: i}, &RenderedPage{})
		if i == 10 {
			c.get(pageKey{page: 8}) // shown again: kept
		}
	}
	if c.len() != 3 {
		t.Errorf("%d pages kept, want 3", c.len())
	}
	for _, p := range []int{48, 49, 50} {
		if c.get(pageKey{page: p}) == nil {
			t.Errorf("page %d dropped", p)
		}
	}
	if c.get(pageKey{page: 8}) != nil {
		t.Error("page 8 kept after 40 others")
	}
}
