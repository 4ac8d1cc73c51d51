package viewer

import (
	"errors"
	"image"
	"testing"
)

// TestThumbLoaderDeliversTogether: the thumbnails finished while the UI
// goroutine has not yet taken the last ones go to it in the same call, in
// the order they finished, and nothing is handed over twice.
func TestThumbLoaderDeliversTogether(t *testing.T) {
	var got []int64
	l := &thumbLoader{workers: 1, done: func(j *thumbJob, img image.Image, err error) { got = append(got, j.id) }}
	// A delivery is posted already and waits for the UI goroutine: the
	// thumbnails finished meanwhile post nothing more.
	l.posted = true
	for id := range int64(3) {
		l.finished(thumbResult{j: &thumbJob{id: id + 1}, err: errors.New("x")})
	}
	if len(got) != 0 {
		t.Fatalf("delivered %v before the UI goroutine ran", got)
	}
	l.deliver()
	if len(got) != 3 || got[0] != 1 || got[2] != 3 {
		t.Errorf("one delivery gave %v; want 1, 2, 3", got)
	}
	l.deliver()
	if len(got) != 3 || l.posted || len(l.ready) != 0 {
		t.Errorf("a second delivery gave %v (posted %v, %d waiting)", got, l.posted, len(l.ready))
	}
}
