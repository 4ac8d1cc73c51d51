package sheet

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// cjkSheet is the pair sheet with Japanese, Chinese and Korean in its
// title, excerpts, report titles, notes and a mark's label, and an excerpt
// of Chinese long enough to wrap (no spaces to break at).
func cjkSheet() Sheet {
	s := pairSheet(640, 480)
	s.Title = "東京の橋 — 被害報告"
	s.Subtitle = "Pair 3 · 第三組"
	s.Notes = "The bridge deck sagged. 橋桁が沈下した。 교량 상판이 내려앉았다."
	s.Images[1].Annotations[0].Label = "崩落した橋脚"
	s.Excerpts = []Quote{
		{Text: "「東京の橋」は三月十日の空襲で被害を受けた。", ReportTitle: "被害報告書", Page: 3, Paragraph: 2},
		{Text: strings.Repeat("桥梁在空袭中严重受损，桥面部分坍塌，交通中断。", 8), ReportTitle: "桥梁损坏调查报告", Page: 5},
		{Text: "다리는 3월 10일 공습으로 피해를 입었다.", ReportTitle: "피해 보고서", Paragraph: 4},
	}
	return s
}

func TestCJKPrints(t *testing.T) {
	needPoppler(t)
	s := cjkSheet()
	path, _ := writePDF(t, []Sheet{s}, testOptions())
	text := extracted(t, path)
	want := []string{s.Title, s.Subtitle, "崩落した橋脚", "橋桁が沈下した。", "교량 상판이 내려앉았다.",
		"被害報告書", "桥梁损坏调查报告", "피해 보고서", s.Excerpts[0].Text, s.Excerpts[2].Text}
	for _, w := range want {
		if !strings.Contains(text, normalise(w)) {
			t.Errorf("pdftotext output lacks %q", w)
		}
	}
	// The long Chinese excerpt wraps: all of it is there, in order, once
	// the line breaks are taken out.
	if !strings.Contains(strings.ReplaceAll(text, " ", ""), normalise(s.Excerpts[1].Text)) {
		t.Errorf("the wrapped Chinese excerpt is not printed whole")
	}
	ws, pw, ph := words(t, path)
	checkLayout(t, ws, pw, ph)

	// The fallback fonts are embedded, with the sheet font, each with its
	// map back to Unicode.
	fonts := run(t, "pdffonts", path)
	for _, f := range []string{"dejavu", "droidfallback", "nanumsquare"} {
		if !regexp.MustCompile(`(?m)^utf8` + f + `\s.*\byes\s+\w+\s+yes\b`).MatchString(fonts) {
			t.Errorf("pdffonts lists no embedded %s with a Unicode map:\n%s", f, fonts)
		}
	}
}

// TestCJKIsNotTofu renders the first page with and without the fallback:
// without it, the CJK characters are DejaVu's missing-glyph box; with it,
// drawn glyphs, so the two pages differ where the title is.
func TestCJKIsNotTofu(t *testing.T) {
	needPoppler(t)
	s := cjkSheet()
	s.Excerpts = s.Excerpts[:1]
	render := func(name string) string {
		path, _ := writePDF(t, []Sheet{s}, testOptions())
		out := filepath.Join(t.TempDir(), name)
		run(t, "pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", "-singlefile", path, out)
		if dir := os.Getenv("EXHIBIT_KEEP_RENDERS"); dir != "" {
			b, _ := os.ReadFile(out + ".png")
			_ = os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644)
		}
		return out + ".png"
	}
	with := render("cjk")
	noFallback = true
	without := render("tofu")
	noFallback = false
	mean, _, err := compareImages(readPNG(t, with), readPNG(t, without))
	if err != nil {
		t.Fatal(err)
	}
	if mean == 0 {
		t.Errorf("the page with the CJK fallback renders like the page without it")
	}
}

func TestFontRuns(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []textRun
	}{
		{"", nil},
		{"Bridge", []textRun{{"Bridge", 0}}},
		{"東京の橋 — 被害報告", []textRun{{"東京の橋", 1}, {" — ", 0}, {"被害報告", 1}}},
		{"Pair 3 · 第三組", []textRun{{"Pair 3 · ", 0}, {"第三組", 1}}},
		{"피해 보고서", []textRun{{"피해", 2}, {" ", 0}, {"보고서", 2}}},
		{"桥梁，坍塌。", []textRun{{"桥梁，坍塌。", 1}}},
		{"Отчёт", []textRun{{"Отчёт", 0}}},
	} {
		got := fontRuns(c.in, false)
		if len(got) != len(c.want) {
			t.Errorf("fontRuns(%q) = %v, want %v", c.in, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("fontRuns(%q) = %v, want %v", c.in, got, c.want)
				break
			}
		}
	}
}

// TestWrapCJK wraps Chinese and Japanese, which have no spaces, at every
// width: every line fits, none starts with closing punctuation or ends
// with opening punctuation, and the lines hold the whole text.
func TestWrapCJK(t *testing.T) {
	text := "「東京の橋」は三月十日の空襲で被害を受けた。桥梁在空袭中严重受损，桥面部分坍塌，交通中断。Bridge 3 は閉鎖。"
	width := func(r rune) float64 {
		if isCJK(r) {
			return 2
		}
		return 1
	}
	for w := 6.0; w <= 60; w++ {
		var b strings.Builder
		for _, l := range wrapText(text, w, width) {
			rs := []rune(l.text)
			var lw float64
			for _, r := range rs {
				lw += width(r)
			}
			if lw > w+1e-9 {
				t.Errorf("width %v: line %q is %v wide", w, l.text, lw)
			}
			if strings.ContainsRune(noLineStart, rs[0]) || strings.ContainsRune(noLineEnd, rs[len(rs)-1]) {
				t.Errorf("width %v: line %q starts or ends with the wrong punctuation", w, l.text)
			}
			b.WriteString(l.text)
		}
		if strings.ReplaceAll(b.String(), " ", "") != strings.ReplaceAll(text, " ", "") {
			t.Errorf("width %v: lines %q do not hold the text", w, b.String())
		}
	}
}
