package sheet

import "strings"

// placeholderFill is the grey of the box printed in place of an image.
var placeholderFill = rgb{238, 238, 238}

// placeholder prints, in place of an image that could not be printed, a
// grey box saying so and why, with the SHA-256 of the original file and
// its name (the caption below says the rest). Its marks are listed in the
// legend, not drawn. Lines that do not fit the box are left to the
// caption, which says the same.
func (wr *writer) placeholder(p placed, pn *Panel, reason string) {
	wr.setFillColor(placeholderFill)
	wr.setDrawColor(ruleColor)
	wr.pdf.SetLineWidth(0.3)
	wr.pdf.Rect(p.x, p.y, p.w, p.h, "FD")
	const pad = 4.0
	w := p.w - 2*pad
	if w <= 10 {
		return
	}
	center := func(st style) style { st.align = alignCenter; return st }
	var ls []line
	ls = append(ls, wr.para("Image not printed", center(style{size: sizePanel, bold: true, color: textColor}), w, 0, nil)...)
	ls = append(ls, spacer(1.5))
	ls = append(ls, wr.para(strings.TrimSpace(reason), center(style{size: sizeCaption, color: textColor}), w, 0, nil)...)
	ls = append(ls, spacer(2.5))
	ls = append(ls, wr.para("SHA-256 of the original file", center(style{size: sizeCaption, bold: true, color: muted}), w, 0, nil)...)
	ls = append(ls, wr.hashLines(pn.SHA256, w, alignCenter)...)
	if name := strings.TrimSpace(pn.FileName); name != "" {
		ls = append(ls, wr.para(name, center(style{size: sizeCaption, color: muted}), w, 0, nil)...)
	}
	total := 0.0
	for _, l := range ls {
		total += l.h
	}
	y := p.y + max(pad, (p.h-total)/2)
	for _, l := range ls {
		if y+l.h > p.y+p.h-pad/2 {
			break
		}
		if l.draw != nil {
			l.draw(p.x+pad, y, w)
		}
		y += l.h
	}
}
