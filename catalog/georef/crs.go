package georef

import "fmt"

// CRS is a coordinate reference system this package can turn into WGS 84
// longitude and latitude.
type CRS struct {
	// EPSG is the system's EPSG code.
	EPSG int
	// toLonLat turns a point's x and y (easting and northing, or longitude
	// and latitude) into WGS 84 degrees.
	toLonLat func(x, y float64) (lon, lat float64)
}

// ErrUnsupportedCRS is returned (wrapped) for a coordinate system this
// package does not read.
var ErrUnsupportedCRS = fmt.Errorf("coordinate system not supported (EPSG 4326, 3857, UTM 32601–32660, 32701–32760, 26901–26923 are)")

// CRSFromEPSG returns the system of an EPSG code, or ErrUnsupportedCRS.
func CRSFromEPSG(code int) (CRS, error) {
	switch {
	case code == 4326:
		return CRS{EPSG: code, toLonLat: func(x, y float64) (float64, float64) { return x, y }}, nil
	case code == 3857 || code == 3785 || code == 900913:
		return CRS{EPSG: 3857, toLonLat: webMercatorInverse}, nil
	case code >= 32601 && code <= 32660:
		return CRS{EPSG: code, toLonLat: utm(wgs84, code-32600, false).inverse}, nil
	case code >= 32701 && code <= 32760:
		return CRS{EPSG: code, toLonLat: utm(wgs84, code-32700, true).inverse}, nil
	case code >= 26901 && code <= 26923:
		return CRS{EPSG: code, toLonLat: utm(grs80, code-26900, false).inverse}, nil
	}
	return CRS{}, fmt.Errorf("EPSG %d: %w", code, ErrUnsupportedCRS)
}

// ToLonLat turns a point of the system into WGS 84 longitude and latitude.
func (c CRS) ToLonLat(x, y float64) (lon, lat float64) { return c.toLonLat(x, y) }
