package viewer

import (
	"image"
	"sync"
)

// frameRenderer draws ZoomView frames in one background goroutine. Only the
// latest request is drawn: requests made while a frame is being drawn
// replace each other, so a fast drag never queues work.
type frameRenderer struct {
	mu      sync.Mutex
	pending *frameJob
	running bool
	spare   []*image.RGBA // buffers no longer shown, for reuse
}

type frameJob struct {
	pyr  *pyramid
	spec frameSpec
	// detail, when set, is drawn over the frame at dspec: a crop of the
	// original at a higher resolution than pyr.
	detail *pyramid
	dspec  frameSpec
	done   func(*image.RGBA)
}

func newFrameRenderer() *frameRenderer { return &frameRenderer{} }

// request asks for the frame job describes; job.done is called from the
// renderer's goroutine with the result.
func (r *frameRenderer) request(job frameJob) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pending = &job
	if !r.running {
		r.running = true
		go r.loop()
	}
}

// recycle hands back a buffer that is no longer displayed.
func (r *frameRenderer) recycle(img *image.RGBA) {
	if img == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.spare) < 2 {
		r.spare = append(r.spare, img)
	}
}

func (r *frameRenderer) loop() {
	for {
		r.mu.Lock()
		job := r.pending
		r.pending = nil
		if job == nil {
			r.running = false
			r.mu.Unlock()
			return
		}
		var buf *image.RGBA
		for i, s := range r.spare {
			if s.Rect.Dx() == job.spec.w && s.Rect.Dy() == job.spec.h {
				buf = s
				r.spare = append(r.spare[:i], r.spare[i+1:]...)
				break
			}
		}
		r.mu.Unlock()
		img := job.pyr.render(job.spec, buf)
		if job.detail != nil {
			job.detail.renderOver(job.dspec, img)
		}
		job.done(img)
	}
}
