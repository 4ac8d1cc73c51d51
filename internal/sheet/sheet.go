package sheet

import (
	"fmt"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/exhibit-app/exhibit/internal/glyphs"
)

// Type sizes, in points.
const (
	sizeTitle    = 15.0
	sizeSubtitle = 10.5
	sizeKicker   = 8.0
	sizePanel    = 10.0
	sizeHeading  = 9.5
	sizeBody     = 9.0
	sizeCaption  = 7.5
	sizeSmall    = 7.0
	sizeFooter   = 7.0
	sizeSeal     = 6.5 // the manifest's hash and the key's fingerprint
	sealLeading  = 3.1 // mm between their lines
)

// writeSheet lays out one sheet from a new page, its images printed in
// slots (see layoutSlots).
func (wr *writer) writeSheet(s *Sheet, count int, names []string, prints []printImage, slots []slot) {
	wr.sheet = s
	wr.newPage(false)
	wr.lines(wr.headerLines(s, count))
	wr.topFigures(s)
	wr.imageRow(s, names, prints, slots)
	wr.flow(wr.captionColumns(s, prints))
	wr.lines(wr.sectionLines(s))
}

// newPage starts a page; a continued page gets a running head naming the
// sheet.
func (wr *writer) newPage(continued bool) {
	wr.pdf.AddPage()
	wr.pageSheets = append(wr.pageSheets, wr.sheetNo)
	wr.y = wr.pg.top
	if !continued {
		return
	}
	st := style{size: sizeKicker, color: muted}
	text := sheetName(wr.sheet) + " (continued)"
	ls := wr.para(text, st, wr.pg.cw, 0, nil)
	if len(ls) > 2 { // a running head, not the title: two lines at most
		ls = wr.para(ellipsize(text, wr.pg.cw*1.9, wr.runeWidth(false, st.size)), st, wr.pg.cw, 0, nil)
	}
	for _, l := range ls {
		l.draw(wr.pg.left, wr.y, wr.pg.cw)
		wr.y += l.h
	}
	wr.rule(wr.y+1, 0.2)
	wr.y += 4
}

// ellipsize shortens s to about width millimetres, ending it with "…".
func ellipsize(s string, width float64, rw func(rune) float64) string {
	var w float64
	for i, r := range s {
		w += rw(r)
		if w > width {
			return strings.TrimSpace(s[:i]) + "…"
		}
	}
	return s
}

// rule draws a horizontal line across the content width at y.
func (wr *writer) rule(y, width float64) {
	wr.setDrawColor(ruleColor)
	wr.pdf.SetLineWidth(width)
	wr.pdf.Line(wr.pg.left, y, wr.pg.left+wr.pg.cw, y)
}

// headerLines returns the case, the title and the subtitle of a sheet.
func (wr *writer) headerLines(s *Sheet, count int) []line {
	w := wr.pg.cw
	kicker := "Exhibit comparison sheet"
	switch {
	case s.Kicker != "":
		kicker = s.Kicker
	case len(s.Images) == 1:
		kicker = "Exhibit image sheet"
	}
	if count > 1 {
		kicker += fmt.Sprintf(" %d of %d", wr.sheetNo, count)
	}
	if wr.opt.CaseName != "" {
		kicker += " · Case: " + wr.opt.CaseName
	}
	var ls []line
	ls = append(ls, wr.para(kicker, style{size: sizeKicker, color: muted}, w, 0, nil)...)
	ls = append(ls, spacer(1))
	title := s.Title
	if strings.TrimSpace(title) == "" {
		title = "Untitled sheet"
	}
	ls = append(ls, wr.para(title, style{size: sizeTitle, bold: true, color: textColor}, w, 0, nil)...)
	if s.Subtitle != "" {
		ls = append(ls, wr.para(s.Subtitle, style{size: sizeSubtitle, color: muted}, w, 0, nil)...)
	}
	ls = append(ls, line{h: 4, draw: func(x, y, w float64) { wr.rule(y+2, 0.35) }})
	ls = append(ls, spacer(3))
	return ls
}

// labelLines returns the label of each image, set in its slot's width,
// and the height of the tallest (0 when no image has a label).
func (wr *writer) labelLines(s *Sheet, slots []slot) ([][]line, float64) {
	labels := make([][]line, len(s.Images))
	labelH := 0.0
	for j, pn := range s.Images {
		if strings.TrimSpace(pn.Label) == "" {
			continue
		}
		labels[j] = wr.para(pn.Label, style{size: sizePanel, bold: true, color: textColor}, slots[j].w, 0, nil)
		h := 1.0
		for _, l := range labels[j] {
			h += l.h
		}
		labelH = max(labelH, h)
	}
	return labels, labelH
}

// imageRow prints the images side by side in their slots with their
// labels and marks; an image not printed gets a placeholder saying why.
func (wr *writer) imageRow(s *Sheet, names []string, prints []printImage, slots []slot) {
	rowH := 0.0
	for _, sl := range slots {
		rowH = max(rowH, sl.h)
	}
	labels, labelH := wr.labelLines(s, slots)
	// Labels and images on one page when they fit on one; labels too long
	// for that flow like any text.
	if wr.y+labelH+rowH > wr.pg.bottom && labelH+rowH < wr.pg.bottom-wr.pg.top-runningHead {
		wr.newPage(true)
	}
	if labelH > 0 {
		var cols []column
		for j, sl := range slots {
			cols = append(cols, column{x: wr.pg.left + sl.x, w: sl.w, lines: keepAll(labels[j])})
		}
		wr.flow(cols)
		wr.y++
	}
	if wr.y+rowH > wr.pg.bottom {
		wr.newPage(true)
	}
	for j, pn := range s.Images {
		sl := slots[j]
		x, y := wr.pg.left+sl.x, wr.y
		if prints[j].unprinted != "" {
			wr.placeholder(placed{x, y, sl.w, sl.h}, &pn, prints[j].unprinted)
			continue
		}
		wr.pdf.ImageOptions(names[j], x, y, sl.w, sl.h, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
		wr.drawMarks(placed{x, y, sl.w, sl.h}, pn.Annotations)
		wr.setDrawColor(ruleColor)
		wr.pdf.SetLineWidth(0.2)
		wr.pdf.Rect(x, y, sl.w, sl.h, "D")
	}
	wr.y += rowH + 3
}

// runningHead is about the height of the head of a continued page.
const runningHead = 12.0

// sectionLines returns the date window, the alignment, the notes, the
// excerpts and the note on checking, across the page. The note on checking
// is never split, nor left alone on a page.
func (wr *writer) sectionLines(s *Sheet) []line {
	w := wr.pg.cw
	body := style{size: sizeBody, color: textColor}
	var ls []line
	add := func(heading, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		ls = append(ls, wr.heading(heading, w)...)
		ls = append(ls, wr.para(text, body, w, 0, nil)...)
	}
	add(cmpOr(s.WindowHeading, "Date window"), s.DateWindow)
	ls = append(ls, wr.figureLines(s, false)...)
	add("Alignment", s.AlignmentNote)
	add("Notes", s.Notes)
	if len(s.Excerpts) > 0 {
		title := "Report excerpts"
		if len(s.Excerpts) > 1 {
			title = fmt.Sprintf("Report excerpts (%d)", len(s.Excerpts))
		}
		ls = append(ls, wr.heading(title, w)...)
		for i, q := range s.Excerpts {
			if i > 0 {
				ls = append(ls, spacer(2.5))
			}
			ls = append(ls, wr.quote(q, i, w)...)
		}
	}
	if len(ls) > 0 {
		ls[len(ls)-1].keep = true
	}
	ls = append(ls, line{h: 4, spacer: true, keep: true})
	ls = append(ls, keepAll(wr.para(checkNote(s), style{size: sizeSmall, color: muted}, w, 0, nil))...)
	return ls
}

// heading returns a section heading, kept with what follows.
func (wr *writer) heading(text string, w float64) []line {
	ls := []line{spacer(3.5)}
	hs := wr.para(text, style{size: sizeHeading, bold: true, color: textColor}, w, 0, nil)
	for i := range hs {
		hs[i].keep = true
	}
	ls = append(ls, hs...)
	ls = append(ls, line{h: 1, keep: true})
	return ls
}

// quoteInset is how far a quote is set in from its bar.
const quoteInset = 4.5

// quote returns excerpt j of the sheet, marked by a bar on its side (the
// right for a right-to-left excerpt), with its citation and note, and its
// page region when it has one.
func (wr *writer) quote(q Quote, j int, w float64) []line {
	const inset = quoteInset
	text := "“" + PrintedText(q) + "”"
	rtl := glyphs.IsRTL(q.Text)
	bar := func(x, y, h float64, first bool) {
		wr.setFillColor(quoteBar)
		bx := x + 0.8
		if rtl {
			bx = x + w - 1.5
		}
		wr.pdf.Rect(bx, y, 0.7, h, "F")
	}
	indent := inset
	set := func(size float64, color rgb) style {
		st := style{size: size, color: color}
		if rtl {
			st.rightIndent = inset
		}
		return st
	}
	if rtl {
		indent = 0
	}
	ls := wr.para(text, set(sizeBody, textColor), w, indent, bar)
	ls[0].keep = true // no first line alone at the foot of a page
	if len(ls) > 1 {
		ls[len(ls)-2].keep = true // nor a last line alone at the top of one
	}
	ls[len(ls)-1].keep = true
	cite := wr.para("— "+citation(q), set(sizeCaption+0.5, muted), w, indent, bar)
	ls = append(ls, keepAll(cite)...)
	if strings.TrimSpace(q.Note) != "" {
		ls[len(ls)-1].keep = true
		ls = append(ls, wr.para("Note: "+strings.TrimSpace(q.Note), set(sizeCaption+0.5, textColor), w, indent, bar)...)
	}
	if region := wr.regionLines(j, indent, set(sizeCaption, muted), w, bar); len(region) > 0 {
		ls[len(ls)-1].keep = true
		ls = append(ls, region...)
	}
	return ls
}

// PrintedText returns an excerpt's text exactly as the sheet prints it,
// between its quotation marks.
func PrintedText(q Quote) string { return strings.TrimSpace(q.Text) }

// citation formats where an excerpt comes from: the report, its pages,
// its paragraph, and the report file's SHA-256, short (as the command
// line lists it; whole in the manifest).
func citation(q Quote) string {
	parts := []string{strings.TrimSpace(q.ReportTitle)}
	if parts[0] == "" {
		parts[0] = "Untitled report"
	}
	switch {
	case q.Page > 0 && q.PageEnd > q.Page:
		parts = append(parts, fmt.Sprintf("pp. %d–%d", q.Page, q.PageEnd))
	case q.Page > 0:
		parts = append(parts, fmt.Sprintf("p. %d", q.Page))
	}
	if q.Page > 0 && q.PageLabel != "" && q.PageLabel != strconv.Itoa(q.Page) {
		parts[len(parts)-1] += " (printed " + q.PageLabel + ")"
	}
	if q.Paragraph > 0 {
		parts = append(parts, fmt.Sprintf("¶ %d", q.Paragraph))
	}
	c := strings.Join(parts, ", ")
	if len(q.ReportSHA256) >= 12 {
		c += " · report SHA-256 " + q.ReportSHA256[:12]
	}
	return c
}

// checkNote tells the reader what the printed images are and how to check
// them against the originals.
func checkNote(s *Sheet) string {
	what := "The image is a copy of the original file"
	if len(s.Images) == 2 {
		what = "The images are copies of the original files"
	}
	return what + " reduced for print; the marks are drawn over the print and are not part of the originals, which are never altered. " +
		"Each SHA-256 identifies its original file: anyone holding a file can check it (for example: sha256sum FILE) against the value printed here."
}

// footers numbers the pages once all are laid out: export time and
// version on the left, the sheet in the middle, "Page x of y" on the right;
// under them, when the PDF carries a signed manifest, its SHA-256 and the
// signer's key fingerprint, one a line.
func (wr *writer) footers(sheets int) {
	f := wr.pdf
	n := f.PageCount()
	left := "Exported " + wr.opt.Created.Format("2006-01-02 15:04:05 -07:00") + " · " + exhibitName(wr.opt.Version)
	y := wr.pg.h - footerBase
	rule := y - 4
	var seal []string
	if s := wr.opt.Seal; s != nil {
		// Three lines: the footer moves up by the two added, still
		// below the content area (which ends marginBottom above the edge).
		y = wr.pg.h - footerBase - 2*sealLeading + 3.4
		rule = y - 3.4
		seal = []string{"Manifest SHA-256 " + s.ManifestSHA256 + " (manifest.json, attached)",
			"Signed by key SHA-256 " + s.KeyFingerprint + " (signer.pem, attached)"}
	}
	for p := 1; p <= n; p++ {
		f.SetPage(p)
		wr.setDrawColor(ruleColor)
		f.SetLineWidth(0.2)
		f.Line(wr.pg.left, rule, wr.pg.left+wr.pg.cw, rule)
		wr.setTextColor(muted)
		wr.drawText(wr.pg.left, y, left, false, sizeFooter)
		if sheets > 1 {
			mid := fmt.Sprintf("Sheet %d of %d", wr.pageSheets[p-1], sheets)
			wr.drawText(wr.pg.left+(wr.pg.cw-wr.textWidth(mid, false, sizeFooter))/2, y, mid, false, sizeFooter)
		}
		right := fmt.Sprintf("Page %d of %d", p, n)
		wr.drawText(wr.pg.left+wr.pg.cw-wr.textWidth(right, false, sizeFooter), y, right, false, sizeFooter)
		for i, l := range seal {
			wr.drawText(wr.pg.left, y+float64(i+1)*sealLeading, l, false, sizeSeal)
		}
	}
}
