package georef

import (
	"errors"
	"fmt"
)

// GeoKeys read from the GeoKeyDirectory.
const (
	keyModelType     = 1024 // GTModelTypeGeoKey: 1 projected, 2 geographic
	keyRasterType    = 1025 // GTRasterTypeGeoKey: 1 PixelIsArea, 2 PixelIsPoint
	keyGeographic    = 2048 // GeographicTypeGeoKey
	keyProjectedType = 3072 // ProjectedCSTypeGeoKey
	userDefined      = 32767
)

// ErrNoGeoreference is returned (wrapped) for an image that carries no
// georeference: a TIFF without GeoTIFF tags, an image without a world file.
var ErrNoGeoreference = errors.New("no georeference")

// geoKeys reads the short values of the GeoKeyDirectory (tag 34735).
func geoKeys(dir []float64) (map[int]int, error) {
	if len(dir) < 4 {
		return nil, errors.New("GeoKeyDirectory too short")
	}
	n := int(dir[3])
	if n < 0 || len(dir) < 4+4*n {
		return nil, fmt.Errorf("GeoKeyDirectory declares %d keys but holds %d values", n, len(dir))
	}
	keys := map[int]int{}
	for i := 0; i < n; i++ {
		k := dir[4+4*i:]
		if k[1] == 0 && k[2] == 1 { // the value is the entry's last short
			keys[int(k[0])] = int(k[3])
		}
	}
	return keys, nil
}

// FromGeoTIFF returns the footprint of the TIFF file held in data from its
// GeoTIFF tags. It returns ErrNoGeoreference (wrapped) when the file has
// none, ErrUnsupportedCRS (wrapped) for a system not read here, and an
// error for damaged tags.
func FromGeoTIFF(data []byte) (*Footprint, error) {
	tags, err := readTIFF(data)
	if err != nil {
		return nil, fmt.Errorf("read GeoTIFF tags: %w", err)
	}
	dir, ok := tags[tagGeoKeyDirectory]
	_, hasT := tags[tagModelTransformation]
	_, hasTie := tags[tagModelTiepoint]
	if !ok && !hasT && !hasTie {
		return nil, fmt.Errorf("GeoTIFF: %w", ErrNoGeoreference)
	}
	if !ok {
		return nil, errors.New("GeoTIFF: a model transformation or tie point but no GeoKeyDirectory: its coordinate system is unknown")
	}
	keys, err := geoKeys(dir)
	if err != nil {
		return nil, fmt.Errorf("GeoTIFF: %w", err)
	}
	w, h := size(tags)
	if w <= 0 || h <= 0 {
		return nil, errors.New("GeoTIFF: no image width or length")
	}
	code := 0
	switch {
	case keys[keyProjectedType] != 0:
		code = keys[keyProjectedType]
	case keys[keyModelType] == 2 || keys[keyModelType] == 0:
		code = keys[keyGeographic]
	}
	if code == 0 || code == userDefined {
		return nil, fmt.Errorf("GeoTIFF: a user-defined coordinate system (no EPSG code): %w", ErrUnsupportedCRS)
	}
	crs, err := CRSFromEPSG(code)
	if err != nil {
		return nil, fmt.Errorf("GeoTIFF: %w", err)
	}
	var a affine
	switch {
	case hasT:
		m := tags[tagModelTransformation]
		if len(m) != 16 {
			return nil, fmt.Errorf("GeoTIFF: ModelTransformation has %d values, not 16", len(m))
		}
		a = affine{m[0], m[1], m[3], m[4], m[5], m[7]}
	default:
		tie, scale := tags[tagModelTiepoint], tags[tagModelPixelScale]
		if len(tie) < 6 {
			return nil, fmt.Errorf("GeoTIFF: ModelTiepoint has %d values, not 6", len(tie))
		}
		if len(tie) > 6 || len(scale) < 2 {
			return nil, errors.New("GeoTIFF: ground control points without a pixel scale (warp the image first)")
		}
		// x = X + (i - I)·Sx, y = Y - (j - J)·Sy
		a = affine{scale[0], 0, tie[3] - tie[0]*scale[0], 0, -scale[1], tie[4] + tie[1]*scale[1]}
	}
	// PixelIsPoint: the model gives pixel centres, so the outer corner of
	// the raster is half a pixel before the first centre (as GDAL reads it).
	shift := 0.0
	if keys[keyRasterType] == 2 {
		shift = -0.5
	}
	return footprint(crs, a, float64(w), float64(h), shift, "geotiff")
}

// size returns the image's width and length from its tags.
func size(tags tiffTags) (w, h int) {
	if v := tags[tagImageWidth]; len(v) == 1 {
		w = int(v[0])
	}
	if v := tags[tagImageLength]; len(v) == 1 {
		h = int(v[0])
	}
	return w, h
}
