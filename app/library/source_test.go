package library

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"errors"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// TestImageSourceStopsWithTheCase: once the case's session ends, the
// library grid's thumbnail loads stop at once (none is made or read).
func TestImageSourceStopsWithTheCase(t *testing.T) {
	c := apptest.SampleCase(t)
	ims, err := c.Images(context.Background(), catalog.Filter{})
	if err != nil || len(ims) == 0 {
		t.Fatalf("%d images: %v", len(ims), err)
	}
	s := ui.NewSession(c)
	src := newImageSource(s, ims, nil)
	if _, err := src.Thumb(context.Background(), ims[0].ID); err != nil {
		t.Fatalf("thumbnail while the case is open: %v", err)
	}
	s.Cancel() // the case is being closed
	if img, err := src.Thumb(context.Background(), ims[0].ID); !errors.Is(err, context.Canceled) || img != nil {
		t.Errorf("thumbnail after the session ended: an image %v, error %v", img != nil, err)
	}
}
