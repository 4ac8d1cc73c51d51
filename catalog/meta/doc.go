// Package meta recognises image files by their content and reads what their
// headers and metadata say: format, pixel size, orientation, capture time,
// camera, lens and GPS position. It never decodes pixel data.
//
// EXIF is read by github.com/rwcarlsen/goexif. Because goexif is
// unmaintained and strict (it rejects a whole file for one bad tag and can be
// driven into huge allocations or endless loops by crafted data), every blob
// is first checked by a bounded structural walk (preflight), goexif runs
// behind recover, and when it fails a second, lenient reader (this package's
// IFD walker, which decodes each tag value with goexif's own tiff.DecodeTag
// but skips bad entries instead of giving up) reads what can be read. What
// could not be read is described in Meta.Note.
//
// Besides EXIF the package reads XMP packets, the CIFF block of old Canon
// JPEGs, the Olympus APP12 "picture info" text, and the Olympus and Reconyx
// maker notes, so that it agrees with ExifTool on the test corpus.
package meta
