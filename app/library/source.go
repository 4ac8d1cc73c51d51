package library

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"cmp"
	"context"
	"fmt"
	"image"
	"path/filepath"
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
	// arriving are files an import is about to catalog, shown after ims
	// by the previews their cameras embedded (negative ids).
	arriving []ui.Arrival
	arrByID  map[int64]ui.Arrival

	// provisional are the images shown with a provisional thumbnail (the
	// camera's embedded one, while an import makes the real one): the
	// next source's grid loads them again.
	mu          sync.Mutex
	provisional map[int64]bool
}

func newImageSource(sess *ui.Session, ims []*catalog.Image, arriving []ui.Arrival) *imageSource {
	s := &imageSource{c: sess.Case, done: sess.Ctx, ims: ims, byID: make(map[int64]*catalog.Image, len(ims))}
	for _, im := range ims {
		s.byID[im.ID] = im
	}
	if len(arriving) > 0 {
		// A file cataloged already at its path (changed since) is shown
		// once, as cataloged.
		shown := make(map[string]bool, len(ims))
		for _, im := range ims {
			for _, p := range im.Paths() {
				shown[p] = true
			}
		}
		s.arrByID = make(map[int64]ui.Arrival, len(arriving))
		for _, a := range arriving {
			if !shown[a.Path] {
				s.arriving = append(s.arriving, a)
				s.arrByID[a.ID] = a
			}
		}
	}
	return s
}

// Len returns the number of images and files arriving.
func (s *imageSource) Len() int { return len(s.ims) + len(s.arriving) }

// ID returns the id of the image at i (negative: a file arriving).
func (s *imageSource) ID(i int) int64 {
	if i >= len(s.ims) {
		return s.arriving[i-len(s.ims)].ID
	}
	return s.ims[i].ID
}

// Caption returns the image's capture date and name (the date first: the
// caption has one line, and a long name is cut at its end); a file
// arriving is said to be.
func (s *imageSource) Caption(i int) string {
	if i >= len(s.ims) {
		return "Importing…  " + filepath.Base(s.arriving[i-len(s.ims)].Path)
	}
	im := s.ims[i]
	return ui.TakenDate(im) + "  " + im.Name()
}

// IDs returns the images' ids in order (not the files arriving).
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
	if a, ok := s.arrByID[id]; ok {
		img, err := ui.ArrivalThumb(a)
		return markProvisional(img), err
	}
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
