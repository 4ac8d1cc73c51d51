package ui

import (
	"context"
	"image"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
)

// ThumbLoader loads thumbnails for small sets of images (the report
// screen's), a few at a time in the background, and keeps those loaded.
// Its methods are called on the UI goroutine.
type ThumbLoader struct {
	s      *Session
	sem    chan struct{}
	ctx    context.Context
	cancel context.CancelFunc
	cache  map[int64]image.Image
}

func NewThumbLoader(s *Session) *ThumbLoader {
	t := &ThumbLoader{s: s, sem: make(chan struct{}, 4), cache: map[int64]image.Image{}}
	t.ctx, t.cancel = context.WithCancel(s.Ctx)
	return t
}

// Get calls done with im's thumbnail, at once when loaded before, else on
// the UI goroutine once loaded (not if stop is called first).
func (t *ThumbLoader) Get(im *catalog.Image, done func(image.Image, error)) {
	if img, ok := t.cache[im.ID]; ok {
		done(img, nil)
		return
	}
	ctx := t.ctx
	c := t.s.Case
	go func() {
		select {
		case t.sem <- struct{}{}:
		case <-ctx.Done():
			return
		}
		img, err := protect(ctx, func(ctx context.Context) (image.Image, error) { return LoadThumb(ctx, c, im) })
		<-t.sem
		fyne.Do(func() {
			if ctx.Err() != nil {
				return
			}
			if err == nil {
				if len(t.cache) > 2000 {
					clear(t.cache)
				}
				t.cache[im.ID] = img
			}
			done(img, err)
		})
	}()
}

// Stop abandons the loads in progress.
func (t *ThumbLoader) Stop() {
	t.cancel()
	t.ctx, t.cancel = context.WithCancel(t.s.Ctx)
}
