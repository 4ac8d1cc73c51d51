package meta

import (
	"fmt"
	"slices"
)

// Tag is one metadata tag as a file states it, grouped and named as
// ExifTool's -G1 option groups and names it: Group is "IFD0", "ExifIFD",
// "GPS", "InteropIFD", "IFD1", "XMP-dc", "IPTC", "ICC_Profile", "GeoTiff",
// "Canon", "Nikon", "Apple", "Sony" or "MakerNotes"; Name is ExifTool's name
// where this package knows it, else one made from the tag's number
// ("Exif_0x9999") or property name.
type Tag struct {
	Group string `json:"group"`
	Name  string `json:"name"`
	// Value is the value as text: numbers as ExifTool's -n prints them
	// (rationals as decimals, several values separated by spaces), text
	// as written, binary data as "(binary, N bytes)".
	Value string `json:"value"`
	// Note says why the value could not be read (Value is then ""), or
	// what was done to show it; "" when all went well.
	Note string `json:"note,omitempty"`
}

// String is "group:name=value", the form a tag is copied in.
func (t Tag) String() string {
	s := t.Group + ":" + t.Name + "=" + t.Value
	if t.Note != "" {
		s += " (" + t.Note + ")"
	}
	return s
}

// ReadTags lists every tag this package can read from an image held in data:
// EXIF (IFD0, ExifIFD, GPS, InteropIFD, IFD1 and further IFDs, SubIFDs), the
// maker notes of Canon, Nikon, Apple and Sony (others are listed as a
// MakerNote of a size), XMP, IPTC records 1 and 2, the ICC profile's text and
// GeoTIFF keys. It never panics; a tag that cannot be read is listed with a
// Note instead of failing the listing. The error is ErrNotImage (wrapped) for
// content that is no image, or says why the file's structure could not be
// read at all; tags read before are still returned.
func ReadTags(data []byte) (tags []Tag, err error) {
	var format string
	l := &tagList{}
	defer func() {
		if r := recover(); r != nil {
			tags = l.tags
			l.problem("", "internal error: %v", r)
			tags, err = l.tags, nil
		}
	}()
	format = Sniff(data)
	if format == "" {
		return nil, fmt.Errorf("read tags: %w (content starts with %s)", ErrNotImage, describeStart(data))
	}
	src, err := tagSources(data, format)
	if err != nil {
		return nil, fmt.Errorf("read %s tags: %w", format, err)
	}
	l.safely("EXIF", func() {
		if src.exif != nil {
			l.exifTags(src.exif)
		}
	})
	for _, p := range append(src.xmp, l.xmpBlocks...) {
		l.safely("XMP", func() { l.xmpTags(p) })
	}
	l.safely("IPTC", func() {
		if src.iptc == nil {
			src.iptc = l.iptcBlock
		}
		if src.iptc != nil {
			l.iptcTags(src.iptc)
		}
	})
	l.safely("ICC_Profile", func() {
		if src.icc == nil {
			src.icc = l.iccBlock
		}
		if src.icc != nil {
			l.iccTags(src.icc)
		}
	})
	return l.tags, nil
}

// tagList collects the tags read, and the blocks EXIF points at.
type tagList struct {
	tags []Tag
	// blocks found inside a TIFF structure (tags of IFD0)
	iptcBlock, iccBlock []byte
	xmpBlocks           [][]byte
}

func (l *tagList) add(group, name, value string) {
	l.tags = append(l.tags, Tag{Group: group, Name: name, Value: value})
}

// problem lists a block or tag that could not be read.
func (l *tagList) problem(group, format string, args ...any) {
	if group == "" {
		group = "Exhibit"
	}
	l.tags = append(l.tags, Tag{Group: group, Name: "Error", Note: fmt.Sprintf(format, args...)})
}

// safely runs one block's reader behind recover: a panic lists an error
// for that block and the listing goes on.
func (l *tagList) safely(group string, fn func()) {
	defer func() {
		if r := recover(); r != nil {
			l.problem(group, "%s not read: internal error: %v", group, r)
		}
	}()
	fn()
}

// Groups returns the groups of tags in order of first appearance.
func Groups(tags []Tag) []string {
	var out []string
	for _, t := range tags {
		if !slices.Contains(out, t.Group) {
			out = append(out, t.Group)
		}
	}
	return out
}
