package catalog

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const reportV1 = `# Field report: Al-Nour street

## Strikes on 17 October 2017

On 17 October 2017 at about 14:00, witnesses saw a strike hit the bakery on Al-Nour street.

A second witness said the bulding collapsed within minutes.

شاهد عيان قال إنَّ المبنى انهار في ١٧ تشرين الأول ٢٠١٧.

## Aftermath

The street was closed for three days. Résumé of the damage follows.

Rubble blocked the road until 20/10/2017.
`

// reportV2 corrects a typo (bulding), drops the last paragraph and adds one.
const reportV2 = `# Field report: Al-Nour street

## Strikes on 17 October 2017

On 17 October 2017 at about 14:00, witnesses saw a strike hit the bakery on Al-Nour street.

A second witness said the building collapsed within minutes.

شاهد عيان قال إنَّ المبنى انهار في ١٧ تشرين الأول ٢٠١٧.

## Aftermath

The street was closed for three days. Résumé of the damage follows.

A new paragraph about reconstruction in 2018.
`

func writeReport(t testing.TB, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// caseWithImage returns a case holding one real photo and its id.
func caseWithImage(t testing.TB) (*Case, int64) {
	t.Helper()
	corpus := corpusDir(t)
	c := openTestCase(t)
	src := t.TempDir()
	copyFile(t, filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg"), filepath.Join(src, "a.jpg"))
	if _, err := c.Import(context.Background(), []string{src}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	im, err := c.FindImage(context.Background(), filepath.Join(src, "a.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	return c, im.ID
}

func TestReportVersionsKeepLinks(t *testing.T) {
	ctx := context.Background()
	c, img := caseWithImage(t)
	dir := t.TempDir()
	path := writeReport(t, dir, "report.md", reportV1)
	res, err := c.AddReport(ctx, path, ReportOptions{Date: "2017-11-01"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Excerpts != 5 || res.Report.Title != "Field report: Al-Nour street" {
		t.Fatalf("first import: %d excerpts, title %q", res.Excerpts, res.Report.Title)
	}
	es, _ := c.Excerpts(ctx, res.Report.ID, false)
	byText := func(es []*Excerpt, sub string) *Excerpt {
		for _, e := range es {
			if strings.Contains(e.Text, sub) {
				return e
			}
		}
		t.Fatalf("no excerpt with %q", sub)
		return nil
	}
	strike, typo, rubble := byText(es, "bakery"), byText(es, "bulding"), byText(es, "Rubble")
	if strike.Heading != "Strikes on 17 October 2017" || strike.Paragraph != 1 {
		t.Errorf("strike excerpt: heading %q paragraph %d", strike.Heading, strike.Paragraph)
	}
	for _, e := range []*Excerpt{strike, typo, rubble} {
		if _, err := c.AddLink(ctx, img, e.ID, "seen", nil); err != nil {
			t.Fatal(err)
		}
	}
	// The same file again: nothing happens.
	again, err := c.AddReport(ctx, path, ReportOptions{})
	if err != nil || !again.Unchanged {
		t.Fatalf("same file again: %+v, %v", again, err)
	}
	// A corrected version from the same path.
	writeReport(t, dir, "report.md", reportV2)
	res2, err := c.AddReport(ctx, path, ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !res2.NewVersion || res2.Report.ID != res.Report.ID || res2.Kept != 3 || res2.Revised != 1 || res2.Added != 1 || res2.Gone != 1 {
		t.Errorf("new version: %+v; want same report, 3 kept, 1 revised (typo), 1 added, 1 gone", res2)
	}
	links, _ := c.Links(ctx, img)
	if len(links) != 3 {
		t.Fatalf("%d links after the new version, want all 3 kept", len(links))
	}
	got := map[int64]*Excerpt{}
	for _, l := range links {
		got[l.Excerpt.ID] = l.Excerpt
	}
	if e := got[strike.ID]; e == nil || e.Gone {
		t.Errorf("the unchanged excerpt lost its link or was flagged: %+v", e)
	}
	if e := got[typo.ID]; e == nil || !e.Revised || !strings.Contains(e.Text, "building") {
		t.Errorf("the corrected excerpt: %+v; want same id, revised, new text", e)
	}
	if e := got[rubble.ID]; e == nil || !e.Gone || !strings.Contains(e.Citation(), "no longer") {
		t.Errorf("the dropped excerpt: %+v; want kept with its link, flagged gone", e)
	}
	cur, _ := c.Excerpts(ctx, res.Report.ID, false)
	all, _ := c.Excerpts(ctx, res.Report.ID, true)
	if len(cur) != 5 || len(all) != 6 {
		t.Errorf("%d current, %d in all; want 5 and 6", len(cur), len(all))
	}
	var actions []string
	es2, _ := c.Audit(ctx, "")
	for _, e := range es2 {
		actions = append(actions, e.Action)
	}
	for _, want := range []string{"report.add", "report.version", "excerpt.revised", "excerpt.gone", "link.add"} {
		if !strings.Contains(strings.Join(actions, " "), want) {
			t.Errorf("audit lacks %s", want)
		}
	}
}

func TestReportBadInputAddsNothing(t *testing.T) {
	ctx := context.Background()
	c := openTestCase(t)
	dir := t.TempDir()
	corpus := corpusDir(t)
	for name, data := range map[string][]byte{
		"empty.txt":     nil,
		"photo.txt":     mustRead(t, filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg")),
		"truncated.pdf": []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pag"),
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		_, err := c.AddReport(ctx, p, ReportOptions{})
		if err == nil {
			t.Errorf("%s: imported", name)
			continue
		}
		if strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %q should be one line naming the file", name, err)
		}
	}
	rs, _ := c.Reports(ctx)
	var n int
	c.rd.QueryRow(`SELECT count(*) FROM excerpts`).Scan(&n)
	if len(rs) != 0 || n != 0 {
		t.Errorf("%d reports, %d excerpts after bad input; want none", len(rs), n)
	}
}

func mustRead(t testing.TB, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	c, img := caseWithImage(t)
	path := writeReport(t, t.TempDir(), "r.md", reportV1)
	if _, err := c.AddReport(ctx, path, ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddNote(ctx, img, "Shadows suggest the strike was in the afternoon"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		q        string
		excerpts []string // substrings of the excerpts expected, in any order
		notes    int
	}{
		{"bakery", []string{"bakery"}, 0},
		{"BAKERY", []string{"bakery"}, 0},
		{"strik*", []string{"bakery"}, 1},
		{`"strike hit the bakery"`, []string{"bakery"}, 0},
		{`"bakery hit the strike"`, nil, 0},
		{"resume", []string{"Résumé"}, 0}, // diacritics folded
		{"المبنى", []string{"انهار"}, 0},  // Arabic
		{"إن", []string{"انهار"}, 0},      // with hamza as written
		{"ان", []string{"انهار"}, 0},      // alef forms folded (إ → ا)
		{"انَّ", []string{"انهار"}, 0},    // harakat in the query folded too
		{"انهيار", nil, 0},
		{"street NOT bakery", []string{"closed"}, 0},
		{"bakery OR rubble", []string{"bakery", "Rubble"}, 0},
		{"shadows", nil, 1},
	} {
		hits, err := c.Search(ctx, tc.q, 20)
		if err != nil {
			t.Errorf("%q: %v", tc.q, err)
			continue
		}
		var ex, notes int
		for _, h := range hits {
			if h.Note != nil {
				notes++
				continue
			}
			ex++
			ok := false
			for _, s := range tc.excerpts {
				ok = ok || strings.Contains(h.Excerpt.Text, s)
			}
			if !ok {
				t.Errorf("%q: unexpected hit %q", tc.q, h.Excerpt.Text)
			}
			if !strings.Contains(h.Snippet, "**") {
				t.Errorf("%q: snippet %q highlights nothing", tc.q, h.Snippet)
			}
		}
		if ex != len(tc.excerpts) || notes != tc.notes {
			t.Errorf("%q: %d excerpts and %d notes, want %d and %d", tc.q, ex, notes, len(tc.excerpts), tc.notes)
		}
	}
	if _, err := c.Search(ctx, `"" OR`, 10); err == nil {
		t.Error("an empty query searched")
	}
}

func TestSnippet(t *testing.T) {
	text := strings.Repeat("filler ", 50) + "the Strike hit the bakery" + strings.Repeat(" more", 50)
	s := snippet(text, []queryTerm{{word: "strike"}, {word: "bak", prefix: true}}, 10)
	if !strings.Contains(s, "**Strike**") || !strings.Contains(s, "**bakery**") || !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") {
		t.Errorf("snippet = %q", s)
	}
}

func TestSuggest(t *testing.T) {
	ctx := context.Background()
	c, img := caseWithImage(t)
	im, _ := c.Image(ctx, img)
	// DSCN0010 was taken on 22 October 2008.
	if im.TakenAt == nil || im.TakenAt.Format("2006-01-02") != "2008-10-22" {
		t.Fatalf("capture time %v", im.TakenAt)
	}
	text := "# R\n\nThe market burned on 22 October 2008, people said.\n\nNothing on 23 October 2008.\n\nيوم ٢٢ تشرين الأول ٢٠٠٨ احترق السوق.\n\nOn 2008-10-22 again.\n"
	if _, err := c.AddReport(ctx, writeReport(t, t.TempDir(), "r.md", text), ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	ss, err := c.Suggest(ctx, img)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 3 {
		for _, s := range ss {
			t.Logf("%q %v", s.Excerpt.Text, s.Matches)
		}
		t.Fatalf("%d suggestions, want 3", len(ss))
	}
	for _, s := range ss {
		if strings.Contains(s.Excerpt.Text, "23 October") || len(s.Matches) == 0 {
			t.Errorf("wrong suggestion %q %v", s.Excerpt.Text, s.Matches)
		}
	}
	_ = time.Now
}

func TestLinksNotesTags(t *testing.T) {
	ctx := context.Background()
	c, img := caseWithImage(t)
	r, err := c.AddReport(ctx, writeReport(t, t.TempDir(), "r.md", reportV1), ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	es, _ := c.Excerpts(ctx, r.Report.ID, false)
	if _, err := c.AddLink(ctx, img, es[0].ID, "", &Region{X: 0.5, Y: 0.5, W: 0.6, H: 0.1}); err == nil {
		t.Error("a region outside the image was accepted")
	}
	id, err := c.AddLink(ctx, img, es[0].ID, "the bakery", &Region{X: 0.1, Y: 0.2, W: 0.3, H: 0.4})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddLink(ctx, img, 9999, "", nil); err == nil {
		t.Error("linked to a missing excerpt")
	}
	ls, _ := c.Links(ctx, img)
	if len(ls) != 1 || ls[0].Region == nil || ls[0].Region.W != 0.3 || ls[0].Note != "the bakery" {
		t.Errorf("links = %+v", ls)
	}
	linked := true
	if got, _ := c.Images(ctx, Filter{Linked: &linked}); len(got) != 1 {
		t.Errorf("linked filter: %d", len(got))
	}
	m, _ := c.LinkedImages(ctx, r.Report.ID)
	if len(m[es[0].ID]) != 1 || m[es[0].ID][0] != img {
		t.Errorf("linked images of report: %v", m)
	}
	if err := c.RemoveLink(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := c.RemoveLink(ctx, id); err == nil {
		t.Error("removed twice")
	}
	if ls, _ := c.Links(ctx, img); len(ls) != 0 {
		t.Errorf("%d links after unlink", len(ls))
	}
	var kept int
	c.rd.QueryRow(`SELECT count(*) FROM links WHERE id=? AND deleted_at IS NOT NULL`, id).Scan(&kept)
	if kept != 1 {
		t.Error("the removed link is not kept for the record")
	}

	if err := c.AddTag(ctx, img, "  Bakery  "); err != nil {
		t.Fatal(err)
	}
	c.AddTag(ctx, img, "bakery")
	tags, _ := c.Tags(ctx, img)
	if len(tags) != 1 || tags[0] != "bakery" {
		t.Errorf("tags = %v", tags)
	}
	if got, _ := c.Images(ctx, Filter{Tag: "BAKERY"}); len(got) != 1 {
		t.Errorf("tag filter: %d", len(got))
	}
	nid, _ := c.AddNote(ctx, img, "check the shadows")
	if got, _ := c.Images(ctx, Filter{Text: "shadows"}); len(got) != 1 {
		t.Errorf("text filter on notes: %d", len(got))
	}
	c.DeleteNote(ctx, nid)
	if ns, _ := c.Notes(ctx, img); len(ns) != 0 {
		t.Errorf("notes after delete: %v", ns)
	}
	if hits, _ := c.Search(ctx, "shadows", 10); len(hits) != 0 {
		t.Errorf("a deleted note is still found")
	}
}

// TestReportFormatsStored imports the parser's sample reports in the four
// formats and checks what the case stores: pages of a PDF paragraph that
// runs across a page break, headings, paragraph numbers, Arabic intact.
func TestReportFormatsStored(t *testing.T) {
	ctx := context.Background()
	c := openTestCase(t)
	td := "reportparse/testdata/"
	want := map[string]struct {
		format string
		n      int
	}{
		"report.txt": {"text", 8}, "report-ar.txt": {"text", 2}, "report.md": {"markdown", 14},
		"report.html": {"html", 12}, "lo-report.pdf": {"pdf", 7}, // 6 paragraphs and its running header, kept once
	}
	for name, w := range want {
		res, err := c.AddReport(ctx, td+name, ReportOptions{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		r := res.Report
		if r.Format != w.format || res.Excerpts != w.n || r.Excerpts != w.n {
			t.Errorf("%s: format %s, %d excerpts (stored %d); want %s, %d", name, r.Format, res.Excerpts, r.Excerpts, w.format, w.n)
		}
		es, _ := c.Excerpts(ctx, r.ID, false)
		for i, e := range es {
			if e.Paragraph != i+1 {
				t.Errorf("%s: excerpt %d has paragraph %d", name, i, e.Paragraph)
			}
			if w.format != "pdf" && (e.Page != 0 || e.PageEnd != 0) {
				t.Errorf("%s: a %s excerpt has pages %d–%d", name, w.format, e.Page, e.PageEnd)
			}
		}
		if name != "lo-report.pdf" {
			continue
		}
		if r.Pages != 2 || r.Title != "Tal Hamra: second visit" {
			t.Errorf("PDF: %d pages, title %q", r.Pages, r.Title)
		}
		across := es[3]
		if across.Page != 1 || across.PageEnd != 2 || !strings.HasSuffix(across.Text, "borrowed generator.") ||
			across.Heading != "The covered market" || !strings.Contains(across.Citation(), "pp. 1–2, ¶ 4") {
			t.Errorf("the paragraph across the page break: %+v, cited %q", across, across.Citation())
		}
		if ar := es[4]; ar.Page != 2 || !strings.Contains(ar.Text, "١٧ تشرين الأول ٢٠١٧") || ar.Heading != "شهادة من السوق" {
			t.Errorf("the Arabic paragraph: %+v", ar)
		}
	}
	hits, err := c.Search(ctx, "نجار", 10) // written نجّار, with a shadda
	if err != nil || len(hits) != 1 || hits[0].Excerpt.Page != 2 {
		t.Errorf("Arabic search across harakat: %v %v", hits, err)
	}
}
