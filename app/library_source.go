package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"os"
	"sync"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/catalog/picture"
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

func newImageSource(sess *session, ims []*catalog.Image) *imageSource {
	s := &imageSource{c: sess.c, done: sess.ctx, ims: ims, byID: make(map[int64]*catalog.Image, len(ims))}
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
	return takenDate(im) + "  " + im.Name()
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
	img, provisional, err := loadThumbAny(ctx, s.c, im, true)
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

// loadThumb returns an image's thumbnail, upright, with an error short
// enough to show in a thumbnail's cell.
func loadThumb(ctx context.Context, c *catalog.Case, im *catalog.Image) (image.Image, error) {
	img, _, err := loadThumbAny(ctx, c, im, false)
	return img, err
}

// loadThumbAny is loadThumb that, with provisionalOK, may return the
// provisional thumbnail an import in progress made (provisional true).
func loadThumbAny(ctx context.Context, c *catalog.Case, im *catalog.Image, provisionalOK bool) (img image.Image, provisional bool, err error) {
	if !im.Decoded {
		return nil, false, fmt.Errorf("%s: no preview can be made here", im.Format)
	}
	var path string
	if provisionalOK {
		path, provisional, err = c.ThumbNow(ctx, im)
	} else {
		path, err = c.Thumb(ctx, im)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, false, ctx.Err()
		}
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, false, fmt.Errorf("original missing")
		case errors.Is(err, catalog.ErrChanged):
			return nil, false, fmt.Errorf("original changed on disk")
		}
		return nil, false, fmt.Errorf("no thumbnail")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false, fmt.Errorf("thumbnail unreadable")
	}
	img, err = picture.Decode(data, "jpeg", 0)
	if err != nil {
		return nil, false, fmt.Errorf("thumbnail damaged")
	}
	return img, provisional, nil
}
