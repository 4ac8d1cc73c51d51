package catalog

import "time"

// Image is one original, identified by the SHA-256 of its bytes. The same
// bytes found at several paths are one Image with several Locations.
type Image struct {
	ID     int64
	SHA256 string
	Size   int64
	Format string // "jpeg", "png", "tiff", "webp", "gif", "heic"
	// Width and Height are the pixel size as stored in the file, before the
	// EXIF orientation is applied. See UprightSize.
	Width, Height int
	Orientation   int // EXIF orientation 1..8; 0 when unknown

	// TakenAt is the camera's clock time, without zone; TakenOffset is the
	// EXIF OffsetTimeOriginal ("+03:00") when the camera recorded one.
	TakenAt     *time.Time
	TakenOffset string

	Make, Model, Lens string
	Lat, Lon, Alt     *float64 // decimal degrees, metres (below sea level negative)
	Direction         *float64 // degrees
	GPSTime           *time.Time

	// Decoded is false for images cataloged without decodable pixels here
	// (HEIC), which get no thumbnail.
	Decoded bool
	// MetaNote says what the metadata readers could not read, if anything.
	MetaNote   string
	ImportedAt time.Time

	Locations []Location
}

// Location is a path an image was found at.
type Location struct {
	Path      string
	Size      int64
	ModTime   time.Time
	FirstSeen time.Time
	LastSeen  time.Time
	// GoneAt is set when the file at Path later held other bytes or was no
	// longer there.
	GoneAt *time.Time
}

// Paths returns the paths where the image currently is.
func (im *Image) Paths() []string {
	var out []string
	for _, l := range im.Locations {
		if l.GoneAt == nil {
			out = append(out, l.Path)
		}
	}
	return out
}

// UprightSize returns the size of the image once turned upright by its
// EXIF orientation.
func (im *Image) UprightSize() (w, h int) {
	if im.Orientation >= 5 && im.Orientation <= 8 {
		return im.Height, im.Width
	}
	return im.Width, im.Height
}

// HasGPS reports whether the image has a position.
func (im *Image) HasGPS() bool { return im.Lat != nil && im.Lon != nil }

// Failure is a file that could not be cataloged.
type Failure struct {
	Path  string
	Error string
	At    time.Time
	// SHA256 is the SHA-256 of the file's bytes as the import read them;
	// "" when they could not be read (or were not: a folder, a named pipe).
	SHA256 string
	Size   int64
}

// AuditEntry is one line of the case's append-only audit trail.
type AuditEntry struct {
	ID      int64
	At      time.Time
	Action  string
	Object  string
	Details string
	// Actor is who made the change: "user@computer, program" (empty for
	// entries written before Exhibit recorded it).
	Actor string
	// Hash is the entry's hash in the chain, Prev the previous entry's;
	// Key the fingerprint of its author's key. All three are empty for
	// entries written before the chain began.
	Hash, Prev, Key string
}
