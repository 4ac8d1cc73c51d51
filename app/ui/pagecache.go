package ui

import "sync"

// pageKey names a rendered page: a page of a document (its Key: a new
// version of a file is another document) with a highlight ("": none).
type pageKey struct {
	doc       string
	page      int
	highlight string
}

// pageCache keeps the last pages rendered, the least recently shown
// dropped first: paging back and forth is instant, and memory stays flat
// however many pages are viewed (a page at 150 DPI is about 8 MB).
type pageCache struct {
	mu    sync.Mutex
	size  int
	order []pageKey // least recent first
	pages map[pageKey]*RenderedPage
}

func newPageCache(size int) *pageCache {
	return &pageCache{size: size, pages: map[pageKey]*RenderedPage{}}
}

func (c *pageCache) get(k pageKey) *RenderedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.pages[k]
	if p != nil {
		c.touch(k)
	}
	return p
}

func (c *pageCache) put(k pageKey, p *RenderedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.pages[k]; !ok {
		c.order = append(c.order, k)
	}
	c.pages[k] = p
	c.touch(k)
	for len(c.order) > c.size {
		delete(c.pages, c.order[0])
		c.order = c.order[1:]
	}
}

// touch makes k the most recent.
func (c *pageCache) touch(k pageKey) {
	for i, o := range c.order {
		if o == k {
			c.order = append(append(c.order[:i:i], c.order[i+1:]...), k)
			return
		}
	}
}

// len is how many pages are kept.
func (c *pageCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pages)
}
