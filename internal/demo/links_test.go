package demo

import (
	"math"
	"strings"
	"testing"
)

// paragraphs splits the report as a reader of Markdown would: blocks
// separated by blank lines.
func paragraphs() []string {
	var out []string
	for _, b := range strings.Split(Report(), "\n\n") {
		if b = strings.TrimSpace(b); b != "" {
			out = append(out, b)
		}
	}
	return out
}

func roles() map[string]bool {
	m := map[string]bool{}
	for _, s := range shots() {
		m[s.role] = true
	}
	return m
}

func inUnit(p [2]float64) bool { return p[0] >= 0 && p[0] <= 1 && p[1] >= 0 && p[1] <= 1 }

func TestLinks(t *testing.T) {
	rs := roles()
	paras := paragraphs()
	seen := map[string]bool{}
	linked := map[string]bool{}
	for _, l := range Links() {
		if !rs[l.ImageRole] {
			t.Errorf("link to unknown role %q", l.ImageRole)
		}
		linked[l.ImageRole] = true
		n := 0
		for _, p := range paras {
			if strings.Contains(p, l.ParagraphContains) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%q is in %d paragraphs, want exactly 1", l.ParagraphContains, n)
		}
		k := l.ImageRole + "|" + l.ParagraphContains
		if seen[k] {
			t.Errorf("link %s twice", k)
		}
		seen[k] = true
		if r := l.Region; r != nil {
			if r[0] < 0 || r[1] < 0 || r[2] <= 0.01 || r[3] <= 0.01 || r[0]+r[2] > 1.0001 || r[1]+r[3] > 1.0001 {
				t.Errorf("%s: region %v is not a box inside the picture", k, *r)
			}
		}
	}
	for r := range rs {
		if !linked[r] {
			t.Errorf("no link for %s", r)
		}
	}
}

func TestPair(t *testing.T) {
	b, a, title := Pair()
	rs := roles()
	if !rs[b] || !rs[a] || b == a || title == "" {
		t.Errorf("Pair() = %q, %q, %q", b, a, title)
	}
}

// TestAlignmentPointsAreVisible renders both street pictures small and
// checks that each point is seen there (not hidden behind something) at
// the depth of the model point it comes from.
func TestAlignmentPointsAreVisible(t *testing.T) {
	after, before := AlignmentPoints()
	if len(after) != 4 || len(before) != 4 {
		t.Fatalf("%d and %d points, want 4 and 4", len(after), len(before))
	}
	world := alignWorld()
	bRole, aRole, _ := Pair()
	ws := buildWorlds(shots())
	for _, c := range []struct {
		role string
		pts  [][2]float64
	}{{bRole, before}, {aRole, after}} {
		s, _ := shotByRole(c.role)
		w, h := s.w/4, s.h/4
		wd := ws.state[b2i(s.after)]
		L := lightFor(s.light)
		cam := s.cam(w, h)
		fr := render(&scene{faces: wd.faces, ground: wd.town.groundFace(L.sun), light: L}, &cam)
		for i, p := range c.pts {
			if !inUnit(p) || p[0] < 0.03 || p[0] > 0.97 || p[1] < 0.03 || p[1] > 0.97 {
				t.Errorf("%s point %d at %v: not well inside the picture", c.role, i, p)
				continue
			}
			depth := cam.toCam(world[i]).Z
			px, py := int(p[0]*float64(w)), int(p[1]*float64(h))
			found := false
			for y := py - 3; y <= py+3; y++ {
				for x := px - 3; x <= px+3; x++ {
					if x < 0 || y < 0 || x >= w || y >= h {
						continue
					}
					if z := float64(fr.z[y*w+x]); math.Abs(z-depth)/depth < 0.03 {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("%s point %d (%v, depth %.1f m) is hidden: depth there %.1f m", c.role, i, p, depth, fr.z[py*w+px])
			}
		}
	}
	// The pairs are not the same picture positions: the cameras differ.
	moved := 0.0
	for i := range after {
		moved += math.Hypot(after[i][0]-before[i][0], after[i][1]-before[i][1])
	}
	if moved < 0.02 {
		t.Errorf("points moved %.4f in all between the pictures: no alignment needed", moved)
	}
}

func TestAnnotations(t *testing.T) {
	rs := roles()
	kinds := map[string]int{"rect": 2, "ellipse": 2, "arrow": 2, "callout": 1, "text": 1}
	all := Annotations()
	if len(all["street-after"]) == 0 {
		t.Error("no annotations for street-after")
	}
	used := map[string]bool{}
	for role, list := range all {
		if !rs[role] {
			t.Errorf("annotations for unknown role %q", role)
		}
		numbers := map[int]bool{}
		for _, a := range list {
			used[a.Kind] = true
			n, ok := kinds[a.Kind]
			if !ok {
				t.Errorf("%s: unknown kind %q", role, a.Kind)
				continue
			}
			if len(a.Points) != n {
				t.Errorf("%s %s: %d points, want %d", role, a.Kind, len(a.Points), n)
			}
			for _, p := range a.Points {
				if !inUnit(p) {
					t.Errorf("%s %s: point %v outside the picture", role, a.Kind, p)
				}
			}
			if len(a.Color) != 7 || a.Color[0] != '#' || a.Width <= 0 {
				t.Errorf("%s %s: colour %q width %v", role, a.Kind, a.Color, a.Width)
			}
			if (a.Kind == "callout") != (a.Number > 0) {
				t.Errorf("%s %s: number %d", role, a.Kind, a.Number)
			}
			if a.Kind == "callout" {
				if numbers[a.Number] {
					t.Errorf("%s: callout %d twice", role, a.Number)
				}
				numbers[a.Number] = true
			}
			if a.Kind == "text" && a.Label == "" {
				t.Errorf("%s: text without label", role)
			}
		}
		for i := 1; i <= len(numbers); i++ {
			if !numbers[i] {
				t.Errorf("%s: callouts not numbered 1..%d", role, len(numbers))
			}
		}
	}
	for _, k := range []string{"rect", "arrow", "callout", "text"} {
		if !used[k] {
			t.Errorf("no %s annotation suggested", k)
		}
	}
}

func TestReportContent(t *testing.T) {
	r := Report()
	paras := paragraphs()
	if len(paras) < 15 || len(paras) > 40 {
		t.Errorf("%d paragraphs", len(paras))
	}
	for _, want := range []string{
		"FICTIONAL SAMPLE DATA", "14 October 2017", "October 16, 2017", "16/10/2017", "12.10.2017",
		"تشرين الأول", "Souq Street", "Al-Madrasa Street", "Al-Furn Street", "## ",
	} {
		if !strings.Contains(r, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	arabic := 0
	for _, c := range r {
		if c >= 0x0600 && c <= 0x06FF {
			arabic++
		}
	}
	if arabic < 100 {
		t.Errorf("%d Arabic letters, want whole sentences", arabic)
	}
	if strings.Count(r, "FICTIONAL") < 2 {
		t.Error("the report should say it is fictional at the top and at the end")
	}
}

func TestInline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"**bold** and *it*", "<strong>bold</strong> and <em>it</em>"},
		{"a < b & c", "a &lt; b &amp; c"},
		{"odd *star", "odd *star"},
		{"«سقط» *x*", "«سقط» <em>x</em>"},
	}
	for _, tc := range tests {
		if got := inline(tc.in); got != tc.want {
			t.Errorf("inline(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
