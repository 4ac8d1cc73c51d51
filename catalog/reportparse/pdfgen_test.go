package reportparse

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/exhibit-app/exhibit/assets"
)

// This file typesets the sample PDFs of the tests with fpdf, and records,
// as it goes, the blocks a reader should find in them: their text,
// heading and the pages each paragraph was drawn on.

// docPart is a heading or a paragraph of a sample document.
type docPart struct {
	level int    // > 0 for a heading
	text  string // the paragraph's text, as it should be read
	// lines, when set, are the paragraph's lines as typeset (to place a
	// hyphenated line break); text is then what a reader should read.
	lines []string
	// breakAfter, when > 0, moves the paragraph to the bottom of the page
	// so that only that many of its lines fit before the page break.
	breakAfter int
	bullet     bool // a list item: drawn with "•"
	// indent sets the whole paragraph in from the margin (mm), as a
	// quotation or a licence text is.
	indent float64
}

const (
	runningHeader = "Tal Hamra field report — documentation team"
	pdfTitle      = "Strikes on Tal Hamra"
)

// englishReport is the English sample, several pages long, with a
// paragraph across a page break and a word hyphenated at a line end.
var englishReport = []docPart{
	{level: 1, text: pdfTitle},
	{text: "Prepared by the documentation team after two visits to the town, in November 2017 and in January 2018. Every statement below was checked against at least one photograph or a second witness."},
	{level: 2, text: "1. Events of 17 October 2017"},
	{text: "On 17 October 2017, shortly after 14:00, at least three munitions struck the western quarter of Tal Hamra. The strikes hit Al-Nour Street, the covered market and the houses behind it. Residents told us that no warning was given before the first impact."},
	{text: "The first munition fell on the bakery at the corner of Al-Nour Street and the road to the mill. The second struck the Al-Rahma clinic about one minute later, bringing down its east wall onto the pavement where people had gathered to help the wounded."},
	{text: "A third impact was reported near the covered market, but the team could not reach the site on its first visit. On the second visit, in January 2018, the crater had been filled and the rubble removed, so its position is taken from two witnesses and from satellite imagery."},
	{level: 2, text: "2. Damage recorded on site"},
	{text: "The following places were inspected and photographed:"},
	{text: "the bakery, whose front and roof were destroyed;", bullet: true},
	{text: "the Al-Rahma clinic, whose east wall collapsed;", bullet: true},
	{text: "four houses behind the market, damaged by fragments.", bullet: true},
	{text: "Fragments collected at the bakery were photographed with a scale and handed to the team's weapons analyst. Their shape and the markings on one fin are consistent with an air-dropped munition, but no serial number could be read on the pieces examined."},
	{text: "The clinic's records for that afternoon list eleven wounded, among them four children, and two dead on arrival. The head nurse kept a handwritten register that the team photographed page by page; the names are withheld from this report and kept in the case file with the consent of the families.",
		breakAfter: 2},
	{level: 2, text: "3. Witness account"},
	{text: "Witness A, a shopkeeper aged 52, said: \"I was closing the shutter when the first one fell. The second came a minute later, on the clinic. We carried people out through the back door because the street was full of dust.\""},
	{text: "Witness B, a nurse, described the same sequence. The team's investigation of the timing relied on both accounts and on the time stamps of three photographs taken by a neighbour.",
		lines: []string{
			"Witness B, a nurse, described the same sequence. The team's investi-",
			"gation of the timing relied on both accounts and on the time stamps of",
			"three photographs taken by a neighbour.",
		}},
	{level: 2, text: "4. Method"},
	{text: "We compared photographs taken on 20/10/2017 with satellite imagery from 2017-10-12 and 2017-10-19. Street names follow the municipal map of 2010; where residents use another name, both are given."},
}

// arabicReport is the Arabic sample: a title, two paragraphs with numbers
// in Arabic-Indic digits, harakat, a Latin word and a footer.
var arabicReport = []docPart{
	{level: 1, text: "تقرير ميداني: الغارات على تل حمرا"},
	{text: "في ١٧ تشرين الأول ٢٠١٧، بعد الساعة الثانية ظهراً بقليل، سقطت ثلاث ذخائر على الأقل على الحي الغربي من تل حمرا. أصابت الغارات شارع النور والسوق المسقوف والبيوت التي خلفه."},
	{level: 2, text: "شهادة"},
	{text: "قال الشاهد أ، وهو صاحب متجر يبلغ من العمر ٥٢ عاماً: «كنتُ أُغلقُ الباب حين سقطت الأولى. جاءت الثانية بعد دقيقة، على العيادة». وصوّر أحد الجيران المكان بهاتفه (Samsung) في الساعة 14:05."},
}

type genOptions struct {
	rtl        bool
	footer     func(page int) string // nil: no footer
	header     string                // "" : no running header
	title      string
	protectPwd string // user password for fpdf's RC4 protection
	repeat     int    // typeset the document this many times (a long PDF)
}

func newFpdf(t testing.TB) *fpdf.Fpdf {
	t.Helper()
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("dejavu", "", assets.FontRegular)
	f.AddUTF8FontFromBytes("dejavu", "B", assets.FontBold)
	f.SetMargins(20, 20, 20)
	f.SetAutoPageBreak(true, 22)
	f.SetCreationDate(time.Date(2018, 2, 1, 10, 0, 0, 0, time.UTC))
	f.SetModificationDate(time.Date(2018, 2, 1, 10, 0, 0, 0, time.UTC))
	f.SetCompression(true)
	return f
}

// genPDF typesets parts and returns the PDF and the blocks a reader should
// find (with Page and PageEnd; PageLabel left to the caller).
func genPDF(t testing.TB, parts []docPart, o genOptions) ([]byte, []Block) {
	t.Helper()
	f := newFpdf(t)
	if o.title != "" {
		f.SetTitle(o.title, true)
	}
	if o.protectPwd != "" {
		f.SetProtection(fpdf.CnProtectPrint, o.protectPwd, "owner-secret")
	}
	align := "L"
	if o.rtl {
		align = "R"
	}
	if o.header != "" {
		f.SetHeaderFunc(func() {
			f.SetFont("dejavu", "", 8)
			f.SetY(10)
			f.CellFormat(0, 4, o.header, "", 1, "C", false, 0, "")
			f.SetY(20)
		})
	}
	if o.footer != nil {
		f.SetFooterFunc(func() {
			f.SetFont("dejavu", "", 8)
			f.SetY(-15)
			f.CellFormat(0, 4, visual(o.footer(f.PageNo()), o.rtl), "", 0, "C", false, 0, "")
		})
	}
	f.AddPage()
	var blocks []Block
	var headings []heading
	_, pageH := f.GetPageSize()
	_, _, _, bottom := f.GetMargins()
	width := 170.0
	repeat := max(o.repeat, 1)
	for rep := 0; rep < repeat; rep++ {
		for _, p := range parts {
			if p.level > 0 {
				size := 18.0
				if p.level > 1 {
					size = 14
				}
				f.SetFont("dejavu", "B", size)
				f.Ln(3)
				for _, l := range wrap(f, p.text, width) {
					f.CellFormat(0, size*0.5, visual(l, o.rtl), "", 1, align, false, 0, "")
				}
				f.Ln(3)
				for len(headings) > 0 && headings[len(headings)-1].level >= p.level {
					headings = headings[:len(headings)-1]
				}
				headings = append(headings, heading{p.level, p.text})
				continue
			}
			f.SetFont("dejavu", "", 11)
			lines := p.lines
			indent := 0.0
			if p.bullet {
				indent = 6
				lines = wrap(f, p.text, width-indent)
			} else if lines == nil {
				indent = p.indent
				lines = wrap(f, p.text, width-indent)
			}
			if p.breakAfter > 0 {
				f.SetY(pageH - bottom - float64(p.breakAfter)*6 - 0.5)
			}
			start := f.PageNo()
			for i, l := range lines {
				f.SetX(20 + indent)
				if p.bullet && i == 0 {
					f.SetX(20)
					f.CellFormat(indent, 6, "•", "", 0, "L", false, 0, "")
				}
				f.CellFormat(width-indent, 6, visual(l, o.rtl), "", 1, align, false, 0, "")
			}
			f.Ln(3)
			text := p.text
			var path []string
			for _, h := range headings {
				if h.text != o.title {
					path = append(path, h.text)
				}
			}
			blocks = append(blocks, Block{Paragraph: len(blocks) + 1, Page: start, PageEnd: f.PageNo(), Heading: strings.Join(path, headingSep), Text: text})
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatalf("typeset sample PDF: %v", err)
	}
	return buf.Bytes(), blocks
}

// wrap breaks text into lines that fit width at the current font, at
// spaces only (fpdf's SplitText also breaks before Arabic marks).
func wrap(f *fpdf.Fpdf, text string, width float64) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(text) {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if cur != "" && f.GetStringWidth(try) > width-1 {
			lines = append(lines, cur)
			try = w
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// writeTemp writes data to a file in a test's temporary folder.
func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// visual puts an Arabic line in the order its glyphs are drawn, left to
// right, with each letter in its joined form, as a shaping engine does:
// fpdf draws text as given, without shaping or reordering.
func visual(s string, rtl bool) string {
	if !rtl {
		return s
	}
	shaped := []rune(shape(s))
	// Split into runs: left-to-right runs are Latin letters and digits
	// (ASCII or Arabic-Indic) with the neutrals between them.
	isLTR := func(r rune) bool {
		return r < 0x0600 && (r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') || r >= 0x0660 && r <= 0x0669
	}
	isStrongRTL := func(r rune) bool {
		return !isLTR(r) && (r >= 0x0600 && r <= 0x06FF && !(r >= 0x0660 && r <= 0x0669) && r != 0x060C || r >= 0xFE70 && r <= 0xFEFF)
	}
	n := len(shaped)
	ltr := make([]bool, n)
	for i := 0; i < n; i++ {
		if isLTR(shaped[i]) {
			ltr[i] = true
			continue
		}
		if isStrongRTL(shaped[i]) {
			continue
		}
		// A neutral is LTR when the nearest strong characters on both
		// sides are LTR.
		l, r := -1, -1
		for j := i - 1; j >= 0; j-- {
			if isLTR(shaped[j]) || isStrongRTL(shaped[j]) {
				l = j
				break
			}
		}
		for j := i + 1; j < n; j++ {
			if isLTR(shaped[j]) || isStrongRTL(shaped[j]) {
				r = j
				break
			}
		}
		ltr[i] = l >= 0 && r >= 0 && isLTR(shaped[l]) && isLTR(shaped[r])
	}
	var runs [][]rune
	for i := 0; i < n; {
		j := i
		for j < n && ltr[j] == ltr[i] {
			j++
		}
		run := append([]rune(nil), shaped[i:j]...)
		if !ltr[i] {
			// Reverse by clusters: a mark stays after its letter, so that
			// its ink, drawn before its origin, falls on the letter.
			var clusters [][]rune
			for _, r := range run {
				if r >= 0x064B && r <= 0x065F || r == 0x0670 {
					if len(clusters) > 0 {
						clusters[len(clusters)-1] = append(clusters[len(clusters)-1], r)
						continue
					}
				}
				clusters = append(clusters, []rune{r})
			}
			run = run[:0]
			for k := len(clusters) - 1; k >= 0; k-- {
				run = append(run, clusters[k]...)
			}
			for k, r := range run {
				if m, ok := mirror[r]; ok {
					run[k] = m
				}
			}
		}
		runs = append(runs, run)
		i = j
	}
	var out []rune
	for k := len(runs) - 1; k >= 0; k-- {
		out = append(out, runs[k]...)
	}
	return string(out)
}

// arabicForms are the presentation forms of the Arabic letters: isolated,
// final, initial, medial (0 where the letter has none: it does not join
// the next letter).
var arabicForms = map[rune][4]rune{
	'ء': {0xFE80, 0, 0, 0}, 'آ': {0xFE81, 0xFE82, 0, 0}, 'أ': {0xFE83, 0xFE84, 0, 0},
	'ؤ': {0xFE85, 0xFE86, 0, 0}, 'إ': {0xFE87, 0xFE88, 0, 0}, 'ئ': {0xFE89, 0xFE8A, 0xFE8B, 0xFE8C},
	'ا': {0xFE8D, 0xFE8E, 0, 0}, 'ب': {0xFE8F, 0xFE90, 0xFE91, 0xFE92}, 'ة': {0xFE93, 0xFE94, 0, 0},
	'ت': {0xFE95, 0xFE96, 0xFE97, 0xFE98}, 'ث': {0xFE99, 0xFE9A, 0xFE9B, 0xFE9C}, 'ج': {0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0},
	'ح': {0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4}, 'خ': {0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8}, 'د': {0xFEA9, 0xFEAA, 0, 0},
	'ذ': {0xFEAB, 0xFEAC, 0, 0}, 'ر': {0xFEAD, 0xFEAE, 0, 0}, 'ز': {0xFEAF, 0xFEB0, 0, 0},
	'س': {0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4}, 'ش': {0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8}, 'ص': {0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC},
	'ض': {0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0}, 'ط': {0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4}, 'ظ': {0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8},
	'ع': {0xFEC9, 0xFECA, 0xFECB, 0xFECC}, 'غ': {0xFECD, 0xFECE, 0xFECF, 0xFED0}, 'ف': {0xFED1, 0xFED2, 0xFED3, 0xFED4},
	'ق': {0xFED5, 0xFED6, 0xFED7, 0xFED8}, 'ك': {0xFED9, 0xFEDA, 0xFEDB, 0xFEDC}, 'ل': {0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0},
	'م': {0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4}, 'ن': {0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8}, 'ه': {0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC},
	'و': {0xFEED, 0xFEEE, 0, 0}, 'ى': {0xFEEF, 0xFEF0, 0, 0}, 'ي': {0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4},
}

// lamAlef are the lam-alef ligatures (isolated, final) by alef.
var lamAlef = map[rune][2]rune{'آ': {0xFEF5, 0xFEF6}, 'أ': {0xFEF7, 0xFEF8}, 'إ': {0xFEF9, 0xFEFA}, 'ا': {0xFEFB, 0xFEFC}}

// shape replaces Arabic letters, in logical order, by their joined forms.
func shape(s string) string {
	rs := []rune(s)
	isMark := func(r rune) bool { return r >= 0x064B && r <= 0x065F || r == 0x0670 }
	// letter returns the index of the next letter from i in direction d,
	// skipping marks, or -1.
	letter := func(i, d int) int {
		for j := i + d; j >= 0 && j < len(rs); j += d {
			if !isMark(rs[j]) {
				return j
			}
		}
		return -1
	}
	joinsNext := func(i int) bool { // the letter at i connects to the letter after it
		f, ok := arabicForms[rs[i]]
		return ok && f[2] != 0
	}
	var out []rune
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		f, ok := arabicForms[r]
		if !ok {
			out = append(out, r)
			continue
		}
		p := letter(i, -1)
		prevJoins := p >= 0 && joinsNext(p)
		nx := letter(i, 1)
		if r == 'ل' && nx >= 0 {
			if lig, ok := lamAlef[rs[nx]]; ok && nx == i+1 {
				if prevJoins {
					out = append(out, lig[1])
				} else {
					out = append(out, lig[0])
				}
				i = nx
				continue
			}
		}
		_, nextIsArabic := arabicForms[0]
		if nx >= 0 {
			_, nextIsArabic = arabicForms[rs[nx]]
		}
		nextJoins := f[2] != 0 && nx >= 0 && nextIsArabic
		switch {
		case prevJoins && nextJoins:
			out = append(out, f[3])
		case prevJoins:
			out = append(out, f[1])
		case nextJoins:
			out = append(out, f[2])
		default:
			out = append(out, f[0])
		}
	}
	return string(out)
}

// arabicDigits writes n in Arabic-Indic digits.
func arabicDigits(n int) string {
	var sb strings.Builder
	for _, c := range fmt.Sprint(n) {
		sb.WriteRune(c - '0' + 0x0660)
	}
	return sb.String()
}
