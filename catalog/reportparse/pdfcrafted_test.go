package reportparse

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/exhibit-app/exhibit/catalog/pdfengine"
)

// This file writes small PDFs by hand, object by object, to test what a
// crafted or badly damaged file does to the reader: it must get a clear
// error or its text, promptly, and never crash the process (the pdf
// library's allocations and recursions are not recoverable).

// craftObj is one object of a hand-made PDF: written in the file, or,
// when in > 0, at position idx of object stream in.
type craftObj struct {
	id   int
	body string
	in   int
	idx  int
}

// craftPDF writes objects with a classic xref table; trailer is the
// trailer dictionary's content, where "{XREF}" stands for the table's
// offset.
func craftPDF(objs []craftObj, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := map[int]int{}
	maxID := 0
	for _, o := range objs {
		offs[o.id] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", o.id, o.body)
		maxID = max(maxID, o.id)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", maxID+1)
	for i := 1; i <= maxID; i++ {
		if off, ok := offs[i]; ok {
			fmt.Fprintf(&b, "%010d 00000 n \n", off)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<<%s /Size %d>>\nstartxref\n%d\n%%%%EOF\n", strings.ReplaceAll(trailer, "{XREF}", fmt.Sprint(x)), maxID+1, x)
	return b.Bytes()
}

// craftPDFStm writes objects with an (unfiltered) xref stream, so that
// objects may be in object streams; extra is added to the xref stream's
// dictionary, where "{XREF}" stands for its offset.
func craftPDFStm(objs []craftObj, extra string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := map[int]int{}
	byID := map[int]craftObj{}
	maxID := 0
	for _, o := range objs {
		maxID = max(maxID, o.id)
		byID[o.id] = o
		if o.in == 0 {
			offs[o.id] = b.Len()
			fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", o.id, o.body)
		}
	}
	xid, x := maxID+1, b.Len()
	var data []byte
	for i := 0; i <= xid; i++ {
		o, ok := byID[i]
		switch {
		case i == xid:
			data = append(data, 1, byte(x>>16), byte(x>>8), byte(x), 0)
		case !ok:
			data = append(data, 0, 0, 0, 0, 0)
		case o.in > 0:
			data = append(data, 2, 0, byte(o.in>>8), byte(o.in), byte(o.idx))
		default:
			off := offs[i]
			data = append(data, 1, byte(off>>16), byte(off>>8), byte(off), 0)
		}
	}
	fmt.Fprintf(&b, "%d 0 obj\n<</Type/XRef /Size %d /W [1 3 1] /Root 1 0 R /Length %d %s>>stream\n", xid, xid+1, len(data), strings.ReplaceAll(extra, "{XREF}", fmt.Sprint(x)))
	b.Write(data)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}

// objStm is the body of an object stream holding members; extra is added
// to its dictionary.
func objStm(extra string, members ...craftObj) string {
	var head, body strings.Builder
	for _, m := range members {
		fmt.Fprintf(&head, "%d %d ", m.id, body.Len())
		body.WriteString(m.body + "\n")
	}
	data := head.String() + body.String()
	return fmt.Sprintf("<</Type/ObjStm /N %d /First %d /Length %d %s>>stream\n%s\nendstream", len(members), head.Len(), len(data), extra, data)
}

// stm is the body of a stream object.
func stm(dict, data string) string {
	return fmt.Sprintf("<<%s /Length %d>>stream\n%s\nendstream", dict, len(data), data)
}

// deflate compresses data n times over.
func deflate(data string, n int) string {
	for range n {
		var b bytes.Buffer
		w := zlib.NewWriter(&b)
		w.Write([]byte(data))
		w.Close()
		data = b.String()
	}
	return data
}

const craftText = "BT /F1 12 Tf 72 700 Td (Hello crafted world) Tj ET"

// craftDoc returns the objects of a one-page document: catalog 1, pages
// 2, page 3 (with extra in its dictionary), content 4, font 5.
func craftDoc(content, pageExtra string) []craftObj {
	return []craftObj{
		{id: 1, body: "<</Type/Catalog /Pages 2 0 R>>"},
		{id: 2, body: "<</Type/Pages /Kids [3 0 R] /Count 1>>"},
		{id: 3, body: "<</Type/Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources <</Font <</F1 5 0 R>> /XObject <</X 6 0 R>>>> /Contents 4 0 R " + pageExtra + ">>"},
		{id: 4, body: content},
		{id: 5, body: "<</Type/Font /Subtype/Type1 /BaseFont/Helvetica>>"},
	}
}

// inStream moves the objects ids of objs into object stream stmID.
func inStream(objs []craftObj, stmID int, extra string, ids ...int) []craftObj {
	var out, members []craftObj
	for _, o := range objs {
		for _, id := range ids {
			if o.id == id {
				members = append(members, o)
				o.in, o.idx = stmID, len(members)-1
			}
		}
		out = append(out, o)
	}
	return append(out, craftObj{id: stmID, body: objStm(extra, members...)})
}

func TestCraftedPDFs(t *testing.T) {
	shortTimeout(t, 6*time.Second)
	doc := craftDoc(stm("", craftText), "")
	replace := func(b []byte, old, new string) []byte {
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%q not in the crafted file", old)
		}
		return bytes.Replace(b, []byte(old), []byte(new), 1)
	}
	// A form that draws itself nine times, eight deep: 9^8 runs unless
	// forms are bounded.
	formBomb := craftDoc(stm("", craftText+" /X Do"), "")
	formBomb = append(formBomb, craftObj{id: 6, body: stm("/Type/XObject /Subtype/Form /BBox [0 0 10 10] /Resources <</XObject <</X 6 0 R>>>>", strings.Repeat("/X Do ", 9))})
	hugeN := inStream(doc, 7, "", 5)
	hugeN[len(hugeN)-1].body = strings.Replace(hugeN[len(hugeN)-1].body, "/N 1 ", "/N 999999999999 ", 1)
	cases := []struct {
		name string
		data []byte
		kind error  // nil: the text is read
		msg  string // in the error, or in a warning
	}{
		{"classic xref", craftPDF(doc, "/Root 1 0 R"), nil, ""},
		{"xref stream", craftPDFStm(doc, ""), nil, ""},
		{"object stream", craftPDFStm(inStream(doc, 7, "", 5, 2), ""), nil, ""},
		// PDFium repairs a damaged cross-reference structure (by scanning
		// the file for its objects): the text is read.
		{"xref /Prev loop", craftPDF(doc, "/Root 1 0 R /Prev {XREF}"), nil, ""},
		{"xref stream /Prev loop", craftPDFStm(doc, "/Prev {XREF}"), nil, ""},
		{"huge xref stream /Size", replace(craftPDFStm(doc, ""), "/Size 7 ", "/Size 900000000 "), nil, ""},
		{"huge xref stream /Index", craftPDFStm(doc, "/Index [900000000 7]"), nil, ""},
		{"huge xref stream /W", replace(craftPDFStm(doc, ""), "/W [1 3 1]", "/W [1 3 1000000000000]"), nil, ""},
		{"huge xref table start", replace(craftPDF(doc, "/Root 1 0 R"), "xref\n0 6\n", "xref\n900000000 6\n"), nil, ""},
		{"xref table offsets all wrong", brokenOffsets(craftPDF(doc, "/Root 1 0 R")), nil, ""},
		{"no xref table at all", noXref(craftPDF(doc, "/Root 1 0 R")), nil, ""},
		{"object stream in itself", craftPDFStm(append(doc[:4:4], craftObj{id: 5, in: 6}, craftObj{id: 6, in: 6, idx: 1, body: "1"}), ""), nil, ""},
		{"object stream with a huge /N", craftPDFStm(hugeN, ""), nil, ""},
		{"object stream extending itself", craftPDFStm(inStream(doc, 7, "/Extends 7 0 R", 5), ""), nil, ""},
		{"object stream whose /Length is inside it", craftPDFStm(inStream(append(doc, craftObj{id: 8, body: "40"}), 7, "/Filter 8 0 R", 5, 8), ""), nil, ""},
		// The page's content is an array: the text, then a stream
		// declaring a predictor row of 9·10^10 bytes (PDFium refuses that
		// stream, and reads the text).
		{"content with a huge predictor row", craftPDF(append(craftDoc("[7 0 R 6 0 R]", ""),
			craftObj{id: 6, body: stm("/Filter/FlateDecode /DecodeParms <</Predictor 12 /Columns 90000000000>>", deflate("x", 1))},
			craftObj{id: 7, body: stm("", craftText)}), "/Root 1 0 R"), nil, ""},
		{"NaN and infinite positions", craftPDF(craftDoc(stm("", "BT /F1 12 Tf 1e308 0 0 1e308 1e308 1e308 Tm (a) Tj 1e308 0 0 1e308 -1e308 -1e308 Tm (b) Tj ET "+craftText), ""), "/Root 1 0 R"), nil, ""},
		// PDFium draws the forms to the end: the document's time runs out,
		// and the page is reported.
		{"forms drawing forms", craftPDF(formBomb, "/Root 1 0 R"), ErrMalformed, "took over"},
		{"long filter chain", craftPDF(append(craftDoc("[7 0 R]", ""), craftObj{id: 7, body: stm("/Filter ["+strings.Repeat("/FlateDecode ", 20)+"]", deflate(craftText, 20))}), "/Root 1 0 R"), nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeTemp(t, "crafted.pdf", c.data)
			blocks, info, err := parseAll(t, path)
			if c.kind != nil {
				if !errors.Is(err, c.kind) || !strings.Contains(err.Error(), c.msg) || !strings.Contains(err.Error(), path) {
					t.Fatalf("err = %v, want %v naming the file, with %q", err, c.kind, c.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(blocks) != 1 || blocks[0].Text != "Hello crafted world" {
				t.Errorf("blocks %q, want the page's text", blockTexts(blocks))
			}
			if c.msg != "" && !strings.Contains(strings.Join(info.Warnings, "\n"), c.msg) {
				t.Errorf("warnings %q, want one with %q", info.Warnings, c.msg)
			}
		})
	}
}

// brokenOffsets points every entry of the xref table 7 bytes off.
func brokenOffsets(data []byte) []byte {
	return regexp.MustCompile(`(?m)^(\d{10}) 00000 n `).ReplaceAllFunc(data, func(m []byte) []byte {
		var off int
		fmt.Sscanf(string(m[:10]), "%d", &off)
		return []byte(fmt.Sprintf("%010d 00000 n ", off+7))
	})
}

// noXref cuts the xref table and the trailer off, %%EOF kept.
func noXref(data []byte) []byte {
	i := bytes.LastIndex(data, []byte("xref\n"))
	return append(data[:i:i], []byte("%%EOF\n")...)
}

// shortTimeout reads PDFs, for the rest of the test, on an engine whose
// documents live at most d.
func shortTimeout(t *testing.T, d time.Duration) {
	e := pdfengine.New(pdfengine.Options{Timeout: d})
	oldEngine, oldTimeout, oldSession := pdfEngine, pdfTimeout, pdfSession
	pdfEngine, pdfTimeout, pdfSession = func() *pdfengine.Engine { return e }, d, d/2
	t.Cleanup(func() {
		pdfEngine, pdfTimeout, pdfSession = oldEngine, oldTimeout, oldSession
		e.Close()
	})
}

// craftPages returns the objects of a document with one page for each
// content stream body: catalog 1, pages 2, font 3, then each page and its
// content.
func craftPages(contents ...string) []craftObj {
	objs := []craftObj{{id: 1, body: "<</Type/Catalog /Pages 2 0 R>>"}, {}, {id: 3, body: "<</Type/Font /Subtype/Type1 /BaseFont/Helvetica>>"}}
	var kids []string
	for i, c := range contents {
		id := 4 + 2*i
		kids = append(kids, fmt.Sprintf("%d 0 R", id))
		objs = append(objs,
			craftObj{id: id, body: fmt.Sprintf("<</Type/Page /Parent 2 0 R /Contents %d 0 R>>", id+1)},
			craftObj{id: id + 1, body: c})
	}
	objs[1] = craftObj{id: 2, body: fmt.Sprintf("<</Type/Pages /Kids [%s] /Count %d /MediaBox [0 0 612 792] /Resources <</Font <</F1 3 0 R>>>>>>", strings.Join(kids, " "), len(kids))}
	return objs
}

// Pages whose content cannot be decoded (an unknown filter) are read by
// PDFium as blank pages: the others are read, and no page is taken for a
// scan.
func TestUndecodablePagesAreBlank(t *testing.T) {
	contents := []string{stm("", craftText)}
	for range 30 {
		contents = append(contents, stm("/Filter/NoSuchFilter", "x"))
	}
	blocks, info, err := parseAll(t, writeTemp(t, "damaged.pdf", craftPDF(craftPages(contents...), "/Root 1 0 R")))
	if err != nil || len(blocks) != 1 || blocks[0].Text != "Hello crafted world" || info.Pages != 31 {
		t.Fatalf("err %v, pages %d, blocks %q", err, info.Pages, blockTexts(blocks))
	}
	if len(info.Warnings) != 0 {
		t.Errorf("warnings %q", info.Warnings)
	}
}

// Past the document's budget of decoded content, pages are counted but
// not read, and a warning says which.
func TestDocumentContentBudget(t *testing.T) {
	defer func(old int) { maxDocChars = old }(maxDocChars)
	maxDocChars = 3 * len("PageAtext.")
	var contents []string
	for i := range 6 {
		contents = append(contents, stm("", fmt.Sprintf("BT /F1 12 Tf 72 700 Td (Page %c text.) Tj ET", 'A'+i)))
	}
	blocks, info, err := parseAll(t, writeTemp(t, "big.pdf", craftPDF(craftPages(contents...), "/Root 1 0 R")))
	if err != nil {
		t.Fatal(err)
	}
	if info.Pages != 6 || len(blocks) < 2 || len(blocks) > 4 || blocks[0].Text != "Page A text." {
		t.Errorf("pages %d, blocks %q", info.Pages, blockTexts(blocks))
	}
	if w := strings.Join(info.Warnings, "\n"); !strings.Contains(w, "–6 have not been read: the document's text exceeds") {
		t.Errorf("warnings %q", info.Warnings)
	}
}
