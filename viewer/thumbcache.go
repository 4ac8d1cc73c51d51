package viewer

import (
	"container/list"
	"image"
)

// thumbEntry is a thumbnail scaled to fit box (device pixels), or the error
// loading it.
type thumbEntry struct {
	img   image.Image
	err   error
	box   image.Point
	bytes int64
}

// thumbCache is a least-recently-used cache of thumbnails, bounded by count
// and by bytes. It is used on the UI goroutine only.
type thumbCache struct {
	maxItems int
	maxBytes int64
	bytes    int64
	order    *list.List // front: most recently used; values are *cacheItem
	items    map[int64]*list.Element
}

type cacheItem struct {
	id int64
	e  thumbEntry
}

func newThumbCache(maxItems int, maxBytes int64) *thumbCache {
	return &thumbCache{maxItems: maxItems, maxBytes: maxBytes, order: list.New(), items: map[int64]*list.Element{}}
}

// get returns the entry for id and marks it as recently used.
func (c *thumbCache) get(id int64) (thumbEntry, bool) {
	el, ok := c.items[id]
	if !ok {
		return thumbEntry{}, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cacheItem).e, true
}

// put stores e for id, then drops the least recently used entries until the
// cache is within its bounds (the entry just put is always kept).
func (c *thumbCache) put(id int64, e thumbEntry) {
	e.bytes = imageBytes(e.img) + 64
	if el, ok := c.items[id]; ok {
		it := el.Value.(*cacheItem)
		c.bytes += e.bytes - it.e.bytes
		it.e = e
		c.order.MoveToFront(el)
	} else {
		c.items[id] = c.order.PushFront(&cacheItem{id: id, e: e})
		c.bytes += e.bytes
	}
	for c.order.Len() > 1 && (c.order.Len() > c.maxItems || c.bytes > c.maxBytes) {
		c.removeElement(c.order.Back())
	}
}

// remove drops the entry for id, if any.
func (c *thumbCache) remove(id int64) {
	if el, ok := c.items[id]; ok {
		c.removeElement(el)
	}
}

func (c *thumbCache) removeElement(el *list.Element) {
	it := c.order.Remove(el).(*cacheItem)
	delete(c.items, it.id)
	c.bytes -= it.e.bytes
}

func (c *thumbCache) len() int { return c.order.Len() }

// imageBytes estimates the memory held by img's pixels.
func imageBytes(img image.Image) int64 {
	switch m := img.(type) {
	case nil:
		return 0
	case *image.RGBA:
		return int64(len(m.Pix))
	case *image.NRGBA:
		return int64(len(m.Pix))
	case *image.Gray:
		return int64(len(m.Pix))
	case *image.YCbCr:
		return int64(len(m.Y) + len(m.Cb) + len(m.Cr))
	default:
		b := img.Bounds()
		return int64(b.Dx()) * int64(b.Dy()) * 4
	}
}
