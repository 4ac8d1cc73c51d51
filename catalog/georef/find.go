package georef

import (
	"errors"
	"fmt"
)

// Find returns the footprint of the image at path whose bytes are data
// (format as catalog/meta names it, w×h its pixel size): from its GeoTIFF
// tags, else from a world file beside it. world is the world file read
// ("" for GeoTIFF tags). It returns ErrNoGeoreference (wrapped) when the
// image has neither.
func Find(path string, data []byte, format string, w, h int) (f *Footprint, world string, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, world, err = nil, "", fmt.Errorf("georeference: internal error: %v", r)
		}
	}()
	if format == "tiff" {
		f, err := FromGeoTIFF(data)
		if !errors.Is(err, ErrNoGeoreference) {
			return f, "", err
		}
	}
	if format != "jpeg" && format != "png" && format != "tiff" {
		return nil, "", fmt.Errorf("%s image: %w", format, ErrNoGeoreference)
	}
	world = WorldFileFor(path)
	if world == "" {
		return nil, "", fmt.Errorf("no GeoTIFF tags and no world file: %w", ErrNoGeoreference)
	}
	f, err = FromWorld(world, path, w, h)
	if err != nil {
		return nil, world, err
	}
	return f, world, nil
}
