// Package georef reads where a georeferenced image lies on the Earth: the
// GeoTIFF tags of a TIFF file (ModelPixelScale with ModelTiepoint, or
// ModelTransformation, and the GeoKeyDirectory), or a world file beside a
// JPEG, PNG or TIFF (.jgw, .pgw, .tfw, .wld, with a .prj or taken as
// WGS 84). It gives the image's footprint: its four corners in WGS 84
// longitude and latitude, as a closed GeoJSON ring in the order gdalinfo
// gives its wgs84Extent (upper left, lower left, lower right, upper right,
// upper left again).
//
// The coordinate systems read are EPSG 4326 (WGS 84), 3857 (Web Mercator)
// and the UTM zones on WGS 84 (32601–32660 north, 32701–32760 south) and on
// NAD83 (26901–26923, taken as WGS 84, as PROJ's default transformation
// does). UTM coordinates are turned into longitude and latitude with the
// Krüger series to sixth order (Karney 2011), accurate to well under a
// millimetre within a zone. Any other system is refused with its code:
// nothing is guessed.
//
// Only the standard library is used: the package reads the TIFF
// directory itself, and never decodes pixels.
package georef
