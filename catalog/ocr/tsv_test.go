package ocr

import (
	"image"
	"strings"
	"testing"
)

const tsvHead = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"

func TestParseTSV(t *testing.T) {
	tests := []struct {
		name      string
		tsv       string
		texts     []string
		conf      float64
		firstBox  image.Rectangle
		w, h      int
		wantError string
	}{
		{name: "two paragraphs, two lines, a hyphenated word",
			tsv: tsvHead +
				"1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t\n" +
				"2\t1\t1\t0\t0\t0\t10\t10\t300\t60\t-1\t\n" +
				"5\t1\t1\t1\t1\t1\t10\t10\t50\t20\t90\tThe\n" +
				"5\t1\t1\t1\t1\t2\t70\t10\t80\t20\t80\tinvesti-\n" +
				"5\t1\t1\t1\t2\t1\t10\t40\t80\t20\t70\tgation\n" +
				"5\t1\t1\t1\t2\t2\t100\t40\t80\t20\t60\tended.\n" +
				"5\t1\t2\t1\t1\t1\t10\t100\t80\t20\t-1\t \n" +
				"5\t1\t2\t1\t1\t2\t10\t100\t80\t20\t50\tNext\n",
			texts: []string{"The investigation ended.", "Next"}, conf: 70, firstBox: image.Rect(10, 10, 60, 30), w: 800, h: 600},
		{name: "a hyphen before a capital stays",
			tsv: tsvHead +
				"5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90\tAl-\n" +
				"5\t1\t1\t1\t2\t1\t0\t20\t10\t10\t90\tRaqqa\n",
			texts: []string{"Al- Raqqa"}, conf: 90, firstBox: image.Rect(0, 0, 10, 10)},
		{name: "a paragraph of marks only is left out",
			tsv: tsvHead +
				"5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t30\t—|\n" +
				"5\t1\t2\t1\t1\t1\t0\t20\t10\t10\t90\tبيان\n",
			texts: []string{"بيان"}, conf: 90, firstBox: image.Rect(0, 20, 10, 30)},
		{name: "direction marks are dropped",
			tsv: tsvHead +
				"5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t80\t\u200fبيان\u200e\n" +
				"5\t1\t1\t1\t1\t2\t20\t0\t10\t10\t80\t\u200f\n",
			texts: []string{"بيان"}, conf: 80, firstBox: image.Rect(0, 0, 10, 10)},
		{name: "empty output", tsv: tsvHead, texts: nil},
		{name: "a short line", tsv: tsvHead + "5\t1\t1\n", wantError: "columns"},
		{name: "a confidence not a number", tsv: tsvHead + "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\tNaN\ta\n", wantError: "conf"},
		{name: "not a number", tsv: tsvHead + "5\t1\tx\t1\t1\t1\t0\t0\t1\t1\t9\ta\n", wantError: "not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseTSV(strings.NewReader(tt.tsv))
			if tt.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantError) {
					t.Fatalf("error %v, want one saying %q", err, tt.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			for _, para := range p.Paragraphs {
				texts = append(texts, para.Text)
			}
			if strings.Join(texts, "|") != strings.Join(tt.texts, "|") {
				t.Errorf("paragraphs %q, want %q", texts, tt.texts)
			}
			if p.Conf != tt.conf {
				t.Errorf("confidence %v, want %v", p.Conf, tt.conf)
			}
			if len(p.Paragraphs) > 0 && p.Paragraphs[0].Lines[0].Words[0].Box != tt.firstBox {
				t.Errorf("first word's box %v, want %v", p.Paragraphs[0].Lines[0].Words[0].Box, tt.firstBox)
			}
			if p.Width != tt.w || p.Height != tt.h {
				t.Errorf("size %d×%d, want %d×%d", p.Width, p.Height, tt.w, tt.h)
			}
		})
	}
}

func TestDefaultLangs(t *testing.T) {
	tests := []struct {
		installed []string
		want      string
	}{
		{[]string{"ara", "eng", "osd"}, "ara+eng"},
		{[]string{"eng", "fra"}, "eng"},
		{[]string{"fra"}, "fra"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := DefaultLangs(tt.installed); got != tt.want {
			t.Errorf("DefaultLangs(%q) = %q, want %q", tt.installed, got, tt.want)
		}
	}
}

func TestInvert(t *testing.T) {
	m := affine{A: 300.0 / 72, B: 0, C: 0, D: 0, E: -300.0 / 72, F: 792 * 300.0 / 72}
	inv, err := m.invert()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range [][2]float64{{0, 0}, {612, 792}, {100.5, 300.25}} {
		x, y := m.Apply(p[0], p[1])
		bx, by := inv.Apply(x, y)
		if d := (bx-p[0])*(bx-p[0]) + (by-p[1])*(by-p[1]); d > 1e-9 {
			t.Errorf("%v: back to (%v, %v)", p, bx, by)
		}
	}
	if _, err := (affine{}).invert(); err == nil {
		t.Error("a flat map was inverted")
	}
}
