package sheet

import "math"

// minRowShare is the least share of its full height an image row is
// reduced to so that its sheet fits on one page.
const minRowShare = 0.6

// fitSlack is kept free at the foot of a page fitted that way, for a
// caption line more than predicted.
const fitSlack = 1.5

// layoutSlots returns where the images of s are printed: as large as the
// page allows or, when that is what keeps the whole sheet on one page
// (rather than a last paragraph alone on a page of its own), smaller, down
// to minRowShare of that height. A sheet too long for one page even so
// keeps its images large and flows on.
func (wr *writer) layoutSlots(s *Sheet, count int) []slot {
	full, fullH := wr.pg.imageSlots(s, 0)
	slots, rowH := full, fullH
	avail := wr.pg.bottom - wr.pg.top
	for range 4 { // a smaller image can change the captions: measure again
		over := wr.sheetHeight(s, count, slots, rowH) - avail
		if over <= 0 {
			return slots
		}
		limit := rowH - over - fitSlack
		if limit < minRowShare*fullH {
			return full
		}
		slots, rowH = wr.pg.imageSlots(s, limit)
	}
	return full
}

// sheetHeight returns the height of s laid out with its images in slots,
// as one page: header, labels, images, captions, sections.
func (wr *writer) sheetHeight(s *Sheet, count int, slots []slot, rowH float64) float64 {
	prints := make([]printImage, len(slots))
	for j := range slots {
		prints[j] = predict(&s.Images[j], slots[j])
	}
	_, labelH := wr.labelLines(s, slots)
	h := height(wr.headerLines(s, count)) + rowH + 3
	if labelH > 0 {
		h += labelH + 1
	}
	capH := 0.0
	for _, c := range wr.captionColumns(s, prints) {
		capH = max(capH, height(c.lines))
	}
	return h + capH + height(wr.sectionLines(s))
}

// height is the height of lines set one under the other.
func height(ls []line) float64 {
	h := 0.0
	for _, l := range ls {
		h += l.h
	}
	return h
}

// predict returns the print of a panel in sl as prepare will make it, as
// far as the caption can tell before the picture is made.
func predict(pn *Panel, sl slot) printImage {
	sw, sh := pn.size()
	if pn.Image == nil && pn.OriginalWidth > 0 && pn.OriginalHeight > 0 && !pn.Aligned {
		sw, sh = pn.OriginalWidth, pn.OriginalHeight
	}
	want := max(1, int(math.Round(sl.w/25.4*targetDPI)))
	pi := printImage{srcW: sw, srcH: sh, w: sw, h: sh, printW: sl.w, printH: sl.h, want: want}
	if sw > want {
		pi.w, pi.h, pi.reduced = want, max(1, int(math.Round(float64(sh)*float64(want)/float64(sw)))), true
	}
	pi.dpi = float64(pi.w) / (sl.w / 25.4)
	return pi
}
