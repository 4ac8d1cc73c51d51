package ui

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
)

// FormatCount writes n with thousands separators: 20000 -> "20,000".
func FormatCount(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Plural returns "1 image", "2 images", "1,234 images".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return FormatCount(n) + " " + many
}

// ShownCount is the library's count line: "1,234 of 20,000 images".
func ShownCount(shown, total int) string {
	if shown == total {
		return Plural(total, "image", "images")
	}
	return FormatCount(shown) + " of " + Plural(total, "image", "images")
}

// FormatBytes writes a file size: "507 KB", "3.2 MB".
func FormatBytes(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.0f KB", float64(n)/1000)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	default:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	}
}

// TakenDate is the capture date for captions: "2017-10-14", or "no date".
func TakenDate(im *catalog.Image) string {
	if im.TakenAt == nil {
		return "no date"
	}
	return im.TakenAt.Format("2006-01-02")
}

// TakenText is the capture time for the metadata panel, saying where it
// comes from and what the clock is: "2017-10-11 09:42:17 +03:00 (EXIF
// DateTimeOriginal)", "2017-10-11 09:42:17 (EXIF DateTimeOriginal; camera
// clock, zone not recorded)", "2017-10-16 08:31:00 +00:00 (asserted by
// ana@laptop, exhibit: Maxar catalogue)".
func TakenText(im *catalog.Image) string {
	if im.TakenAt == nil {
		return "not recorded"
	}
	s := clockText(*im.TakenAt, im.TakenOffset)
	if a := im.Asserted; a != nil {
		if im.TakenOffset == "" {
			return s + " (asserted by " + a.Actor + ": " + a.Source + "; zone not given)"
		}
		return s + " (asserted by " + a.Actor + ": " + a.Source + ")"
	}
	why := catalog.SourceLabel(im.TakenSource)
	if im.TakenOffset == "" && im.TakenSource != "gps" {
		why += "; camera clock, zone not recorded"
	}
	if im.Shift != nil {
		why += "; camera clock shifted by " + im.Shift.ShiftText()
	}
	return s + " (" + why + ")"
}

// fileTakenText is the capture time the file itself says, as takenText
// gives it.
func fileTakenText(im *catalog.Image) string {
	return TakenText(&catalog.Image{TakenAt: im.FileTakenAt, TakenOffset: im.FileTakenOffset, TakenSource: im.FileTakenSource})
}

// clockText is a time as "2006-01-02 15:04:05[.000][ +03:00]".
func clockText(t time.Time, offset string) string {
	layout := "2006-01-02 15:04:05"
	if t.Nanosecond() != 0 {
		layout += ".000"
	}
	if offset != "" {
		return t.Format(layout) + " " + offset
	}
	return t.Format(layout)
}

// GpsText writes a position in decimal degrees: "35.952800, 39.007900".
func GpsText(lat, lon float64) string {
	return strconv.FormatFloat(lat, 'f', 6, 64) + ", " + strconv.FormatFloat(lon, 'f', 6, 64)
}

// DirectionText writes a compass direction: "274.5° (W)".
func DirectionText(deg float64) string {
	d := math.Mod(deg, 360)
	if d < 0 {
		d += 360
	}
	names := []string{"N", "NE", "E", "SE", "S", "SW", "W", "NW"}
	return fmt.Sprintf("%.1f° (%s)", deg, names[int(math.Round(d/45))%8])
}

// TimeText writes an instant in UTC for the record: "2026-11-26 18:57:12 UTC".
func TimeText(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format("2006-01-02 15:04:05") + " UTC"
}

// RegionText describes a link's region in percent of the image.
func RegionText(r *catalog.Region) string {
	if r == nil {
		return "whole image"
	}
	return fmt.Sprintf("region at %.0f %%, %.0f %%, %.0f × %.0f %% of the image", r.X*100, r.Y*100, r.W*100, r.H*100)
}

// TrimExt returns a file name without its extension.
func TrimExt(name string) string { return strings.TrimSuffix(name, filepath.Ext(name)) }
