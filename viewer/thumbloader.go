package viewer

import (
	"context"
	"errors"
	"fmt"
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"golang.org/x/image/draw"
)

// thumbJob is the loading of one thumbnail, shared by the cells that show
// it. id, src, box and ctx are fixed at creation and read by the worker;
// cells and index belong to the UI goroutine.
type thumbJob struct {
	id     int64
	src    ThumbSource
	box    image.Point // device pixels to fit
	ctx    context.Context
	cancel context.CancelFunc

	cells int // cells waiting for it
	index int // the item's index when last asked for
}

// thumbLoader runs thumbJobs on at most workers goroutines, in the order
// asked, skipping the cancelled ones. Its goroutines exit when there is
// nothing left to do, so an abandoned grid leaves none behind.
type thumbLoader struct {
	workers int
	done    func(j *thumbJob, img image.Image, err error) // called on the UI goroutine

	mu      sync.Mutex
	queue   []*thumbJob
	running int
	// ready are the jobs finished and not yet handed to done: they go
	// to the UI goroutine together, in one call (posted), so that a
	// screenful loaded at once is drawn in a frame or two rather than
	// one frame a thumbnail (each frame, drawn in software, takes tens
	// of milliseconds).
	ready  []thumbResult
	posted bool
}

// thumbResult is a finished job and what it loaded.
type thumbResult struct {
	j   *thumbJob
	img image.Image
	err error
}

func (l *thumbLoader) enqueue(j *thumbJob) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.queue = append(l.queue, j)
	if l.running < l.workers {
		l.running++
		go l.work()
	}
}

// atomically runs f (which cancels jobs) so that no worker starts one of
// the jobs f cancels in the middle of it.
func (l *thumbLoader) atomically(f func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f()
}

func (l *thumbLoader) next() *thumbJob {
	l.mu.Lock()
	defer l.mu.Unlock()
	for len(l.queue) > 0 {
		j := l.queue[0]
		l.queue[0] = nil
		l.queue = l.queue[1:]
		if j.ctx.Err() == nil {
			return j
		}
	}
	l.running--
	return nil
}

func (l *thumbLoader) work() {
	for j := l.next(); j != nil; j = l.next() {
		img, err := loadThumb(j)
		if errors.Is(err, context.Canceled) && j.ctx.Err() != nil {
			continue // nobody waits for it any more
		}
		l.finished(thumbResult{j, img, err})
	}
}

// finished hands r to done on the UI goroutine, with the others finished
// by then.
func (l *thumbLoader) finished(r thumbResult) {
	l.mu.Lock()
	l.ready = append(l.ready, r)
	post := !l.posted
	l.posted = true
	l.mu.Unlock()
	if post {
		fyne.Do(l.deliver)
	}
}

// deliver calls done for every job finished (on the UI goroutine).
func (l *thumbLoader) deliver() {
	l.mu.Lock()
	ready := l.ready
	l.ready, l.posted = nil, false
	l.mu.Unlock()
	for _, r := range ready {
		l.done(r.j, r.img, r.err)
	}
}

// loadThumb asks the source for the thumbnail and scales it to fit the
// job's box. A panic in the source (a decoder) becomes an error.
func loadThumb(j *thumbJob) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("thumbnail %d: %v", j.id, r)
		}
	}()
	src, err := j.src.Thumb(j.ctx, j.id)
	if err != nil {
		return nil, err
	}
	if src == nil || src.Bounds().Empty() {
		return nil, fmt.Errorf("thumbnail %d: empty image", j.id)
	}
	return scaleToFit(src, j.box), nil
}

// scaleToFit returns src scaled to the largest size that fits box, keeping
// its aspect ratio.
func scaleToFit(src image.Image, box image.Point) *image.RGBA {
	b := src.Bounds()
	k := min(float64(box.X)/float64(b.Dx()), float64(box.Y)/float64(b.Dy()))
	w, h := max(1, int(float64(b.Dx())*k+0.5)), max(1, int(float64(b.Dy())*k+0.5))
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if w == b.Dx() && h == b.Dy() {
		draw.Draw(dst, dst.Rect, src, b.Min, draw.Src)
	} else {
		draw.CatmullRom.Scale(dst, dst.Rect, src, b, draw.Src, nil)
	}
	return dst
}
