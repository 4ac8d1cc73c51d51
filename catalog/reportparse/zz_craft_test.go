package reportparse

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// craftObj is one object of a hand-made PDF: written at top level, or
// (when in > 0) inside object stream in at position idx.
type craftObj struct {
	id   int
	body string
	in   int
	idx  int
}

// craftPDF writes objects and a classic xref table; trailer is the trailer
// dictionary's content; "{XREF}" in it is replaced by the xref offset.
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

// craftPDFStm writes objects with an xref stream (uncompressed) so that
// objects may live in object streams; xrefExtra is added to the xref
// stream's dictionary.
func craftPDFStm(objs []craftObj, xrefExtra string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := map[int]int{}
	maxID := 0
	for _, o := range objs {
		maxID = max(maxID, o.id)
		if o.in > 0 {
			continue
		}
		offs[o.id] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", o.id, o.body)
	}
	xid := maxID + 1
	x := b.Len()
	var data []byte
	for i := 0; i <= xid; i++ {
		var o *craftObj
		for j := range objs {
			if objs[j].id == i {
				o = &objs[j]
			}
		}
		switch {
		case i == xid:
			data = append(data, 1, byte(x>>16), byte(x>>8), byte(x), 0)
		case o == nil:
			data = append(data, 0, 0, 0, 0, 0)
		case o.in > 0:
			data = append(data, 2, 0, byte(o.in>>8), byte(o.in), byte(o.idx))
		default:
			off := offs[i]
			data = append(data, 1, byte(off>>16), byte(off>>8), byte(off), 0)
		}
	}
	fmt.Fprintf(&b, "%d 0 obj\n<</Type/XRef /Size %d /W [1 3 1] /Root 1 0 R /Length %d %s>>stream\n", xid, xid+1, len(data), strings.ReplaceAll(xrefExtra, "{XREF}", fmt.Sprint(x)))
	b.Write(data)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}

// objStm returns the body of an object stream holding the given objects.
func objStm(extra string, members ...craftObj) string {
	var head, body strings.Builder
	for _, m := range members {
		fmt.Fprintf(&head, "%d %d ", m.id, body.Len())
		body.WriteString(m.body + "\n")
	}
	h := head.String()
	data := h + body.String()
	return fmt.Sprintf("<</Type/ObjStm /N %d /First %d /Length %d %s>>stream\n%s\nendstream", len(members), len(h), len(data), extra, data)
}

func stm(dict, data string) string {
	return fmt.Sprintf("<<%s /Length %d>>stream\n%s\nendstream", dict, len(data), data)
}

const craftPages = "<</Type/Pages /Kids [3 0 R] /Count 1>>"
const craftFont = "<</Type/Font /Subtype/Type1 /BaseFont/Helvetica>>"

func craftCases() map[string][]byte {
	page := "<</Type/Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources <</Font <</F1 5 0 R>>>> /Contents 4 0 R>>"
	content := stm("", "BT /F1 12 Tf 72 700 Td (Hello crafted world) Tj ET")
	base := []craftObj{{id: 1, body: "<</Type/Catalog /Pages 2 0 R>>"}, {id: 2, body: craftPages}, {id: 3, body: page}, {id: 4, body: content}, {id: 5, body: craftFont}}
	cs := map[string][]byte{}
	cs["ok"] = craftPDF(base, "/Root 1 0 R")
	cs["prevloop"] = craftPDF(base, "/Root 1 0 R /Prev {XREF}")
	cs["xrefstm-ok"] = craftPDFStm(base, "")
	cs["xrefstm-prevloop"] = craftPDFStm(base, "/Prev {XREF}")
	cs["xrefstm-hugesize"] = bytes.Replace(craftPDFStm(base, ""), []byte("/Size 7 "), []byte("/Size 900000000 "), 1)
	cs["xrefstm-hugeindex"] = craftPDFStm(base, "/Index [900000000 7]")
	cs["xref-hugestart"] = bytes.Replace(craftPDF(base, "/Root 1 0 R"), []byte("xref\n0 6\n"), []byte("xref\n900000000 6\n"), 1)
	// Objects in object streams.
	font := craftObj{id: 5, body: craftFont, in: 6, idx: 0}
	os := append(base[:4:4], font, craftObj{id: 6, body: objStm("", font)})
	cs["objstm-ok"] = craftPDFStm(os, "")
	cs["objstm-hugeN"] = craftPDFStm(append(base[:4:4], craftObj{id: 5, in: 6, idx: 0}, craftObj{id: 6, body: strings.Replace(objStm("", craftObj{id: 9, body: craftFont}), "/N 1 ", "/N 999999999999 ", 1)}), "")
	cs["objstm-self"] = craftPDFStm(append(base[:4:4], craftObj{id: 5, in: 6, idx: 0}, craftObj{id: 6, in: 6, idx: 1, body: "1"}), "")
	cs["objstm-extendsloop"] = craftPDFStm(append(base[:4:4], craftObj{id: 5, in: 6, idx: 0}, craftObj{id: 6, body: objStm("/Extends 6 0 R", craftObj{id: 9, body: craftFont})}), "")
	// The content stream's Length is in an object stream whose Length is that same object.
	cs["length-loop"] = craftPDFStm(append(base[:3:3],
		craftObj{id: 4, body: strings.Replace(content, "/Length 49", "/Length 7 0 R", 1)},
		craftObj{id: 5, body: craftFont},
		craftObj{id: 7, in: 6, idx: 0},
		craftObj{id: 6, body: strings.Replace(objStm("", craftObj{id: 7, body: "49"}), "/Length", "/Length 7 0 R /X", 1)}), "")
	cs["length-self"] = craftPDF(append(base[:3:3], craftObj{id: 4, body: strings.Replace(content, "/Length 49", "/Length 4 0 R", 1)}, base[4]), "/Root 1 0 R")
	cs["pngup-hugecolumns"] = craftPDF(append(base[:3:3], craftObj{id: 4, body: strings.Replace(content, "/Length 49", "/Length 49 /Filter/FlateDecode /DecodeParms <</Predictor 12 /Columns 90000000000>>", 1)}, base[4]), "/Root 1 0 R")
	return cs
}

func TestZZCraftWrite(t *testing.T) {
	out := os.Getenv("CRAFTDIR")
	if out == "" {
		t.Skip()
	}
	for name, data := range craftCases() {
		os.WriteFile(filepath.Join(out, name+".pdf"), data, 0o644)
	}
}

func TestZZCraftOne(t *testing.T) {
	p := os.Getenv("CRAFTFILE")
	if p == "" {
		t.Skip()
	}
	st := time.Now()
	bs, info, err := parseAll(t, p)
	t.Logf("%v blocks=%d %q pages=%d err=%v warn=%v", time.Since(st), len(bs), blockTexts(bs), info.Pages, err, info.Warnings)
}

func TestZZDeepWrite(t *testing.T) {
	out := os.Getenv("CRAFTDIR")
	if out == "" {
		t.Skip()
	}
	os.WriteFile(filepath.Join(out, "deep-div.html"), []byte("<html><body>"+strings.Repeat("<div>", 5_000_000)+"x"), 0o644)
	os.WriteFile(filepath.Join(out, "deep-b.html"), []byte("<html><body><p>"+strings.Repeat("<b>", 5_000_000)+"x"), 0o644)
	os.WriteFile(filepath.Join(out, "deep-quote.md"), []byte(strings.Repeat(">", 5_000_000)+" x\n"), 0o644)
	os.WriteFile(filepath.Join(out, "deep-list.md"), []byte(strings.Repeat("- ", 1_000_000)+" x\n"), 0o644)
	os.WriteFile(filepath.Join(out, "deep-emph.md"), []byte(strings.Repeat("*a ", 1_000_000)+" x\n"), 0o644)
	os.WriteFile(filepath.Join(out, "deep-link.md"), []byte(strings.Repeat("[", 1_000_000)+"x"+strings.Repeat("](u)", 1_000_000)+"\n"), 0o644)
	var sb strings.Builder
	sb.WriteString("<html><body>")
	for i := 0; i < 4; i++ {
		sb.WriteString("<h" + fmt.Sprint(i+1) + ">" + strings.Repeat("long heading ", 500_000) + "</h" + fmt.Sprint(i+1) + ">")
	}
	sb.WriteString(strings.Repeat("<p>a</p>", 200_000))
	os.WriteFile(filepath.Join(out, "long-headings.html"), []byte(sb.String()), 0o644)
}

func TestZZScale(t *testing.T) {
	if os.Getenv("SCALE") == "" {
		t.Skip()
	}
	gens := map[string]func(n int) (string, string){
		"quote": func(n int) (string, string) { return "q.md", strings.Repeat(">", n) + " x\n" },
		"list":  func(n int) (string, string) { return "l.md", strings.Repeat("- ", n) + " x\n" },
		"headings": func(n int) (string, string) {
			var sb strings.Builder
			sb.WriteString("<html><body>")
			for i := 0; i < 4; i++ {
				sb.WriteString("<h" + fmt.Sprint(i+1) + ">" + strings.Repeat("long heading ", n/10) + "</h" + fmt.Sprint(i+1) + ">")
			}
			sb.WriteString(strings.Repeat("<p>a</p>", n/10))
			return "h.html", sb.String()
		},
	}
	for name, g := range gens {
		if !strings.Contains(os.Getenv("SCALE"), name) {
			continue
		}
		for _, n := range []int{1000, 2000, 4000, 8000, 16000} {
			fn, data := g(n)
			p := filepath.Join(t.TempDir(), fn)
			os.WriteFile(p, []byte(data), 0o644)
			st := time.Now()
			bs, _, err := parseAll(t, p)
			t.Logf("%s n=%d %v blocks=%d err=%v", name, n, time.Since(st), len(bs), err)
		}
	}
}

func TestZZGoldmark(t *testing.T) {
	if os.Getenv("SCALE") == "" {
		t.Skip()
	}
	for _, n := range []int{4000, 8000, 16000} {
		for _, src := range []string{strings.Repeat(">", n) + " x\n", strings.Repeat("- ", n) + " x\n"} {
			st := time.Now()
			md := goldmarkNew()
			doc := md.Parser().Parse(gtextNewReader([]byte(src)))
			_ = doc
			t.Logf("n=%d parse %v", n, time.Since(st))
		}
	}
}
