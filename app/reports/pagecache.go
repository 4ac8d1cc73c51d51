package reports

import (
	"image"
	"sync"
)

// pageKey names a rendered page: a page of a report's file (its SHA-256:
// a new version is another file) with an excerpt highlighted (0: none).
type pageKey struct {
	sha     string
	page    int
	excerpt int64
}

// renderedPage is a page rendered with what the page bar says of it.
type renderedPage struct {
	img         *image.RGBA
	label       string // the printed page label, when the PDF gives one
	pages       int
	highlighted bool
	partial     bool
	// rects are the pixel boxes highlighted.
	rects []image.Rectangle
}

// pageCache keeps the last pages rendered, the least recently shown
// dropped first: paging back and forth is instant, and memory stays flat
// however many pages are viewed (a page at 150 DPI is about 8 MB).
type pageCache struct {
	mu    sync.Mutex
	size  int
	order []pageKey // least recent first
	pages map[pageKey]*renderedPage
}

func newPageCache(size int) *pageCache {
	return &pageCache{size: size, pages: map[pageKey]*renderedPage{}}
}

func (c *pageCache) get(k pageKey) *renderedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.pages[k]
	if p != nil {
		c.touch(k)
	}
	return p
}

func (c *pageCache) put(k pageKey, p *renderedPage) {
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
