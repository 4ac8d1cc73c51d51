package viewer

import (
	"context"
	"image"
	"time"

	"fyne.io/fyne/v2"
)

// ThumbSource is what a ThumbGrid shows: a list of images in display order.
//
// Len, ID and Caption are called on the UI goroutine, often (ID once per
// item on every Refresh), and must be fast: an in-memory slice. Thumb is
// called from background goroutines, several at once, and may be slow (it
// reads and decodes a file); it should give up when ctx is cancelled, which
// happens when the cell is scrolled away before the thumbnail is loaded.
type ThumbSource interface {
	// Len returns the number of items.
	Len() int
	// ID returns the identifier of item i (0 <= i < Len()), unique in the
	// source; selection is kept by ID.
	ID(i int) int64
	// Caption returns the text under item i (typically the file name).
	Caption(i int) string
	// Thumb returns the upright thumbnail of the item with the given ID.
	// Its error is shown in the cell, so it should say what went wrong
	// in a few words.
	Thumb(ctx context.Context, id int64) (image.Image, error)
}

// ThumbGridOptions configures a ThumbGrid; zero fields take the defaults.
type ThumbGridOptions struct {
	// ThumbSize is the box, in Fyne units, each thumbnail is scaled to fit;
	// the caption goes below it. Default 160×120.
	ThumbSize fyne.Size
	// Workers is the number of thumbnails loaded at once. Default 4.
	Workers int
	// CacheItems and CacheBytes bound the memory cache of thumbnails scaled
	// for display (least recently shown dropped first). Defaults 3000 and
	// 192 MiB.
	CacheItems int
	CacheBytes int64
	// Now tells the time of a click, to tell a double click (default
	// time.Now).
	Now func() time.Time
}

func (o ThumbGridOptions) withDefaults() ThumbGridOptions {
	if o.ThumbSize.Width <= 0 || o.ThumbSize.Height <= 0 {
		o.ThumbSize = fyne.NewSize(160, 120)
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.CacheItems <= 0 {
		o.CacheItems = 3000
	}
	if o.CacheBytes <= 0 {
		o.CacheBytes = 192 << 20
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}
