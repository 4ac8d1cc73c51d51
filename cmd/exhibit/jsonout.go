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
}

// imageDetailJSON is `show --json`: everything known about one image.
type imageDetailJSON struct {
	imageJSON
	Locations []locationJSON `json:"locations"`
	Thumbnail string         `json:"thumbnail,omitempty"`
	Links     []linkJSON     `json:"links"`
	Notes     []noteJSON     `json:"notes"`
	Tags      []string       `json:"tags"`
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
	return j
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
