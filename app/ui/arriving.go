package ui

import (
	"fmt"
	"image"
	"sync"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/catalog/picture"
)

// Arrival is a file an import in progress is about to catalog, as its
// head showed it (catalog.Glimpse), with the id the library's grid knows
// it by: negative, never an image's, and never used twice in a session.
type Arrival struct {
	catalog.Glimpse
	ID int64
}

// arrivals are the files the imports of a session are reading, shown by
// the library until the import has cataloged them.
type arrivals struct {
	mu     sync.Mutex
	list   []Arrival
	lastID int64
}

// SetArriving says which files an import is about to read (nil: none any
// more, the import has cataloged them or stopped).
func (s *Session) SetArriving(gs []catalog.Glimpse) {
	s.arriving.mu.Lock()
	defer s.arriving.mu.Unlock()
	if len(gs) == 0 {
		s.arriving.list = nil
		return
	}
	list := make([]Arrival, len(gs))
	for i, g := range gs {
		s.arriving.lastID--
		list[i] = Arrival{Glimpse: g, ID: s.arriving.lastID}
	}
	s.arriving.list = list
}

// Arriving returns the files an import is about to read, in the order it
// found them. The slice is never changed: SetArriving makes a new one.
func (s *Session) Arriving() []Arrival {
	s.arriving.mu.Lock()
	defer s.arriving.mu.Unlock()
	return s.arriving.list
}

// ArrivalThumb returns the upright thumbnail of a file arriving, from
// the preview its camera embedded, with an error short enough for a
// thumbnail's cell when it has none.
func ArrivalThumb(a Arrival) (image.Image, error) {
	if a.Preview == nil {
		return nil, fmt.Errorf("being imported")
	}
	img, err := picture.Thumbnail(a.Preview, "jpeg", a.Orientation, catalog.ThumbSize)
	if err != nil || img == nil {
		return nil, fmt.Errorf("being imported")
	}
	return img, nil
}
