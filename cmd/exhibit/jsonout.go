package main

import (
	"encoding/json"
	"io"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
)

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// imageJSON is an image as `ls --json` and `show --json` print it. The
// field names are a contract with scripts: add fields, never rename.
type imageJSON struct {
	ID        int64    `json:"id"`
	SHA256    string   `json:"sha256"`
	Paths     []string `json:"paths"`
	Format    string   `json:"format"`
	Width     int      `json:"width"`
	Height    int      `json:"height"`
	TakenAt   *string  `json:"taken_at"`
	Make      string   `json:"make"`
	Model     string   `json:"model"`
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
	Alt       *float64 `json:"alt"`
	Direction *float64 `json:"direction"`

	Size          int64   `json:"size"`
	Orientation   int     `json:"orientation"`
	UprightWidth  int     `json:"upright_width"`
	UprightHeight int     `json:"upright_height"`
	TakenOffset   *string `json:"taken_offset"`
	Lens          string  `json:"lens"`
	GPSTime       *string `json:"gps_time"`
	Decoded       bool    `json:"decoded"`
	Note          string  `json:"note,omitempty"`
	ImportedAt    string  `json:"imported_at"`
	// Footprint is where a georeferenced image lies: a GeoJSON Polygon in
	// WGS 84, or null (see site_json.go).
	Footprint *footprintJSON `json:"footprint"`

	// TakenAtSource says where taken_at comes from: "exif:DateTimeOriginal",
	// "exif:CreateDate", "xmp", "iptc", "maker:..." (the maker's own block
	// read), "gps" (the GPS clock: taken_at is UTC), "asserted" (by an
	// investigator, see asserted); null when there is no capture time or
	// the image was cataloged before Exhibit recorded sources.
	TakenAtSource *string `json:"taken_at_source"`
	// FileTakenAt and FileTakenAtSource are what the file itself says,
	// whatever was asserted or shifted; FileTakenOffset its offset.
	FileTakenAt       *string `json:"file_taken_at"`
	FileTakenOffset   *string `json:"file_taken_offset"`
	FileTakenAtSource *string `json:"file_taken_at_source"`
	// Asserted is the capture time an investigator asserted, or null.
	Asserted *assertedJSON `json:"asserted"`
	// ClockShiftS is the correction of the camera's clock applied to
	// taken_at, in seconds (null when none), and why.
	ClockShiftS      *float64 `json:"clock_shift_s"`
	ClockShiftReason *string  `json:"clock_shift_reason"`
	// ModifiedAt is the file's own modification time (EXIF ModifyDate):
	// never a capture time.
	ModifiedAt *string `json:"modified_at"`
	// GPSFix is false when the file's position is 0°, 0° exactly (a camera
	// without a fix: lat and lon are kept as read but the image is on no
	// map), true for any other position, null without one.
	GPSFix *bool `json:"gps_fix"`
	// ClockOffsetS is the camera's clock minus the GPS clock (UTC), in
	// seconds, as the file records them; null unless the file has both.
	// ClockOffsetIncludesZone is true when the camera recorded no UTC
	// offset: the difference then includes the time zone.
	ClockOffsetS            *float64 `json:"clock_offset_s"`
	ClockOffsetIncludesZone *bool    `json:"clock_offset_includes_zone"`
}

// assertedJSON is a capture time asserted by an investigator.
type assertedJSON struct {
	TakenAt string `json:"taken_at"`
	Source  string `json:"source"`
	By      string `json:"by"`
	At      string `json:"at"`
}

// imageDetailJSON is `show --json`: everything known about one image.
type imageDetailJSON struct {
	imageJSON
	Locations []locationJSON `json:"locations"`
	Thumbnail string         `json:"thumbnail,omitempty"`
	Links     []linkJSON     `json:"links"`
	Notes     []noteJSON     `json:"notes"`
	Tags      []string       `json:"tags"`
	// FileTags are every tag of the original (show --all), read when asked.
	FileTags *fileTagsJSON `json:"file_tags,omitempty"`

	im *catalog.Image // for the text output
}

// linkJSON is a link of `show --json`: the excerpt id, note and region are
// the contract; the excerpt's text and citation come with it.
type linkJSON struct {
	ID       int64     `json:"id"`
	Excerpt  int64     `json:"excerpt"`
	Note     string    `json:"note"`
	Region   []float64 `json:"region"`
	Report   int64     `json:"report"`
	Citation string    `json:"citation"`
	Text     string    `json:"text"`
}

type noteJSON struct {
	ID        int64  `json:"id"`
	Text      string `json:"text"`
	CreatedAt string `json:"created_at"`
}

type locationJSON struct {
	Path      string  `json:"path"`
	Size      int64   `json:"size"`
	ModTime   string  `json:"mtime"`
	FirstSeen string  `json:"first_seen"`
	LastSeen  string  `json:"last_seen"`
	GoneAt    *string `json:"gone_at"`
}

// takenString is an image's capture time for JSON: RFC 3339 with the
// camera's clock, or null.
func takenString(im *catalog.Image) *string {
	if im.TakenAt == nil {
		return nil
	}
	s := im.TakenString()
	return &s
}

func toImageJSON(im *catalog.Image) imageJSON {
	paths := im.Paths()
	if paths == nil {
		paths = []string{}
	}
	uw, uh := im.UprightSize()
	j := imageJSON{
		ID: im.ID, SHA256: im.SHA256, Paths: paths, Format: im.Format, Width: im.Width, Height: im.Height,
		TakenAt: takenString(im), Make: im.Make, Model: im.Model, Lat: im.Lat, Lon: im.Lon, Alt: im.Alt,
		Direction: im.Direction, Size: im.Size, Orientation: im.Orientation, UprightWidth: uw, UprightHeight: uh,
		Lens: im.Lens, Decoded: im.Decoded, Note: im.MetaNote, ImportedAt: im.ImportedAt.Format(time.RFC3339),
	}
	if im.TakenOffset != "" {
		o := im.TakenOffset
		j.TakenOffset = &o
	}
	if im.GPSTime != nil {
		s := im.GPSTime.UTC().Format(time.RFC3339)
		j.GPSTime = &s
	}
	addTimesJSON(&j, im)
	return j
}

// addTimesJSON fills the fields about where the capture time comes from,
// the clocks and the position's fix.
func addTimesJSON(j *imageJSON, im *catalog.Image) {
	j.TakenAtSource = nullable(im.TakenSource)
	j.FileTakenAt = nullable(im.FileTakenString())
	j.FileTakenOffset = nullable(im.FileTakenOffset)
	j.FileTakenAtSource = nullable(im.FileTakenSource)
	if a := im.Asserted; a != nil {
		j.Asserted = &assertedJSON{TakenAt: im.TakenString(), Source: a.Source, By: a.Actor, At: a.When.Format(time.RFC3339)}
	}
	if s := im.Shift; s != nil {
		sec := catalog.Seconds(s.Shift)
		j.ClockShiftS, j.ClockShiftReason = &sec, &s.Reason
	}
	j.ModifiedAt = nullable(im.ModifiedString())
	if im.Lat != nil && im.Lon != nil {
		fix := !im.NoFix()
		j.GPSFix = &fix
	}
	if d, zone, ok := im.ClockOffset(); ok {
		sec := catalog.Seconds(d)
		j.ClockOffsetS, j.ClockOffsetIncludesZone = &sec, &zone
	}
}

func toLocationsJSON(im *catalog.Image) []locationJSON {
	out := []locationJSON{}
	for _, l := range im.Locations {
		lj := locationJSON{Path: l.Path, Size: l.Size, ModTime: l.ModTime.UTC().Format(time.RFC3339Nano),
			FirstSeen: l.FirstSeen.Format(time.RFC3339), LastSeen: l.LastSeen.Format(time.RFC3339)}
		if l.GoneAt != nil {
			s := l.GoneAt.Format(time.RFC3339)
			lj.GoneAt = &s
		}
		out = append(out, lj)
	}
	return out
}
