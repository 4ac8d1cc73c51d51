package reportparse

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"testing"
)

func englishPDF(t testing.TB) ([]byte, []Block) {
	data, want := genPDF(t, englishReport, genOptions{
		title:  pdfTitle,
		header: runningHeader,
		footer: func(p int) string { return fmt.Sprintf("Page %d", p) },
	})
	for i := range want {
		want[i].PageLabel = strconv.Itoa(want[i].Page) // printed in the footer
	}
	// The running header is page furniture: one block, after the body.
	want = append(want, Block{Paragraph: len(want) + 1, Page: 1, PageEnd: want[len(want)-1].PageEnd, Text: runningHeader})
	return data, want
}

func arabicPDF(t testing.TB) ([]byte, []Block) {
	data, want := genPDF(t, arabicReport, genOptions{
		rtl:    true,
		footer: func(p int) string { return "صفحة " + arabicDigits(p) },
	})
	for i := range want {
		want[i].PageLabel = arabicDigits(want[i].Page)
	}
	return data, want
}

func TestParsePDFEnglish(t *testing.T) {
	data, want := englishPDF(t)
	// The sample must exercise what it is meant to.
	crossing := false
	for _, b := range want {
		crossing = crossing || b.PageEnd > b.Page
	}
	if !crossing || want[len(want)-2].Page < 2 {
		t.Fatalf("sample has no paragraph across a page break: %+v", want)
	}
	got, info, err := parseAll(t, writeTemp(t, "en.pdf", data))
	if err != nil {
		t.Fatal(err)
	}
	if info.Format != "pdf" || info.Title != pdfTitle || info.Pages != want[len(want)-1].PageEnd || len(info.Warnings) != 0 {
		t.Errorf("info = %+v", info)
	}
	compareBlocks(t, got, want)
}

func TestParsePDFArabic(t *testing.T) {
	data, want := arabicPDF(t)
	got, info, err := parseAll(t, writeTemp(t, "ar.pdf", data))
	if err != nil {
		t.Fatal(err)
	}
	if info.Pages != 1 || info.Title != "" {
		t.Errorf("info = %+v", info)
	}
	compareBlocks(t, got, want)
}

// TestParsePDFLibreOffice reads a PDF made by another producer: LibreOffice
// 7.4 Writer (Debian bookworm), from testdata/lo-report.fodt with
// `soffice --headless --convert-to pdf lo-report.fodt`. It has real
// shaping for Arabic (lam-alef ligatures, positioned marks), footers with
// page numbers and a paragraph across the page break.
func TestParsePDFLibreOffice(t *testing.T) {
	got, info, err := parseAll(t, testdata("lo-report.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Pages != 2 || info.Title != "Tal Hamra: second visit" {
		t.Errorf("info = %+v", info)
	}
	want := numbered([]Block{
		{Page: 1, PageEnd: 1, PageLabel: "1", Text: "The team returned to Tal Hamra on 14 January 2018 to measure the damaged buildings and to interview residents who had been away during the first visit."},
		{Page: 1, PageEnd: 1, PageLabel: "1", Heading: "The covered market", Text: "The crater near the covered market had been filled with gravel and the stalls rebuilt with corrugated sheets. Traders showed the team where the third munition fell on 17 October 2017, about twenty metres east of the fountain, and pointed to fresh plaster on the walls around it."},
		{Page: 1, PageEnd: 1, PageLabel: "1", Heading: "The covered market", Text: "A carpenter whose workshop faces the market kept two pieces of metal he found in the rubble. He agreed to let the team photograph them beside a scale, and later handed them over against a signed receipt so that they could be examined by the weapons analyst in the spring."},
		{Page: 1, PageEnd: 2, PageLabel: "1", Heading: "The covered market", Text: "The municipal engineer confirmed that the water main under the market was broken by the strike and repaired in November. His office kept a record of the repair with the date, the length of pipe replaced and the names of the workers, which the team copied with his permission. He added that the pipe had been laid in 1998 and had never failed before, and that the pressure in the western quarter stayed low for three weeks after the strike, until the pump near the mill could be restarted with a borrowed generator."},
		{Page: 2, PageEnd: 2, PageLabel: "2", Heading: "شهادة من السوق", Text: "قال نجّار يعمل قرب السوق المسقوف إن الذخيرة الثالثة سقطت في ١٧ تشرين الأول ٢٠١٧ على بعد نحو عشرين متراً شرق النافورة، وإنه جمع قطعتين من المعدن من بين الأنقاض."},
		{Page: 2, PageEnd: 2, PageLabel: "2", Heading: "Measurements", Text: "The east wall of the clinic measured 11.4 metres before the strike; 7.9 metres of it collapsed. The bakery's roof, a concrete slab of about 60 square metres, fell into the shop in one piece and was still lying there on the day of the visit."},
		// The running header, once.
		{Page: 1, PageEnd: 2, Text: "Second visit to Tal Hamra · page 1"},
	})
	compareBlocks(t, got, want)
}

// addPageLabels appends an incremental update to a PDF that gives its
// catalog a /PageLabels entry, as a PDF editor would.
func addPageLabels(t *testing.T, data []byte, labels string) []byte {
	t.Helper()
	var cat [][]byte
	if i := bytes.Index(data, []byte("/Type /Catalog")); i >= 0 {
		objs := regexp.MustCompile(`(\d+) 0 obj\s*<<`).FindAllSubmatchIndex(data[:i], -1)
		if len(objs) > 0 {
			o := objs[len(objs)-1]
			end := bytes.Index(data[i:], []byte("endobj"))
			body := bytes.TrimSpace(data[o[1] : i+end])
			body = bytes.TrimSuffix(body, []byte(">>"))
			cat = [][]byte{nil, data[o[2]:o[3]], body}
		}
	}
	start := regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`).FindSubmatch(data)
	size := regexp.MustCompile(`/Size (\d+)`).FindAllSubmatch(data, -1)
	info := regexp.MustCompile(`/Info (\d+ 0 R)`).FindSubmatch(data)
	if cat == nil || start == nil || size == nil || info == nil {
		t.Fatal("cannot find the catalog or the trailer of the sample PDF")
	}
	var buf bytes.Buffer
	buf.Write(data)
	off := buf.Len()
	fmt.Fprintf(&buf, "%s 0 obj\n<<%s /PageLabels %s >>\nendobj\n", cat[1], cat[2], labels)
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n%s 1\n%010d 00000 n \ntrailer\n<< /Size %s /Root %s 0 R /Info %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n",
		cat[1], off, size[len(size)-1][1], cat[1], info[1], start[1], xref)
	return buf.Bytes()
}

func TestParsePDFPageLabels(t *testing.T) {
	data, want := englishPDF(t)
	data = addPageLabels(t, data, "<< /Nums [0 << /S /r >> 1 << /S /D /St 7 /P (A-) >>] >>")
	got, _, err := parseAll(t, writeTemp(t, "labels.pdf", data))
	if err != nil {
		t.Fatal(err)
	}
	for i := range want[:len(want)-1] { // the running header has no label
		want[i].PageLabel = map[int]string{1: "i", 2: "A-7"}[want[i].Page]
	}
	compareBlocks(t, got, want)
}

// PDF 2.0 files, and files with bytes after the last %%EOF (as some mail
// and upload tools leave), are read.
func TestParsePDFHeaderAndTail(t *testing.T) {
	data, want := englishPDF(t)
	v2 := append([]byte(nil), data...)
	copy(v2, "%PDF-2.0")
	tail := append(append([]byte(nil), data...), []byte("\r\n\x00\x00garbage from an upload tool\n")...)
	for name, d := range map[string][]byte{"pdf-2.0": v2, "trailing bytes": tail} {
		got, _, err := parseAll(t, writeTemp(t, "x.pdf", d))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		compareBlocks(t, got, want)
	}
}
