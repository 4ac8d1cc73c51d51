package meta

import (
	"math"
	"time"

	"github.com/rwcarlsen/goexif/tiff"
)

// stamp is a date and time as a camera wrote it: the clock reading (held in
// time.UTC), the UTC offset when the file states one ("" when unknown) and
// where it was read (see Meta.TakenSource).
type stamp struct {
	clock  time.Time
	offset string
	source string
}

// Sources of a capture time (Meta.TakenSource).
const (
	SourceDateTimeOriginal = "exif:DateTimeOriginal"
	SourceCreateDate       = "exif:CreateDate"
	SourceXMP              = "xmp"
	SourceIPTC             = "iptc"
	SourceCIFF             = "maker:Canon CIFF"
	SourceReconyx          = "maker:Reconyx"
	SourcePictureInfo      = "maker:PictureInfo"
	SourceGPS              = "gps"
)

// fields is what one metadata source says. Missing values are zero or nil.
type fields struct {
	width, height     int
	orientation       int
	make, model, lens string
	hasMake, hasModel bool   // present, possibly empty
	original          *stamp // DateTimeOriginal and its equivalents
	iptc              *stamp // IPTC DateCreated + TimeCreated
	created           *stamp // CreateDate (DateTimeDigitized)
	modified          *stamp // ModifyDate: never a capture time
	lat, lon          *float64
	alt, direction    *float64
	gpsTime           *time.Time
}

// fill sets what f lacks from o.
func (f *fields) fill(o *fields) {
	if o == nil {
		return
	}
	if f.width <= 0 || f.height <= 0 {
		f.width, f.height = o.width, o.height
	}
	if f.orientation == 0 {
		f.orientation = o.orientation
	}
	if !f.hasMake && o.hasMake {
		f.make, f.hasMake = o.make, true
	}
	if !f.hasModel && o.hasModel {
		f.model, f.hasModel = o.model, true
	}
	if f.lens == "" {
		f.lens = o.lens
	}
	if f.original == nil {
		f.original = o.original
	}
	if f.iptc == nil {
		f.iptc = o.iptc
	}
	if f.created == nil {
		f.created = o.created
	}
	if f.modified == nil {
		f.modified = o.modified
	}
	if f.lat == nil || f.lon == nil {
		f.lat, f.lon = o.lat, o.lon
	}
	if f.alt == nil {
		f.alt = o.alt
	}
	if f.direction == nil {
		f.direction = o.direction
	}
	if f.gpsTime == nil {
		f.gpsTime = o.gpsTime
	}
}

// needsMore reports whether a further source could add something to f.
func needsMore(f *fields) bool {
	return f.original == nil || f.orientation == 0 || !f.hasMake || !f.hasModel || f.lens == "" || f.lat == nil
}

// apply copies f into m.
func (f *fields) apply(m *Meta) {
	m.Orientation = f.orientation
	m.Make, m.Model, m.Lens = f.make, f.model, f.lens
	for _, s := range []*stamp{f.original, f.iptc, f.created} {
		if s == nil {
			continue
		}
		t, off := s.time()
		m.TakenAt, m.TakenOffset, m.TakenSource = &t, off, s.source
		break
	}
	if m.TakenAt == nil && f.gpsTime != nil {
		// Nothing but the GPS clock: a time in UTC, and said so.
		t := f.gpsTime.In(time.FixedZone("+00:00", 0))
		m.TakenAt, m.TakenOffset, m.TakenSource = &t, "+00:00", SourceGPS
	}
	if f.modified != nil {
		t, off := f.modified.time()
		m.ModifiedAt, m.ModifiedOffset = &t, off
	}
	m.Lat, m.Lon, m.Alt, m.Direction, m.GPSTime = f.lat, f.lon, f.alt, f.direction, f.gpsTime
}

// time returns the stamp as a time: in a FixedZone of its offset when it
// has a valid one (returned too), in time.UTC otherwise.
func (s *stamp) time() (time.Time, string) {
	t := s.clock
	if s.offset != "" {
		if sec, ok := parseOffset(s.offset); ok {
			return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(s.offset, sec)), s.offset
		}
	}
	return t, ""
}

// extract reads the fields this package reports from EXIF tags.
func extract(set tagSet, r *reader) fields {
	var f fields
	if v, ok := intVal(set.ifd0[tagImageWidth], 0); ok && v > 0 && v <= math.MaxInt32 {
		f.width = int(v)
	}
	if v, ok := intVal(set.ifd0[tagImageLength], 0); ok && v > 0 && v <= math.MaxInt32 {
		f.height = int(v)
	}
	if t := set.ifd0[tagOrientation]; t != nil {
		if v, ok := intVal(t, 0); ok && v >= 1 && v <= 8 {
			f.orientation = int(v)
		} else {
			r.note("EXIF: Orientation %s is not 1..8, ignored", t)
		}
	}
	// Make and Model belong in IFD0; some phones put them in the Exif IFD.
	// As in ExifTool, the IFD0 tag wins even when it is empty.
	for _, m := range []tagMap{set.ifd0, set.exif} {
		if s, ok := strVal(m[tagMake]); ok && !f.hasMake {
			f.make, f.hasMake = s, true
		}
		if s, ok := strVal(m[tagModel]); ok && !f.hasModel {
			f.model, f.hasModel = s, true
		}
	}
	f.lens, _ = strVal(set.exif[tagLensModel])

	f.original = exifStamp(set.exif, tagDateTimeOrig, tagSubSecTimeOrig, tagOffsetTimeOrig, "DateTimeOriginal", r)
	f.created = exifStamp(set.exif, tagCreateDate, tagSubSecTimeDigit, tagOffsetTimeDigit, "CreateDate", r)
	f.modified = exifStamp(set.ifd0, tagDateTime, 0, 0, "DateTime", r)
	if f.original != nil {
		f.original.source = SourceDateTimeOriginal
	}
	if f.created != nil {
		f.created.source = SourceCreateDate
	}
	if f.modified != nil {
		// DateTime sits in IFD0 but its sub-second and offset tags in the Exif IFD.
		f.modified.clock = f.modified.clock.Add(subSec(set.exif[tagSubSecTime]))
		if s, ok := strVal(set.exif[tagOffsetTime]); ok {
			if o, ok := normOffset(s); ok {
				f.modified.offset = o
			}
		}
	}
	// OffsetTime (the offset of DateTime) stands in for a missing specific offset.
	if s, ok := strVal(set.exif[tagOffsetTime]); ok {
		if o, ok := normOffset(s); ok {
			for _, st := range []*stamp{f.original, f.created} {
				if st != nil && st.offset == "" {
					st.offset = o
				}
			}
		}
	}
	readGPS(set.gps, &f, r)
	if t := set.ifd0[tagIPTC]; t != nil && len(t.Val) > 0 {
		f.iptc = readIPTC(t.Val, r)
	}
	return f
}

// exifStamp reads a date tag with its sub-second and offset tags.
func exifStamp(m tagMap, dateTag, subTag, offTag uint16, name string, r *reader) *stamp {
	s, ok := strVal(m[dateTag])
	if !ok || blankDate(s) {
		return nil
	}
	clock, off, err := parseExifDate(s)
	if err != nil {
		r.note("EXIF: %s %q: %v", name, s, err)
		return nil
	}
	st := &stamp{clock: clock, offset: off}
	if subTag != 0 {
		st.clock = st.clock.Add(subSec(m[subTag]))
	}
	if offTag != 0 {
		if o, ok := strVal(m[offTag]); ok && o != "" {
			if n, ok := normOffset(o); ok {
				st.offset = n
			} else if !blankDate(o) {
				r.note("EXIF: offset %q of %s is not ±HH:MM, ignored", o, name)
			}
		}
	}
	return st
}

// subSec reads a SubSecTime tag: the digits of a decimal fraction of a second.
func subSec(t *tiff.Tag) time.Duration {
	s, ok := strVal(t)
	if !ok {
		return 0
	}
	return fraction(s)
}

// readGPS reads the GPS IFD.
func readGPS(m tagMap, f *fields, r *reader) {
	if len(m) == 0 {
		return
	}
	lat, latOK := coordinate(m, gpsLatitude, gpsLatitudeRef, "N", "S", 90, r)
	lon, lonOK := coordinate(m, gpsLongitude, gpsLongitudeRef, "E", "W", 180, r)
	if latOK && lonOK {
		f.lat, f.lon = &lat, &lon
	}
	if t := m[gpsAltitude]; t != nil {
		if v, ok := ratVal(t, 0); ok {
			if ref, ok := intVal(m[gpsAltitudeRef], 0); ok && ref == 1 && v != 0 {
				v = -v
			}
			f.alt = &v
		} else {
			r.note("EXIF: GPSAltitude %s unreadable", t)
		}
	}
	if t := m[gpsImgDirection]; t != nil {
		if v, ok := ratVal(t, 0); ok && v >= 0 && v <= 360 {
			f.direction = &v
		} else {
			r.note("EXIF: GPSImgDirection %s unreadable", t)
		}
	}
	if d, ok := strVal(m[gpsDateStamp]); ok && !blankDate(d) {
		t := m[gpsTimeStamp]
		h, ok1 := ratVal(t, 0)
		mi, ok2 := ratVal(t, 1)
		s, ok3 := ratVal(t, 2)
		day, err := time.Parse("2006:01:02", normDateSep(d))
		switch {
		case err != nil:
			r.note("EXIF: GPSDateStamp %q unreadable", d)
		case !ok1 || !ok2 || !ok3 || h < 0 || h >= 24 || mi < 0 || mi >= 60 || s < 0 || s >= 61:
			if t != nil {
				r.note("EXIF: GPSTimeStamp %s unreadable", t)
			}
		default:
			ns := math.Round((h*3600 + mi*60 + s) * 1e9)
			g := day.Add(time.Duration(ns)).Round(time.Millisecond)
			f.gpsTime = &g
		}
	}
}

// coordinate reads a GPS latitude or longitude with its reference.
func coordinate(m tagMap, valTag, refTag uint16, pos, neg string, limit float64, r *reader) (float64, bool) {
	t := m[valTag]
	if t == nil {
		return 0, false
	}
	name := "GPSLatitude"
	if valTag == gpsLongitude {
		name = "GPSLongitude"
	}
	var v float64
	var ok bool
	if t.Format() == tiff.StringVal {
		s, _ := t.StringVal()
		v, ok = degreesFromString(s)
	} else {
		v, ok = dms(t)
	}
	if !ok || v < 0 || v > limit {
		r.note("EXIF: %s %s unreadable", name, t)
		return 0, false
	}
	ref, _ := strVal(m[refTag])
	switch {
	case len(ref) > 0 && ref[:1] == neg:
		v = -v
	case len(ref) > 0 && ref[:1] == pos:
	default:
		r.note("EXIF: %sRef %q is not %s or %s: position not used", name, ref, pos, neg)
		return 0, false
	}
	return v, true
}

// dms reads degrees, minutes and seconds (minutes and seconds optional).
func dms(t *tiff.Tag) (float64, bool) {
	d, ok := ratVal(t, 0)
	if !ok {
		return 0, false
	}
	mi, okM := ratVal(t, 1)
	s, okS := ratVal(t, 2)
	if t.Count >= 2 && !okM || t.Count >= 3 && !okS {
		// a zero denominator in minutes or seconds: treat as 0 only when the
		// numerator is 0 too (some writers store 0/0)
		if !zeroRat(t, 1) || !zeroRat(t, 2) {
			return 0, false
		}
	}
	return d + mi/60 + s/3600, true
}

func zeroRat(t *tiff.Tag, i int) bool {
	if i >= int(t.Count) {
		return true
	}
	if t.Format() != tiff.RatVal {
		return false
	}
	n, _, err := t.Rat2(i)
	return err == nil && n == 0
}
