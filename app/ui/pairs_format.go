package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

// WindowShow writes a stored window time for people (the catalog's
// ShowWindowTime).
func WindowShow(s string) string { return catalog.ShowWindowTime(s) }

// WindowEdit writes a stored window time as it is edited: "2017-10-11
// 09:42:17 +03:00", "2017-10-11 09:42:17".
func WindowEdit(s string) string {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.Format("2006-01-02 15:04:05 -07:00")
	}
	return strings.Replace(s, "T", " ", 1)
}

// WindowText is a pair's date window on one line.
func WindowText(notBefore, notAfter string) string {
	day := func(s string) string {
		if len(s) >= 10 {
			if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
				return t.Format("2 Jan 2006")
			}
		}
		return "?"
	}
	switch {
	case notBefore == "" && notAfter == "":
		return "no date window"
	case notAfter == "":
		return "after " + day(notBefore)
	case notBefore == "":
		return "before " + day(notAfter)
	}
	return "between " + day(notBefore) + " and " + day(notAfter)
}

// AlignedText says whether a pair is aligned, and how well.
func AlignedText(p *catalog.Pair) string {
	a := p.Alignment
	if a == nil {
		return "not aligned"
	}
	if len(a.Residuals) == 0 {
		return "aligned (" + a.Kind + ")"
	}
	return fmt.Sprintf("aligned on %d points, RMS %.1f px", len(a.Residuals), annot.RMS(a.Residuals))
}

// CaptureText is an image's capture time and camera, on one line.
func CaptureText(im *catalog.Image) string {
	s := "taken " + TakenText(im)
	if cam := catalog.CameraName(im.Make, im.Model); cam != "" {
		s += " · " + cam
	}
	return s
}
