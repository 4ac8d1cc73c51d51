// Package geo places images on a map that works offline: the Web Mercator
// projection, a view that fits, pans and zooms, basemap tiles read from an
// MBTiles file (no network), and the rendering of a map with the images'
// positions and directions of view into an image. It needs no display.
package geo
