package demo

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"time"
)

// exifInfo is the metadata written into a sample JPEG.
type exifInfo struct {
	Description string
	Make        string
	Model       string
	Lens        string // empty: no LensModel
	Software    string
	Orientation int
	Taken       time.Time // camera clock, in the zone of the offset
	Width       int       // stored pixel size
	Height      int
	FocalLength float64 // mm, 0: none
	// GPS, already quantized to what the rationals hold (see gpsDMS).
	Lat, Lon  float64
	Alt       float64 // metres above sea level (>= 0 here)
	Direction float64 // degrees from true north
}

// TIFF field types.
const (
	tByte      = 1
	tASCII     = 2
	tShort     = 3
	tLong      = 4
	tRational  = 5
	tUndefined = 7
)

type ifdEntry struct {
	tag   uint16
	typ   uint16
	count uint32
	data  []byte // big-endian value bytes
}

func asciiEntry(tag uint16, s string) ifdEntry {
	b := append([]byte(s), 0)
	return ifdEntry{tag, tASCII, uint32(len(b)), b}
}

func shortEntry(tag uint16, v uint16) ifdEntry {
	return ifdEntry{tag, tShort, 1, binary.BigEndian.AppendUint16(nil, v)}
}

func longEntry(tag uint16, v uint32) ifdEntry {
	return ifdEntry{tag, tLong, 1, binary.BigEndian.AppendUint32(nil, v)}
}

func rationalEntry(tag uint16, vals ...[2]uint32) ifdEntry {
	var b []byte
	for _, v := range vals {
		b = binary.BigEndian.AppendUint32(b, v[0])
		b = binary.BigEndian.AppendUint32(b, v[1])
	}
	return ifdEntry{tag, tRational, uint32(len(vals)), b}
}

// ifd lays out one IFD at offset off (from the TIFF header); values longer
// than 4 bytes follow the IFD. next is the offset of the next IFD or 0.
func ifd(entries []ifdEntry, off uint32, next uint32) []byte {
	sort.Slice(entries, func(i, j int) bool { return entries[i].tag < entries[j].tag })
	size := 2 + 12*len(entries) + 4
	var head, tail bytes.Buffer
	binary.Write(&head, binary.BigEndian, uint16(len(entries)))
	dataOff := off + uint32(size)
	for _, e := range entries {
		binary.Write(&head, binary.BigEndian, e.tag)
		binary.Write(&head, binary.BigEndian, e.typ)
		binary.Write(&head, binary.BigEndian, e.count)
		if len(e.data) <= 4 {
			v := make([]byte, 4)
			copy(v, e.data)
			head.Write(v)
			continue
		}
		binary.Write(&head, binary.BigEndian, dataOff+uint32(tail.Len()))
		tail.Write(e.data)
		if tail.Len()%2 == 1 {
			tail.WriteByte(0) // keep offsets even (word aligned)
		}
	}
	binary.Write(&head, binary.BigEndian, next)
	return append(head.Bytes(), tail.Bytes()...)
}

// gpsDMS splits an absolute angle into degrees, minutes and seconds with a
// denominator of 10000 (a hundredth of a millisecond of arc: about 0.3 mm).
func gpsDMS(v float64) [3][2]uint32 {
	v = math.Abs(v)
	total := uint64(math.Round(v * 3600 * 10000)) // in 1/10000 s
	d := total / (3600 * 10000)
	m := total / (60 * 10000) % 60
	s := total % (60 * 10000)
	return [3][2]uint32{{uint32(d), 1}, {uint32(m), 1}, {uint32(s), 10000}}
}

// dmsValue is the angle that gpsDMS stores.
func dmsValue(r [3][2]uint32) float64 {
	return float64(r[0][0])/float64(r[0][1]) + float64(r[1][0])/float64(r[1][1])/60 + float64(r[2][0])/float64(r[2][1])/3600
}

// quantizeDMS returns v as it reads back once stored by gpsDMS.
func quantizeDMS(v float64) float64 {
	q := dmsValue(gpsDMS(v))
	if v < 0 {
		return -q
	}
	return q
}

// quantize100 rounds to hundredths, as altitude and direction are stored.
func quantize100(v float64) float64 { return math.Round(v*100) / 100 }

// offsetString formats a zone offset as "+03:00".
func offsetString(t time.Time) string {
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%c%02d:%02d", sign, off/3600, off/60%60)
}

// app1 builds the JPEG APP1 segment ("Exif\0\0" and a big-endian TIFF
// structure: IFD0, the Exif IFD and the GPS IFD).
func (x exifInfo) app1() ([]byte, error) {
	const exifDT = "2006:01:02 15:04:05"
	taken := x.Taken.Format(exifDT)
	offset := offsetString(x.Taken)
	utc := x.Taken.UTC()

	exifEntries := []ifdEntry{
		{0x9000, tUndefined, 4, []byte("0232")}, // ExifVersion
		asciiEntry(0x9003, taken),               // DateTimeOriginal
		asciiEntry(0x9004, taken),               // CreateDate
		asciiEntry(0x9010, offset),              // OffsetTime
		asciiEntry(0x9011, offset),              // OffsetTimeOriginal
		asciiEntry(0x9012, offset),              // OffsetTimeDigitized
		shortEntry(0xA001, 1),                   // ColorSpace sRGB
		longEntry(0xA002, uint32(x.Width)),      // PixelXDimension
		longEntry(0xA003, uint32(x.Height)),     // PixelYDimension
	}
	if x.Lens != "" {
		exifEntries = append(exifEntries, asciiEntry(0xA434, x.Lens)) // LensModel
	}
	if x.FocalLength > 0 {
		exifEntries = append(exifEntries, rationalEntry(0x920A, [2]uint32{uint32(math.Round(x.FocalLength * 100)), 100}))
	}
	latRef, lonRef := "N", "E"
	if x.Lat < 0 {
		latRef = "S"
	}
	if x.Lon < 0 {
		lonRef = "W"
	}
	lat, lon := gpsDMS(x.Lat), gpsDMS(x.Lon)
	gpsEntries := []ifdEntry{
		{0x0000, tByte, 4, []byte{2, 3, 0, 0}}, // GPSVersionID
		asciiEntry(0x0001, latRef),
		rationalEntry(0x0002, lat[0], lat[1], lat[2]),
		asciiEntry(0x0003, lonRef),
		rationalEntry(0x0004, lon[0], lon[1], lon[2]),
		{0x0005, tByte, 1, []byte{0}}, // GPSAltitudeRef: above sea level
		rationalEntry(0x0006, [2]uint32{uint32(math.Round(x.Alt * 100)), 100}),
		rationalEntry(0x0007, [2]uint32{uint32(utc.Hour()), 1}, [2]uint32{uint32(utc.Minute()), 1}, [2]uint32{uint32(utc.Second()), 1}),
		asciiEntry(0x0010, "T"), // GPSImgDirectionRef: true north
		rationalEntry(0x0011, [2]uint32{uint32(math.Round(x.Direction * 100)), 100}),
		asciiEntry(0x0012, "WGS-84"),
		asciiEntry(0x001D, utc.Format("2006:01:02")),
	}
	if x.Alt < 0 || x.Orientation < 1 || x.Orientation > 8 {
		return nil, fmt.Errorf("exif: altitude %v or orientation %d out of range", x.Alt, x.Orientation)
	}
	ifd0 := []ifdEntry{
		asciiEntry(0x010E, x.Description),
		asciiEntry(0x010F, x.Make),
		asciiEntry(0x0110, x.Model),
		shortEntry(0x0112, uint16(x.Orientation)),
		rationalEntry(0x011A, [2]uint32{72, 1}),
		rationalEntry(0x011B, [2]uint32{72, 1}),
		shortEntry(0x0128, 2),
		asciiEntry(0x0131, x.Software),
		asciiEntry(0x0132, taken), // ModifyDate
		longEntry(0x8769, 0),      // Exif IFD, patched below
		longEntry(0x8825, 0),      // GPS IFD, patched below
	}
	// Lay out: header (8), IFD0, Exif IFD, GPS IFD. Sizes do not depend on
	// the pointer values, so lay out once to measure, then for real.
	const head = 8
	l0 := len(ifd(ifd0, head, 0))
	exifOff := uint32(head + l0)
	le := len(ifd(exifEntries, exifOff, 0))
	gpsOff := exifOff + uint32(le)
	for i := range ifd0 {
		switch ifd0[i].tag {
		case 0x8769:
			ifd0[i] = longEntry(0x8769, exifOff)
		case 0x8825:
			ifd0[i] = longEntry(0x8825, gpsOff)
		}
	}
	var tiff bytes.Buffer
	tiff.WriteString("MM")
	binary.Write(&tiff, binary.BigEndian, uint16(42))
	binary.Write(&tiff, binary.BigEndian, uint32(head))
	tiff.Write(ifd(ifd0, head, 0))
	tiff.Write(ifd(exifEntries, exifOff, 0))
	tiff.Write(ifd(gpsEntries, gpsOff, 0))

	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	if len(payload)+2 > 0xFFFF {
		return nil, fmt.Errorf("exif: APP1 too large (%d bytes)", len(payload))
	}
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...), nil
}

// withExif inserts an APP1 segment right after the SOI marker of a JPEG.
func withExif(jpg, app1 []byte) ([]byte, error) {
	if len(jpg) < 4 || jpg[0] != 0xFF || jpg[1] != 0xD8 {
		return nil, fmt.Errorf("exif: not a JPEG stream")
	}
	out := make([]byte, 0, len(jpg)+len(app1))
	out = append(out, jpg[:2]...)
	out = append(out, app1...)
	return append(out, jpg[2:]...), nil
}
