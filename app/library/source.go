package library

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"cmp"
	"context"
	"fmt"
	"image"
	"sync"

	"github.com/exhibit-app/exhibit/catalog"
)

// imageSource is what the library's ThumbGrid shows: images in the order
// of the filter, with their cached thumbnails. It is never changed once
// made (a new filter makes a new one), so Thumb may read it from any
// goroutine.
type imageSource struct {
	c *catalog.Case
	// done is the session's context: when the case is closed, the grid's
	// loads in progress stop.
	done context.Context
	ims  []*catalog.Image
	byID map[int64]*catalog.Image

	// provisional are the images shown with a provisional thumbnail (the
	// camera's embedded one, while an import makes the real one): the
	// next source's grid loads them again.
	mu          sync.Mutex
	provisional map[int64]bool
}

func newImageSource(sess *ui.Session, ims []*catalog.Image) *imageSource {
	s := &imageSource{c: sess.Case, done: sess.Ctx, ims: ims, byID: make(map[int64]*catalog.Image, len(ims))}
	for _, im := range ims {
		s.byID[im.ID] = im
	}
	return s
}

// Len returns the number of images.
func (s *imageSource) Len() int { return len(s.ims) }

// ID returns the id of the image at i.
func (s *imageSource) ID(i int) int64 { return s.ims[i].ID }

// Caption returns the image's capture date and name (the date first: the
// caption has one line, and a long name is cut at its end).
func (s *imageSource) Caption(i int) string {
	im := s.ims[i]
	return ui.TakenDate(im) + "  " + im.Name()
}

// IDs returns the images' ids in order.
func (s *imageSource) IDs() []int64 {
	out := make([]int64, len(s.ims))
	for i, im := range s.ims {
		out[i] = im.ID
	}
	return out
}

// Thumb reads the image's thumbnail from the case's cache (remade from the
// original when the cache lost it). It stops when ctx is done or the
// case closed.
func (s *imageSource) Thumb(ctx context.Context, id int64) (image.Image, error) {
	im := s.byID[id]
	if im == nil {
		return nil, fmt.Errorf("image %d is not in this list", id)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(s.done, cancel)
	defer stop()
	if err := cmp.Or(s.done.Err(), ctx.Err()); err != nil {
		return nil, err // (AfterFunc cancels from another goroutine)
	}
	img, provisional, err := ui.LoadThumbAny(ctx, s.c, im, true)
	if provisional {
		s.mu.Lock()
		if s.provisional == nil {
			s.provisional = map[int64]bool{}
		}
		s.provisional[id] = true
		s.mu.Unlock()
		img = markProvisional(img)
	}
	return img, err
}

// provisionalIDs returns the images this source showed with a provisional
// thumbnail.
func (s *imageSource) provisionalIDs() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]int64, 0, len(s.provisional))
	for id := range s.provisional {
		out = append(out, id)
	}
	return out
}
