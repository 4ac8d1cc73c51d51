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

	// TakenAt is the effective capture time, the one listings show, filter
	// and sort on: the time an investigator asserted (TakenSource
	// "asserted", see Asserted), or else the file's own (FileTakenAt) moved
	// by its camera's clock shift (Shift) if any. TakenOffset is its UTC
	// offset ("+03:00") when known; "" means the zone is unknown (TakenAt is
	// then a clock reading held in time.UTC, not a UTC time).
	TakenAt     *time.Time
	TakenOffset string
	// TakenSource is where TakenAt comes from: SourceAsserted, or
	// FileTakenSource.
	TakenSource string
	// FileTakenAt, FileTakenOffset and FileTakenSource are what the file
	// itself says (see meta.Meta: "exif:DateTimeOriginal", "exif:CreateDate",
	// "xmp", "iptc", "maker:...", "gps"). FileTakenSource is "" when there
	// is no capture time, or for an image cataloged before Exhibit recorded
	// sources.
	FileTakenAt     *time.Time
	FileTakenOffset string
	FileTakenSource string
	// ModifiedAt is the file's own modification time (EXIF ModifyDate or
	// xmp:ModifyDate), with ModifiedOffset when stated: never a capture time.
	ModifiedAt     *time.Time
	ModifiedOffset string
	// Asserted is the capture time an investigator asserted, or nil.
	Asserted *AssertedTime
	// Shift is the clock shift of the image's camera applied to TakenAt, or
	// nil (also when TakenAt is asserted or read from the GPS clock).
	Shift *ClockShift

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

// HasGPS reports whether the image has a position: a latitude and a
// longitude that are not both exactly 0 (see NoFix).
func (im *Image) HasGPS() bool { return im.Lat != nil && im.Lon != nil && !im.NoFix() }

// NoFix reports whether the file's position is 0°, 0° exactly: what a
// camera writes when its GPS had no fix, not a place. The values stay in
// the record (Lat, Lon) but the image is on no map and in no position filter.
func (im *Image) NoFix() bool {
	return im.Lat != nil && im.Lon != nil && *im.Lat == 0 && *im.Lon == 0
}

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
