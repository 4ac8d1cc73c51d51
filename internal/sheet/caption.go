package sheet

import (
	"fmt"
	"math"
	"strings"
)

// captionColumns returns what is set under the images to identify each
// one, and the legend of its marks: for a pair, one column under each
// image; for a single image, the caption and the legend side by side.
func (wr *writer) captionColumns(s *Sheet, prints []printImage) []column {
	var cols []column
	if len(s.Images) == 2 {
		colW := wr.pg.columnWidth(2)
		for j := range s.Images {
			ls := wr.caption(&s.Images[j], prints[j], colW)
			if lg := wr.legend(&s.Images[j], colW); len(lg) > 0 {
				ls = append(ls, spacer(3))
				ls = append(ls, lg...)
			}
			cols = append(cols, column{x: wr.pg.left + float64(j)*(colW+columnGap), w: colW, lines: ls})
		}
	} else {
		colW := wr.pg.columnWidth(2)
		cols = append(cols, column{x: wr.pg.left, w: colW, lines: wr.caption(&s.Images[0], prints[0], colW)})
		if lg := wr.legend(&s.Images[0], colW); len(lg) > 0 {
			cols = append(cols, column{x: wr.pg.left + colW + columnGap, w: colW, lines: lg})
		}
	}
	return cols
}

// notRecorded stands for a value the image does not have.
const notRecorded = "not recorded"

// caption returns the lines that say what an image is: when and with what
// it was taken, where, its file, the SHA-256 of the original file, its
// catalog id, its tags and how it is printed.
func (wr *writer) caption(pn *Panel, pi printImage, w float64) []line {
	keys := []string{"Taken", "Camera", "Position", "Altitude", "File", "Catalog ID", "Tags", "Print", "Damaged"}
	keyW := 0.0
	for _, k := range keys {
		keyW = math.Max(keyW, wr.textWidth(k, true, sizeCaption))
	}
	keyW += 2.5
	orNot := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return notRecorded
		}
		return s
	}
	position, altitude := notRecorded, notRecorded
	switch {
	case pn.NoFix:
		position = "no fix (the file says 0°, 0°)"
	case pn.Lat != nil && pn.Lon != nil:
		position = fmt.Sprintf("%.6f, %.6f", *pn.Lat, *pn.Lon)
	}
	if pn.Alt != nil {
		altitude = fmt.Sprintf("%.1f m", *pn.Alt)
	}
	rows := [][2]string{
		{"Taken", orNot(pn.TakenAt)},
		{"Camera", orNot(pn.Camera)},
		{"Position", position},
		{"Altitude", altitude},
		{"File", orNot(pn.FileName)},
	}
	if pn.ImageID != 0 {
		rows = append(rows, [2]string{"Catalog ID", fmt.Sprintf("%d", pn.ImageID)})
	}
	if tags := joinTags(pn.Tags); tags != "" {
		rows = append(rows, [2]string{"Tags", tags})
	}
	rows = append(rows, [2]string{"Print", printNote(pn, pi)})
	if pi.damaged != "" {
		rows = append(rows, [2]string{"Damaged", "only part of the original could be decoded, the rest is printed grey (" + pi.damaged + ")"})
	}

	var ls []line
	val := style{size: sizeCaption, color: textColor}
	for _, r := range rows {
		key := r[0]
		ls = append(ls, wr.para(r[1], val, w, keyW, func(x, y, h float64, first bool) {
			if first {
				wr.setTextColor(muted)
				wr.drawText(x, y+val.baseline(), key, true, sizeCaption)
			}
		})...)
	}
	ls = append(ls, spacer(0.8))
	ls = append(ls, keepAll(append(
		wr.para("SHA-256 of the original file", style{size: sizeCaption, bold: true, color: muted}, w, 0, nil),
		wr.hashLines(pn.SHA256, w, alignNatural)...))...)
	return ls
}

// printNote says at what size and resolution an image is printed and
// what of the original that is: the original reduced, or whole, or a
// reduced copy of it; or why it is not printed.
func printNote(pn *Panel, pi printImage) string {
	if pi.unprinted != "" {
		return "not printed: " + pi.unprinted
	}
	s := fmt.Sprintf("%d × %d px at %.0f dpi", pi.w, pi.h, pi.dpi)
	ow, oh := pn.OriginalWidth, pn.OriginalHeight
	coarse := ""
	if pi.dpi < minGoodDPI {
		coarse = ", below 200 dpi"
	}
	switch {
	case ow <= 0 || oh <= 0: // the image given is all there is
		switch {
		case pi.reduced:
			s += fmt.Sprintf(", reduced from %d × %d px", pi.srcW, pi.srcH)
		case pi.dpi < minGoodDPI:
			s += " (the whole image, not enlarged: below 200 dpi)"
		default:
			s += " (the whole image)"
		}
	case pn.Aligned:
		s += fmt.Sprintf(", resampled from the original of %d × %d px into the before image's frame%s", ow, oh, coarse)
	case max(pi.srcW, pi.srcH) < max(ow, oh) && pi.srcW < pi.want:
		s += fmt.Sprintf(", from a reduced copy (%d × %d px) of the original of %d × %d px%s", pi.srcW, pi.srcH, ow, oh, coarse)
	case max(pi.w, pi.h) < max(ow, oh):
		s += fmt.Sprintf(", reduced from the original of %d × %d px%s", ow, oh, coarse)
	default:
		s += fmt.Sprintf(" (the whole original, not enlarged%s)", coarse)
	}
	return s
}

// joinTags returns tags as printed: in their order, separated by commas.
func joinTags(tags []string) string {
	var out []string
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, ", ")
}

// maxHashPt is the largest size a hash is set at.
const maxHashPt = 7.5

// hashLines returns the hash on one line, set small enough to fit the
// column so that it is copied and searched as one unbroken string. Should
// it not fit even at 4 pt, it wraps.
func (wr *writer) hashLines(hash string, w float64, align alignment) []line {
	hash = strings.TrimSpace(hash)
	if hash == "" {
		return wr.para(notRecorded, style{size: sizeCaption, color: textColor}, w, 0, nil)
	}
	size := maxHashPt
	if tw := wr.textWidth(hash, false, size); tw > w {
		size *= w / tw * 0.999
	}
	size = math.Max(size, 4)
	return wr.para(hash, style{size: size, color: textColor, align: align}, w, 0, nil)
}
