package sheet

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// extracted returns the text pdftotext reads from a PDF, normalised for
// comparison: presentation forms folded back to letters (NFKC), bidi
// controls dropped, whitespace runs made single spaces.
func extracted(t *testing.T, path string) string {
	t.Helper()
	return normalise(run(t, "pdftotext", "-enc", "UTF-8", path, "-"))
}

func normalise(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Bidi_Control, r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func TestTextCanBeExtracted(t *testing.T) {
	needPoppler(t)
	s := pairSheet(1600, 1200)
	path, _ := writePDF(t, []Sheet{s}, testOptions())
	text := extracted(t, path)

	// Both hashes, whole: as 64 hex digits between word boundaries.
	hashes := regexp.MustCompile(`\b[0-9a-f]{64}\b`).FindAllString(text, -1)
	for _, h := range []string{hashBefore, hashAfter} {
		if !slicesContains(hashes, h) {
			t.Errorf("hash %s is not extracted as one string (found %q)", h, hashes)
		}
	}
	want := []string{
		s.Title, s.Subtitle, "Case: Raqqa 2017", s.DateWindow, s.AlignmentNote,
		"Civilian harm in Raqqa, October 2017, pp. 14–15, ¶ 3",
		"Отчёт мониторинговой группы, p. 7, ¶ 12",
		"Note: matches the rubble heap",
		"Exported 2024-03-05 16:20:00 +03:00", "Exhibit 1.0.0-test", "Page 1 of ",
		"2017-10-12 14:03:00 +03:00", "Canon EOS 5D Mark III", "35.950123, 39.012345", "251.4 m",
		"IMG_0412.JPG", "Apple iPhone 7 (back camera)",
	}
	for _, q := range s.Excerpts {
		want = append(want, q.Text)
	}
	for _, pn := range s.Images {
		for _, a := range pn.Annotations {
			want = append(want, a.Label)
			if a.Note != "" {
				want = append(want, a.Note)
			}
		}
	}
	for _, w := range want {
		if !strings.Contains(text, normalise(w)) {
			t.Errorf("pdftotext output lacks %q", w)
		}
	}
	// The Arabic report title is shaped and reordered for display; read
	// back, it is the same title.
	if !strings.Contains(text, normalise("تقرير الشبكة")) {
		t.Errorf("pdftotext output lacks the Arabic report title")
	}
}

func slicesContains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// imageRow is a line of pdfimages -list.
type imageRow struct {
	page, w, h int
	enc        string
	xppi, yppi float64
}

func listImages(t *testing.T, path string) []imageRow {
	t.Helper()
	var rows []imageRow
	for _, l := range strings.Split(run(t, "pdfimages", "-list", path), "\n")[2:] {
		f := strings.Fields(l)
		if len(f) < 14 {
			continue
		}
		var r imageRow
		r.page, _ = strconv.Atoi(f[0])
		r.w, _ = strconv.Atoi(f[3])
		r.h, _ = strconv.Atoi(f[4])
		r.enc = f[8]
		r.xppi, _ = strconv.ParseFloat(f[12], 64)
		r.yppi, _ = strconv.ParseFloat(f[13], 64)
		rows = append(rows, r)
	}
	return rows
}

func TestImagesArePrintedAtPrintResolution(t *testing.T) {
	needPoppler(t)
	tests := []struct {
		name     string
		opt      Options
		w, h     int
		min, max float64 // ppi
		reduced  bool
	}{
		{"large, A4 portrait", Options{}, 4000, 3000, 200, 260, true},
		{"large, Letter landscape", Options{Paper: "Letter", Landscape: true}, 4000, 3000, 200, 260, true},
		{"portrait images", Options{}, 1800, 2400, 200, 260, true},
		{"small, not enlarged", Options{}, 500, 375, 100, 199, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.opt
			opt.Created = fixedTime
			path, _ := writePDF(t, []Sheet{pairSheet(tt.w, tt.h)}, opt)
			rows := listImages(t, path)
			if len(rows) != 2 {
				t.Fatalf("pdfimages lists %d images, want 2: %+v", len(rows), rows)
			}
			for _, r := range rows {
				if r.enc != "jpeg" || r.page != 1 {
					t.Errorf("image %+v: want a JPEG on page 1", r)
				}
				if r.xppi < tt.min || r.xppi > tt.max || r.yppi < tt.min || r.yppi > tt.max {
					t.Errorf("image %+v: resolution outside %v–%v ppi", r, tt.min, tt.max)
				}
				if !tt.reduced && (r.w != tt.w || r.h != tt.h) {
					t.Errorf("image %+v: a small image must be embedded whole (%d×%d)", r, tt.w, tt.h)
				}
			}
			text := extracted(t, path)
			if tt.reduced && !strings.Contains(text, fmt.Sprintf("reduced from %d × %d px", tt.w, tt.h)) {
				t.Errorf("caption does not say the image was reduced")
			}
			if !tt.reduced && !strings.Contains(text, "not enlarged: below 200 dpi") {
				t.Errorf("caption does not say the image is printed below 200 dpi")
			}
		})
	}
}

// word is a word pdftotext -bbox found, in points.
type word struct {
	page                   int
	text                   string
	xMin, yMin, xMax, yMax float64
}

var (
	pageRE = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// words returns every word of a PDF with its box, and the page size.
func words(t *testing.T, path string) (ws []word, pageW, pageH float64) {
	t.Helper()
	page := 0
	for _, l := range strings.Split(run(t, "pdftotext", "-bbox", path, "-"), "\n") {
		if m := pageRE.FindStringSubmatch(l); m != nil {
			page++
			pageW, _ = strconv.ParseFloat(m[1], 64)
			pageH, _ = strconv.ParseFloat(m[2], 64)
			continue
		}
		if m := wordRE.FindStringSubmatch(l); m != nil {
			var w word
			w.page = page
			w.xMin, _ = strconv.ParseFloat(m[1], 64)
			w.yMin, _ = strconv.ParseFloat(m[2], 64)
			w.xMax, _ = strconv.ParseFloat(m[3], 64)
			w.yMax, _ = strconv.ParseFloat(m[4], 64)
			w.text = m[5]
			ws = append(ws, w)
		}
	}
	return ws, pageW, pageH
}

func TestLongContentFlowsAndNothingIsCutOff(t *testing.T) {
	needPoppler(t)
	for _, opt := range []Options{{}, {Paper: "Letter", Landscape: true}} {
		t.Run(fmt.Sprintf("%+v", opt), func(t *testing.T) {
			opt.Created = fixedTime
			s := longSheet(1200, 900)
			path, _ := writePDF(t, []Sheet{s}, opt)
			ws, pw, ph := words(t, path)
			pages := 0
			for _, w := range ws {
				pages = max(pages, w.page)
			}
			if pages < 2 {
				t.Fatalf("the long sheet has %d page(s), want it to flow onto more", pages)
			}
			checkLayout(t, ws, pw, ph)
			// Every word of every excerpt is there, as often as it is in the excerpts.
			have := map[string]int{}
			for _, w := range strings.Fields(extracted(t, path)) {
				have[strings.Trim(w, "“”.,")]++
			}
			need := map[string]int{}
			for _, q := range s.Excerpts {
				for _, w := range strings.Fields(normalise(q.Text)) {
					need[strings.Trim(w, "“”.,")]++
				}
			}
			for w, n := range need {
				if have[w] < n {
					t.Errorf("word %q printed %d times, the excerpts have it %d times", w, have[w], n)
				}
			}
			last := fmt.Sprintf("Page %d of %d", pages, pages)
			if !strings.Contains(extracted(t, path), last) {
				t.Errorf("no %q in the footer", last)
			}
		})
	}
}

// checkLayout checks that every word is inside the side margins, above the
// bottom margin (the footer's words excepted) and legibly large.
func checkLayout(t *testing.T, ws []word, pw, ph float64) {
	t.Helper()
	const mm = 72 / 25.4
	contentBottom := ph - marginBottom*mm
	footerTop := ph - (footerBase+4)*mm
	footer := regexp.MustCompile(`^(Exported|[\d:+-]+|·|Exhibit|1\.0\.0-test|Page|Sheet|\d+|of)$`)
	letter := regexp.MustCompile(`\pL`)
	for _, w := range ws {
		// Glyph boxes reach a little past the pen position.
		if w.xMin < marginX*mm-1 || w.xMax > pw-marginX*mm+1 {
			t.Errorf("page %d: %q outside the side margins (x %.1f–%.1f)", w.page, w.text, w.xMin, w.xMax)
		}
		switch {
		case w.yMin >= marginTop*mm-1 && w.yMax <= contentBottom+1:
		case w.yMin >= footerTop && w.yMax <= ph-5*mm && footer.MatchString(w.text):
		default:
			t.Errorf("page %d: %q outside the content area (y %.1f–%.1f, content ends at %.1f)", w.page, w.text, w.yMin, w.yMax, contentBottom)
		}
		if letter.MatchString(w.text) && w.yMax-w.yMin < 6.5 {
			t.Errorf("page %d: %q is set too small (%.1f pt high)", w.page, w.text, w.yMax-w.yMin)
		}
	}
}

func TestOddContentStaysOnThePage(t *testing.T) {
	needPoppler(t)
	s := oddSheet()
	s.Images = append(s.Images, s.Images[0])
	s.Images[0].Label = strings.Repeat("Before the strike, seen from the roof of the hospital ", 12)
	s.Images[1].Label = "After"
	for _, opt := range []Options{testOptions(), {Paper: "Letter", Landscape: true, Created: fixedTime, Version: "1.0.0-test"}} {
		path, _ := writePDF(t, []Sheet{s, pairSheet(640, 480)}, opt)
		ws, pw, ph := words(t, path)
		checkLayout(t, ws, pw, ph)
		text := extracted(t, path)
		for _, want := range []string{"very_long_file_name_without_any_space_", "Page 1 of", "hospital"} {
			if !strings.Contains(text, want) {
				t.Errorf("%q missing", want)
			}
		}
	}
}
