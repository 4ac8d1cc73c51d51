package meta

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

// want is what a Read test expects; nil or zero fields are not checked,
// except that notes must all appear in Meta.Note (and Note must be empty
// when clean is set).
type want struct {
	format        string
	width, height int
	orientation   int
	taken         string // "2006-01-02 15:04:05.000" clock time
	offset        string
	utc           bool   // TakenAt in time.UTC (zone unknown)
	source        string // TakenSource, checked when taken is set
	noTaken       bool   // TakenAt must be nil
	modified      string // ModifiedAt "2006-01-02 15:04:05.000"
	make, model   string
	lens          string
	lat, lon      *float64
	alt, dir      *float64
	gps           string // RFC 3339 with milliseconds
	notes         []string
	clean         bool
	noGPS         bool
}

func f64(v float64) *float64 { return &v }

func check(t *testing.T, m Meta, w want) {
	t.Helper()
	if m.Format != w.format {
		t.Errorf("Format = %q, want %q", m.Format, w.format)
	}
	if w.width != 0 && (m.Width != w.width || m.Height != w.height) {
		t.Errorf("size = %d×%d, want %d×%d", m.Width, m.Height, w.width, w.height)
	}
	if w.orientation != 0 && m.Orientation != w.orientation {
		t.Errorf("Orientation = %d, want %d", m.Orientation, w.orientation)
	}
	if w.taken != "" {
		if m.TakenAt == nil {
			t.Errorf("TakenAt = nil, want %s", w.taken)
		} else if got := m.TakenAt.Format("2006-01-02 15:04:05.000"); got != w.taken {
			t.Errorf("TakenAt = %s, want %s", got, w.taken)
		}
		if m.TakenOffset != w.offset {
			t.Errorf("TakenOffset = %q, want %q", m.TakenOffset, w.offset)
		}
		if m.TakenAt != nil {
			_, sec := m.TakenAt.Zone()
			wantSec, _ := parseOffset(w.offset)
			if w.utc && m.TakenAt.Location() != time.UTC || !w.utc && sec != wantSec {
				t.Errorf("TakenAt zone = %v (%d s), want offset %q utc=%v", m.TakenAt.Location(), sec, w.offset, w.utc)
			}
		}
	}
	if w.source != "" && m.TakenSource != w.source {
		t.Errorf("TakenSource = %q, want %q", m.TakenSource, w.source)
	}
	if w.noTaken && (m.TakenAt != nil || m.TakenSource != "") {
		t.Errorf("TakenAt = %v (%q), want nil", m.TakenAt, m.TakenSource)
	}
	if w.modified != "" {
		if m.ModifiedAt == nil {
			t.Errorf("ModifiedAt = nil, want %s", w.modified)
		} else if got := m.ModifiedAt.Format("2006-01-02 15:04:05.000"); got != w.modified {
			t.Errorf("ModifiedAt = %s, want %s", got, w.modified)
		}
	}
	for _, s := range []struct{ name, got, want string }{{"Make", m.Make, w.make}, {"Model", m.Model, w.model}, {"Lens", m.Lens, w.lens}} {
		if s.want != "" && s.got != s.want {
			t.Errorf("%s = %q, want %q", s.name, s.got, s.want)
		}
	}
	for _, p := range []struct {
		name      string
		got, want *float64
	}{{"Lat", m.Lat, w.lat}, {"Lon", m.Lon, w.lon}, {"Alt", m.Alt, w.alt}, {"Direction", m.Direction, w.dir}} {
		switch {
		case p.want == nil:
		case p.got == nil:
			t.Errorf("%s = nil, want %v", p.name, *p.want)
		case math.Abs(*p.got-*p.want) > 1e-9:
			t.Errorf("%s = %v, want %v", p.name, *p.got, *p.want)
		}
	}
	if w.noGPS && (m.Lat != nil || m.Lon != nil) {
		t.Errorf("Lat, Lon = %v, %v; want nil", m.Lat, m.Lon)
	}
	if w.gps != "" {
		if m.GPSTime == nil {
			t.Errorf("GPSTime = nil, want %s", w.gps)
		} else if got := m.GPSTime.Format("2006-01-02T15:04:05.000Z07:00"); got != w.gps {
			t.Errorf("GPSTime = %s, want %s", got, w.gps)
		}
	}
	for _, n := range w.notes {
		if !strings.Contains(m.Note, n) {
			t.Errorf("Note = %q, want it to mention %q", m.Note, n)
		}
	}
	if w.clean && m.Note != "" {
		t.Errorf("Note = %q, want none", m.Note)
	}
}

// fullExif is a phone-like EXIF block with every field Read reports.
func fullExif() []byte {
	return tiffBlob(
		map[uint16]tval{tagMake: ascii("  HMD Global \x00"), tagModel: ascii("Nokia 8.3 5G"), tagOrientation: short(6),
			tagDateTime: ascii("2022:08:15 09:00:00")},
		map[uint16]tval{tagDateTimeOrig: ascii("2022:08:14 14:12:31"), tagSubSecTimeOrig: ascii("054"),
			tagOffsetTimeOrig: ascii("+03:00"), tagCreateDate: ascii("2022:08:14 14:12:30"), tagLensModel: ascii("Lens 5.4mm f/1.9")},
		map[uint16]tval{gpsLatitudeRef: ascii("S"), gpsLatitude: rats(33, 1, 51, 1, 2130, 100),
			gpsLongitudeRef: ascii("W"), gpsLongitude: rats(70, 1, 39, 1, 0, 1),
			gpsAltitudeRef: byteVal(1), gpsAltitude: rats(125, 10), gpsImgDirection: rats(5612, 100),
			gpsDateStamp: ascii("2022:08:14"), gpsTimeStamp: rats(11, 1, 12, 1, 3224, 100)},
	)
}

func TestReadSynthetic(t *testing.T) {
	exif := func(ifd0, sub map[uint16]tval) []byte { return jpegWith(64, 48, app1Exif(tiffBlob(ifd0, sub, nil))) }
	full := want{format: "jpeg", width: 4608, height: 1976, orientation: 6,
		taken: "2022-08-14 14:12:31.054", offset: "+03:00",
		make: "HMD Global", model: "Nokia 8.3 5G", lens: "Lens 5.4mm f/1.9",
		lat: f64(-(33 + 51.0/60 + 21.30/3600)), lon: f64(-(70 + 39.0/60)), alt: f64(-12.5), dir: f64(56.12),
		gps: "2022-08-14T11:12:32.240Z", clean: true}
	tests := []struct {
		name string
		data []byte
		want want
	}{
		{"jpeg with everything", jpegWith(4608, 1976, app1Exif(fullExif())), full},
		{"png eXIf", pngWith(4608, 1976, pngChunk("eXIf", fullExif())), func() want { w := full; w.format = "png"; return w }()},
		{"webp EXIF chunk with Exif prefix", webpWith(4608, 1976, riffChunk("EXIF", append([]byte("Exif\x00\x00"), fullExif()...))),
			func() want { w := full; w.format = "webp"; return w }()},
		// HEIF: the EXIF orientation (6) is ignored, the container has no irot.
		{"heic", heifWith("heic", []string{"mif1", "heic"}, 4608, 1976, fullExif()), func() want { w := full; w.format = "heic"; w.orientation = 1; return w }()},
		{"avif", heifWith("avif", []string{"avif", "mif1", "miaf"}, 4608, 1976, fullExif()), func() want { w := full; w.format = "avif"; w.orientation = 1; return w }()},
		{"tiff", fullExif(), want{format: "tiff", orientation: 6, taken: "2022-08-14 14:12:31.054", offset: "+03:00", make: "HMD Global"}},
		{"no offset: zone unknown, clock in UTC",
			exif(map[uint16]tval{}, map[uint16]tval{tagDateTimeOrig: ascii("2008:10:22 16:28:39")}),
			want{format: "jpeg", width: 64, height: 48, taken: "2008-10-22 16:28:39.000", offset: "", utc: true, clean: true}},
		{"OffsetTime stands in for OffsetTimeOriginal",
			exif(map[uint16]tval{}, map[uint16]tval{tagDateTimeOrig: ascii("2008:10:22 16:28:39"), tagOffsetTime: ascii("-05:00")}),
			want{format: "jpeg", taken: "2008-10-22 16:28:39.000", offset: "-05:00"}},
		{"CreateDate when no DateTimeOriginal",
			exif(map[uint16]tval{tagDateTime: ascii("2020:01:01 00:00:00")}, map[uint16]tval{tagCreateDate: ascii("2019:05:06 07:08:09"), tagSubSecTimeDigit: ascii("5")}),
			want{format: "jpeg", taken: "2019-05-06 07:08:09.500", utc: true, source: "exif:CreateDate", modified: "2020-01-01 00:00:00.000"}},
		{"DateTime (ModifyDate) is never a capture time",
			exif(map[uint16]tval{tagDateTime: ascii("2020:01:02 03:04:05")}, map[uint16]tval{tagDateTimeOrig: ascii("    :  :     :  :  "), tagSubSecTime: ascii("25")}),
			want{format: "jpeg", noTaken: true, modified: "2020-01-02 03:04:05.250", clean: true}},
		{"impossible date is noted, not replaced by ModifyDate",
			exif(map[uint16]tval{tagDateTime: ascii("2020:01:02 03:04:05")}, map[uint16]tval{tagDateTimeOrig: ascii("2020:02:30 10:00:00")}),
			want{format: "jpeg", noTaken: true, modified: "2020-01-02 03:04:05.000", notes: []string{`DateTimeOriginal "2020:02:30 10:00:00": no such day`}}},
		{"GPS date and time when nothing else: UTC, said so",
			jpegWith(8, 8, app1Exif(tiffBlob(map[uint16]tval{tagDateTime: ascii("2022:01:12 08:30:14")}, nil,
				map[uint16]tval{gpsDateStamp: ascii("2022:01:12"), gpsTimeStamp: rats(7, 1, 30, 1, 14, 1)}))),
			want{format: "jpeg", taken: "2022-01-12 07:30:14.000", offset: "+00:00", source: "gps", modified: "2022-01-12 08:30:14.000", clean: true}},
		{"DateTimeOriginal with its sub-seconds and offset",
			exif(map[uint16]tval{}, map[uint16]tval{tagDateTimeOrig: ascii("2017:10:17 14:02:11"), tagSubSecTimeOrig: ascii("07"), tagOffsetTimeOrig: ascii("+03:00")}),
			want{format: "jpeg", taken: "2017-10-17 14:02:11.070", offset: "+03:00", source: "exif:DateTimeOriginal", clean: true}},
		{"IPTC DateCreated and TimeCreated",
			jpegWith(8, 8, segment(0xed, append(append([]byte{}, photoshopPrefix...), photoshopResource(0x0404,
				append(iptcRecord(2, 55, "20171017"), iptcRecord(2, 60, "140211+0300")...))...))),
			want{format: "jpeg", taken: "2017-10-17 14:02:11.000", offset: "+03:00", source: "iptc", clean: true}},
		{"IPTC date alone is no capture time",
			jpegWith(8, 8, segment(0xed, append(append([]byte{}, photoshopPrefix...), photoshopResource(0x0404, iptcRecord(2, 55, "20171017"))...))),
			want{format: "jpeg", noTaken: true, clean: true}},
		{"GPS IFD pointer typed IFD (13) in a TIFF's IFD0",
			func() []byte {
				b := tiffBlob(map[uint16]tval{tagMake: ascii("MicaSense")}, nil, map[uint16]tval{gpsLatitudeRef: ascii("N"), gpsLatitude: rats(35, 1, 57, 1, 0, 1), gpsLongitudeRef: ascii("E"), gpsLongitude: rats(39, 1, 0, 1, 36, 1)})
				retype(b, tagGPSIFD, 13)
				return b
			}(),
			want{format: "tiff", make: "MicaSense", lat: f64(35 + 57.0/60), lon: f64(39 + 36.0/3600)}},
		{"zero length tag: goexif gives up, the second reader keeps the rest",
			exif(map[uint16]tval{tagMake: ascii("Kodak"), 0x010e: {2, 0, nil}, tagOrientation: short(3)},
				map[uint16]tval{tagDateTimeOrig: ascii("2000:10:26 16:46:51")}),
			want{format: "jpeg", make: "Kodak", orientation: 3, taken: "2000-10-26 16:46:51.000", utc: true,
				notes: []string{"EXIF: zero length tag value; read by the second reader", "IFD0 tag 0x010e skipped"}}},
		{"GPS without hemisphere is not used",
			jpegWith(8, 8, app1Exif(tiffBlob(map[uint16]tval{}, nil, map[uint16]tval{gpsLatitude: rats(10, 1, 0, 1, 0, 1), gpsLongitudeRef: ascii("E"), gpsLongitude: rats(20, 1, 0, 1, 0, 1)}))),
			want{format: "jpeg", noGPS: true, notes: []string{"GPSLatitudeRef"}}},
		{"GPS 0/0 is unreadable, not zero",
			jpegWith(8, 8, app1Exif(tiffBlob(map[uint16]tval{}, nil, map[uint16]tval{gpsLatitudeRef: ascii("N"), gpsLatitude: rats(0, 0, 0, 0, 0, 0), gpsLongitudeRef: ascii("E"), gpsLongitude: rats(0, 0, 0, 0, 0, 0)}))),
			want{format: "jpeg", noGPS: true, notes: []string{"GPSLatitude"}}},
		{"Make in the Exif IFD when IFD0 has none; IFD0 wins even when empty",
			exif(map[uint16]tval{tagMake: ascii("")}, map[uint16]tval{tagMake: ascii("HTC"), tagModel: ascii("HTC One_M8")}),
			want{format: "jpeg", model: "HTC One_M8", clean: true}},
		{"XMP only",
			jpegWith(10, 20, segment(0xe1, append(append([]byte{}, xmpPrefix...), []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`+
				`<rdf:Description xmlns:e="http://ns.adobe.com/exif/1.0/" xmlns:tiff="http://ns.adobe.com/tiff/1.0/" e:DateTimeOriginal="2013-07-05T03:18:27.5+1:00" tiff:Orientation="8">`+
				`<tiff:Make>Canon</tiff:Make><e:GPSLatitude>26,35.2N</e:GPSLatitude><e:GPSLongitude>80,3,13W</e:GPSLongitude></rdf:Description></rdf:RDF></x:xmpmeta>`+"\x00\x00")...))),
			want{format: "jpeg", width: 10, height: 20, orientation: 8, taken: "2013-07-05 03:18:27.500", offset: "+01:00", source: "xmp", make: "Canon",
				lat: f64(26 + 35.2/60), lon: f64(-(80 + 3.0/60 + 13.0/3600)), clean: true}},
		{"gif", gifOf(7, 5), want{format: "gif", width: 7, height: 5, clean: true}},
		{"truncated JPEG keeps its EXIF", jpegWith(64, 48, app1Exif(fullExif()))[:200],
			want{format: "jpeg", make: "HMD Global", notes: []string{"file truncated", "pixel size unknown"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Read(tc.data)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			check(t, m, tc.want)
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name     string
		data     []byte
		notImage bool
		msg      string
	}{
		{"nil", nil, true, "empty"},
		{"text", []byte("# Sample images\nnot a picture"), true, "23 20 53 61"},
		{"mp4", append([]byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"), make([]byte, 64)...), true, ""},
		{"jpeg with no frame and no metadata", []byte{0xff, 0xd8, 0xff, 0xfe, 0, 4, 'h', 'i', 0xff, 0xd9}, false, "read jpeg: no frame header (SOF)"},
		{"jpeg segment with a bad length and no frame", []byte{0xff, 0xd8, 0xff, 0xe0, 0, 1, 0, 0}, false, "no frame header (SOF)"},
		{"png with a broken IHDR", append(pngHeader(10, 10)[:20], 0, 0), false, "read png: header"},
		{"tiff with a bad magic", []byte("II*\x00\x08\x00\x00\x00")[:6], false, "read tiff: TIFF header"},
		{"heif without meta", bmffBox("ftyp", []byte("heic\x00\x00\x00\x00mif1heic")), false, "read heic: no meta box"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Read(tc.data)
			if err == nil {
				t.Fatalf("Read = %+v, want an error", m)
			}
			if errors.Is(err, ErrNotImage) != tc.notImage {
				t.Errorf("errors.Is(%v, ErrNotImage) = %v, want %v", err, !tc.notImage, tc.notImage)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not say %q", err, tc.msg)
			}
		})
	}
}

// TestReadJPEGStrayStart: a JPEG whose first marker is damaged (a stray
// byte after SOI, as in the ImageTestSuite's fuzzed files, or an APP0 of
// length 1) is read on from the next marker, as libjpeg reads it, with a
// note; its size comes from its frame.
func TestReadJPEGStrayStart(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		note string
	}{
		{"stray byte after SOI", jpegWith(64, 48, []byte{0xfe}), "1 stray bytes"},
		{"APP0 of length 1", jpegWith(64, 48, []byte{0xff, 0xe0, 0, 1}), "invalid length 1"},
	}
	for _, tc := range cases {
		m, err := Read(tc.data)
		if err != nil || m.Format != "jpeg" || m.Width != 64 || m.Height != 48 || !strings.Contains(m.Note, tc.note) {
			t.Errorf("%s: %s %d×%d, note %q, %v; want a 64×48 JPEG noted %q", tc.name, m.Format, m.Width, m.Height, m.Note, err, tc.note)
		}
	}
}

// TestReadPNGBadHeaderChecksum: a PNG whose IHDR checksum is wrong (one
// flipped bit, as in the ImageTestSuite) is read on: its size as its
// header states it and its eXIf chunk, with a note naming the damage.
func TestReadPNGBadHeaderChecksum(t *testing.T) {
	data := pngWith(40, 30, pngChunk("eXIf", fullExif()))
	data[29] ^= 0x01 // IHDR's CRC
	m, err := Read(data)
	if err != nil || m.Width != 40 || m.Height != 30 || !strings.Contains(m.Note, "checksum") || m.Make == "" {
		t.Errorf("Read = %d×%d, make %q, note %q, %v", m.Width, m.Height, m.Make, m.Note, err)
	}
}
