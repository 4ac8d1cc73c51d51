package georef

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	epsgPlain  = regexp.MustCompile(`^(?i)EPSG:(\d+)$`)
	authority  = regexp.MustCompile(`^(?:AUTHORITY\["EPSG",\s*"?(\d+)"?\]|ID\["EPSG",\s*"?(\d+)"?\])`)
	esriUTM    = regexp.MustCompile(`(?i)^PROJCS\["WGS_1984_UTM_Zone_(\d{1,2})([NS])"`)
	esriWebMer = regexp.MustCompile(`(?i)^PROJCS\["(WGS_1984_Web_Mercator(_Auxiliary_Sphere)?|WGS 84 / Pseudo-Mercator)"`)
	esriWGS84  = regexp.MustCompile(`(?i)^GEOGCS\["(GCS_WGS_1984|WGS 84)"`)
)

// EPSGFromPRJ returns the EPSG code of the coordinate system a .prj file
// describes: "EPSG:32637", well-known text with the EPSG code of the whole
// system (AUTHORITY or ID at its top level), or ESRI's names of WGS 84, its
// UTM zones and Web Mercator. Anything else is refused, not guessed.
func EPSGFromPRJ(s string) (int, error) {
	s = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
	if m := epsgPlain.FindStringSubmatch(s); m != nil {
		return strconv.Atoi(m[1])
	}
	// The code of the outermost system is its AUTHORITY (WKT 1) or ID
	// (WKT 2) at depth 1.
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[', '(':
			depth++
		case ']', ')':
			depth--
		case '"':
			if j := strings.IndexByte(s[i+1:], '"'); j >= 0 {
				i += j + 1
			}
		default:
			if depth == 1 && (s[i] == 'A' || s[i] == 'I') {
				if m := authority.FindStringSubmatch(s[i:]); m != nil {
					return strconv.Atoi(m[1] + m[2])
				}
			}
		}
	}
	switch {
	case esriUTM.MatchString(s):
		m := esriUTM.FindStringSubmatch(s)
		zone, _ := strconv.Atoi(m[1])
		if zone < 1 || zone > 60 {
			break
		}
		if strings.EqualFold(m[2], "S") {
			return 32700 + zone, nil
		}
		return 32600 + zone, nil
	case esriWebMer.MatchString(s):
		return 3857, nil
	case esriWGS84.MatchString(s):
		return 4326, nil
	}
	head := s
	if len(head) > 60 {
		head = head[:60] + "..."
	}
	return 0, fmt.Errorf("coordinate system %q: no EPSG code found: %w", head, ErrUnsupportedCRS)
}
