package meta

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNotImage is returned (wrapped) by Read for content that is not an image
// of a supported format.
var ErrNotImage = errors.New("not an image")

// Meta is what the metadata readers found. Fields left nil/zero are unknown.
type Meta struct {
	// Format is what Sniff reports: "jpeg", "png", "tiff", "webp", "gif",
	// "heic" or "avif".
	Format string
	// Width and Height are the pixel size as stored (before orientation).
	Width, Height int
	// Orientation is the EXIF orientation 1..8, 0 when unknown.
	Orientation int
	// TakenAt is the camera's clock time when the picture was taken, read
	// from the first of (see TakenSource): EXIF DateTimeOriginal, its XMP
	// equivalents (exif:DateTimeOriginal, photoshop:DateCreated), IPTC
	// DateCreated+TimeCreated, a maker's own block, EXIF CreateDate
	// (DateTimeDigitized), XMP xmp:CreateDate, and only then the GPS date
	// and time (UTC); never a modification date. Sub-seconds are added. When
	// the file states its UTC offset (OffsetTimeOriginal, or OffsetTime)
	// TakenAt is in a time.FixedZone of that offset and TakenOffset is e.g.
	// "+03:00"; otherwise TakenAt is in time.UTC and TakenOffset is "",
	// meaning: zone unknown, NOT UTC.
	TakenAt     *time.Time
	TakenOffset string
	// TakenSource says where TakenAt comes from: "exif:DateTimeOriginal",
	// "exif:CreateDate", "xmp", "iptc", "maker:Canon CIFF", "maker:Reconyx",
	// "maker:PictureInfo" (APP12 text of old Olympus cameras), or "gps" (the
	// GPS date and time: TakenAt is then UTC and TakenOffset "+00:00"). ""
	// when TakenAt is nil.
	TakenSource string
	// ModifiedAt is when software last changed the file as the file says
	// (EXIF IFD0 DateTime, called ModifyDate by ExifTool, or xmp:ModifyDate),
	// with its offset when stated, as TakenAt. It is never a capture time.
	ModifiedAt     *time.Time
	ModifiedOffset string
	// Make, Model and Lens are trimmed of spaces and NULs.
	Make, Model, Lens string
	// Lat and Lon are signed decimal degrees (south and west negative).
	Lat, Lon *float64
	// Alt is in metres, below sea level negative (GPSAltitudeRef 1).
	Alt *float64
	// Direction is GPSImgDirection in degrees.
	Direction *float64
	// GPSTime is GPSDateStamp + GPSTimeStamp, in UTC.
	GPSTime *time.Time
	// Note says what could not be read, "" when all went well.
	Note string
}

// Read reads the format, pixel size and metadata of an image held in data.
// It never panics. It returns ErrNotImage (wrapped) for content that is no
// image, an error for an image whose header cannot be read at all, and
// otherwise a Meta with whatever could be read: partial metadata is kept and
// the problem described in Note.
func Read(data []byte) (m Meta, err error) {
	var format string
	defer func() {
		if r := recover(); r != nil {
			// Every third-party call recovers on its own; this is the last
			// line of defence for a bug in this package.
			m, err = Meta{Format: format}, fmt.Errorf("read %s metadata: internal error: %v", format, r)
		}
	}()
	format = Sniff(data)
	if format == "" {
		return Meta{}, fmt.Errorf("read metadata: %w (content starts with %s)", ErrNotImage, describeStart(data))
	}
	r := &reader{data: data, m: Meta{Format: format}}
	if err = r.readContainer(); err != nil {
		return Meta{Format: format}, fmt.Errorf("read %s: %w", format, err)
	}
	r.finish()
	return r.m, nil
}

// readContainer finds the metadata blocks of r's file with the reader of
// its format (Read and ReadTags share it).
func (r *reader) readContainer() error {
	switch r.m.Format {
	case "jpeg":
		return r.readJPEG()
	case "png":
		return r.readPNG()
	case "gif":
		return r.readGIF()
	case "webp":
		return r.readWebP()
	case "tiff":
		return r.readTIFF()
	case "heic", "avif":
		return r.readBMFF()
	case "psd":
		return r.readPSD()
	}
	return nil // the formats VipsOnly names: no metadata read
}

// reader collects what the container and metadata readers find.
type reader struct {
	data  []byte
	m     Meta
	notes []string

	exif []byte // TIFF-structured EXIF (starting at the byte order mark)
	// allTags is set when every tag is to be listed (ReadTags): a
	// BigTIFF's 64-bit values are kept then (see classicFromBig).
	allTags bool
	// heifOrientation is a HEIF image's orientation from its irot and
	// imir properties (0 for other formats): it wins over EXIF's.
	heifOrientation int
	xmp             [][]byte // XMP packets, in file order
	iptc            []byte   // IPTC-NAA records (from a Photoshop APP13 block or a TIFF tag)
	// fallback sources of the capture time and camera, from legacy blocks
	legacy fields
}

// note records a problem for Meta.Note.
func (r *reader) note(format string, args ...any) {
	r.notes = append(r.notes, fmt.Sprintf(format, args...))
}

// finish reads the metadata blocks the container reader found and fills m.
func (r *reader) finish() {
	var f fields
	if r.exif != nil {
		f = r.readEXIF(r.exif)
	}
	if needsMore(&f) && len(r.xmp) > 0 {
		for _, p := range r.xmp {
			if !xmpMayHelp(&f, p) {
				continue // parsing XML costs more than all the rest of Read
			}
			x, err := parseXMP(p)
			if err != nil {
				r.note("XMP: %v", err)
			}
			f.fill(&x)
		}
	}
	if f.iptc == nil && r.iptc != nil {
		f.iptc = readIPTC(r.iptc, r)
	}
	f.fill(&r.legacy)
	f.apply(&r.m)
	if r.heifOrientation != 0 {
		r.m.Orientation = r.heifOrientation
	}
	// In a TIFF the IFD0 size is the image's; elsewhere EXIF often keeps the
	// size of an original the file was scaled from, so it is not used.
	if r.m.Format == "tiff" && (r.m.Width <= 0 || r.m.Height <= 0) && f.width > 0 && f.height > 0 {
		r.m.Width, r.m.Height = f.width, f.height
	}
	r.m.Note = strings.Join(dedupe(r.notes), "; ")
}

func dedupe(s []string) []string {
	seen := make(map[string]bool, len(s))
	out := s[:0]
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// describeStart shows the first bytes of data for an error message.
func describeStart(data []byte) string {
	if len(data) == 0 {
		return "nothing (empty)"
	}
	n := min(len(data), 8)
	return fmt.Sprintf("% x", data[:n])
}
