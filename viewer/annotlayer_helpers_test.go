package viewer

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/fynetest"
)

// fakeStore stands in for the app's catalog: it records the callbacks in
// order and can be told to refuse them.
type fakeStore struct {
	calls   []string
	nextID  int64
	stored  map[int64]catalog.Annotation
	deleted map[int64]catalog.Annotation
	fail    map[string]bool // "add", "update", "delete", "restore"
	newIDs  bool            // restore through OnAdd (new IDs) instead of OnRestore
}

var errRefused = errors.New("refused by the store")

func newFakeStore() *fakeStore {
	return &fakeStore{nextID: 100, stored: map[int64]catalog.Annotation{}, deleted: map[int64]catalog.Annotation{}, fail: map[string]bool{}}
}

func (s *fakeStore) attach(l *AnnotationLayer) {
	l.OnAdd = func(a catalog.Annotation) (catalog.Annotation, error) {
		if s.fail["add"] {
			s.calls = append(s.calls, "add refused")
			return a, errRefused
		}
		s.nextID++
		a.ID = s.nextID
		s.stored[a.ID] = a
		s.calls = append(s.calls, fmt.Sprintf("add %s %d", a.Kind, a.ID))
		return a, nil
	}
	l.OnUpdate = func(before, after catalog.Annotation) error {
		if s.fail["update"] {
			s.calls = append(s.calls, "update refused")
			return errRefused
		}
		if _, ok := s.stored[before.ID]; !ok || before.ID != after.ID {
			return fmt.Errorf("update of %d, which is not stored", before.ID)
		}
		s.stored[after.ID] = after
		s.calls = append(s.calls, fmt.Sprintf("update %d", after.ID))
		return nil
	}
	l.OnDelete = func(a catalog.Annotation) error {
		if s.fail["delete"] {
			s.calls = append(s.calls, "delete refused")
			return errRefused
		}
		if _, ok := s.stored[a.ID]; !ok {
			return fmt.Errorf("delete of %d, which is not stored", a.ID)
		}
		delete(s.stored, a.ID)
		s.deleted[a.ID] = a
		s.calls = append(s.calls, fmt.Sprintf("delete %d", a.ID))
		return nil
	}
	if s.newIDs {
		l.OnRestore = nil
		return
	}
	l.OnRestore = func(a catalog.Annotation) (catalog.Annotation, error) {
		if s.fail["restore"] {
			s.calls = append(s.calls, "restore refused")
			return a, errRefused
		}
		if _, ok := s.deleted[a.ID]; !ok {
			return a, fmt.Errorf("restore of %d, which is not deleted", a.ID)
		}
		delete(s.deleted, a.ID)
		s.stored[a.ID] = a
		s.calls = append(s.calls, fmt.Sprintf("restore %d", a.ID))
		return a, nil
	}
}

func (s *fakeStore) take() []string {
	c := s.calls
	s.calls = nil
	return c
}

// newTestLayer shows img in a ZoomView of w×h units with an annotation
// layer on it, wired to a fake store.
func newTestLayer(t *testing.T, img image.Image, w, h float32) (*AnnotationLayer, *fakeStore, fyne.Window, *uiQueue) {
	t.Helper()
	z, win, q := newTestZoomView(t, img, w, h)
	l := NewAnnotationLayer(z)
	s := newFakeStore()
	s.attach(l)
	l.Load(7, 3, nil)
	var errs []error
	l.OnError = func(err error) { errs = append(errs, err) }
	return l, s, win, q
}

func press(l *AnnotationLayer, at fyne.Position)   { fynetest.PressAt(l, at) }
func release(l *AnnotationLayer, at fyne.Position) { fynetest.ReleaseAt(l, at) }

// dragOn drags the mouse from one widget position to another, as the
// desktop driver reports it (fynetest.Drag).
func dragOn(l *AnnotationLayer, from, to fyne.Position) { fynetest.Drag(l, from, to) }

// click taps the layer at a position.
func click(l *AnnotationLayer, at fyne.Position) { fynetest.Click(l, at) }

func key(l *AnnotationLayer, k fyne.KeyName) { l.TypedKey(&fyne.KeyEvent{Name: k}) }

func nearPt(a, b catalog.Point, tol float64) bool {
	return math.Abs(a.X-b.X) <= tol && math.Abs(a.Y-b.Y) <= tol
}

func nearPts(a, b []catalog.Point, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !nearPt(a[i], b[i], tol) {
			return false
		}
	}
	return true
}

// plain returns a w×h image of one colour.
func plain(w, h int, c color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	return img
}
