package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"os"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/catalog/picture"
)

// LoadThumb returns an image's thumbnail, upright, with an error short
// enough to show in a thumbnail's cell.
func LoadThumb(ctx context.Context, c *catalog.Case, im *catalog.Image) (image.Image, error) {
	img, _, err := LoadThumbAny(ctx, c, im, false)
	return img, err
}

// LoadThumbAny is loadThumb that, with provisionalOK, may return the
// provisional thumbnail an import in progress made (provisional true).
func LoadThumbAny(ctx context.Context, c *catalog.Case, im *catalog.Image, provisionalOK bool) (img image.Image, provisional bool, err error) {
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
