package meta

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

var xmpRational = regexp.MustCompile(`^-?\d+/-?\d+$`)

// xmpValue shows an XMP value as ExifTool's -n does where the text is a
// number in another form: rationals ("28/10") as decimals, APEX apertures
// and shutter speeds as f-numbers and seconds, GPS coordinates ("38,24.3S")
// as signed degrees. Every other value is kept as written. note gives the
// written form of a converted value.
func xmpValue(prefix, name, v string) (string, string) {
	if prefix == "exif" && (name == "GPSLatitude" || name == "GPSLongitude" || name == "GPSDestLatitude" || name == "GPSDestLongitude") {
		pos, neg, limit := byte('N'), byte('S'), 90.0
		if strings.HasSuffix(name, "Longitude") {
			pos, neg, limit = 'E', 'W', 180
		}
		if d, ok := xmpCoordinate(v, pos, neg, limit); ok {
			return formatNumber(d), "degrees, from " + v
		}
		return v, ""
	}
	if parts := strings.Fields(v); len(parts) > 1 && xmpRational.MatchString(parts[0]) {
		out := make([]string, len(parts))
		for i, p := range parts {
			f, ok := xmpNumber(p)
			if !ok || !xmpRational.MatchString(p) {
				return v, ""
			}
			out[i] = formatNumber(f)
		}
		return strings.Join(out, " "), ""
	}
	f, ok := xmpNumber(v)
	if !ok {
		return v, ""
	}
	if prefix == "exif" {
		switch name {
		case "ApertureValue", "MaxApertureValue":
			return formatNumber(math.Pow(2, f/2)), "f-number, from APEX " + v
		case "ShutterSpeedValue":
			return formatNumber(math.Pow(2, -f)), "seconds, from APEX " + v
		}
	}
	if xmpRational.MatchString(v) {
		return formatNumber(f), ""
	}
	return v, ""
}

// xmpNumber reads a number or a rational.
func xmpNumber(v string) (float64, bool) {
	if xmpRational.MatchString(v) {
		n, d, _ := strings.Cut(v, "/")
		a, err1 := strconv.ParseFloat(n, 64)
		b, err2 := strconv.ParseFloat(d, 64)
		if err1 != nil || err2 != nil || b == 0 {
			return 0, false
		}
		return a / b, true
	}
	f, err := strconv.ParseFloat(v, 64)
	return f, err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
}
