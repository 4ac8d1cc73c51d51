package reportparse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// parsePDF reads a PDF page by page with github.com/ledongthuc/pdf (the
// file's structure, decryption of files that open without a password,
// stream filters) and this package's own content-stream interpreter
// (pdfcontent.go), which computes each character's position from the
// fonts' widths and maps it to Unicode through the fonts' ToUnicode maps.
// Only a window of three pages of lines is held at a time.
func parsePDF(path string, f io.ReaderAt, size int64, info *Info, b *builder) (err error) {
	ra, size := fixPDFEnds(f, size)
	if err := checkXref(ra, size); err != nil {
		return &Error{Path: path, Kind: ErrMalformed, Detail: err.Error()}
	}
	r, err := openPDF(ra, size)
	if err != nil {
		kind, detail := ErrMalformed, err.Error()
		msg := strings.ToLower(detail)
		switch {
		case errors.Is(err, pdf.ErrInvalidPassword):
			kind, detail = ErrEncrypted, "a password is needed to open it; save a copy without a password first"
		case strings.Contains(msg, "encrypt"):
			kind, detail = ErrEncrypted, "it needs a password, or uses an encryption Exhibit cannot read (AES-256); save a copy without a password first"
		case strings.Contains(msg, "%%eof") || strings.Contains(msg, "startxref"):
			detail = "it is truncated or damaged (no end-of-file marker or cross-reference table)"
		}
		return &Error{Path: path, Kind: kind, Detail: detail}
	}
	root := r.Trailer().Key("Root")
	if root.Key("Pages").Kind() != pdf.Dict {
		return &Error{Path: path, Kind: ErrMalformed, Detail: "it has no page tree"}
	}
	encrypted := r.Trailer().Key("Encrypt").Kind() != pdf.Null
	info.Title = collapse(pdfString(r.Trailer().Key("Info").Key("Title"), encrypted))
	labels := readPageLabels(root.Key("PageLabels"), encrypted)

	b.setTitle(info.Title)
	asm := newAssembler(b)
	doc := &pdfDoc{left: maxDocContentBytes}
	var prev, cur *pdfPage
	var noText []int
	glyphs, damaged, firstUnread := 0, 0, 0
	n := 0
	err = walkPages(root.Key("Pages"), func(pv pdf.Value, attrs pageAttrs) error {
		n++
		if doc.left <= 0 {
			if firstUnread == 0 {
				firstUnread = n
			}
			return nil
		}
		p := readPage(pv, attrs, n, doc)
		if p.err != nil {
			if damaged++; damaged <= maxPageWarnings {
				info.Warnings = append(info.Warnings, fmt.Sprintf("page %d: %s; its text may be incomplete", n, oneLine(p.err.Error())))
			}
		}
		glyphs += p.glyphs
		if p.glyphs == 0 && p.images {
			noText = append(noText, n)
		}
		p.label = labels.label(n - 1)
		if cur != nil {
			if err := asm.page(cur, prev, p); err != nil {
				return err
			}
			cur.lines = nil // only its margins are still needed
		}
		prev, cur = cur, p
		return nil
	})
	info.Pages = n
	if err != nil {
		var pe *pageTreeError
		if errors.As(err, &pe) {
			return &Error{Path: path, Kind: ErrMalformed, Detail: pe.Error()}
		}
		return err
	}
	if cur != nil {
		if err := asm.page(cur, prev, nil); err != nil {
			return err
		}
	}
	if err := asm.finish(); err != nil {
		return err
	}
	if n == 0 {
		return &Error{Path: path, Kind: ErrMalformed, Detail: "it has no pages"}
	}
	if glyphs == 0 || asm.b.n == 0 {
		return &Error{Path: path, Kind: ErrNoTextLayer}
	}
	if damaged > maxPageWarnings {
		info.Warnings = append(info.Warnings, fmt.Sprintf("%d more pages could not be read completely", damaged-maxPageWarnings))
	}
	if firstUnread > 0 {
		pages := fmt.Sprintf("page %d has", n)
		if firstUnread < n {
			pages = fmt.Sprintf("pages %d–%d have", firstUnread, n)
		}
		info.Warnings = append(info.Warnings, fmt.Sprintf("%s not been read: the document's content exceeds %d MiB", pages, maxDocContentBytes>>20))
	}
	if len(noText) > 0 {
		info.Warnings = append(info.Warnings, fmt.Sprintf("%s no text layer (scanned?); run OCR to read them", pageList(noText)))
	}
	return nil
}

// maxPageWarnings bounds the warnings about single damaged pages.
const maxPageWarnings = 20

func pageList(pages []int) string {
	if len(pages) == 1 {
		return fmt.Sprintf("page %d has", pages[0])
	}
	var parts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", pages[i], pages[j]))
		} else {
			parts = append(parts, fmt.Sprint(pages[i]))
		}
		i = j + 1
	}
	return "pages " + strings.Join(parts, ", ") + " have"
}

// openPDF opens the file's structure, turning the library's panics into
// errors.
func openPDF(ra io.ReaderAt, size int64) (r *pdf.Reader, err error) {
	defer func() {
		if x := recover(); x != nil {
			r, err = nil, fmt.Errorf("%v", x)
		}
	}()
	return pdf.NewReader(ra, size)
}

// fixPDFEnds presents the file the way the pdf library expects it: a
// "%PDF-1.x" header (PDF 2.0 files are read as 1.7, which they extend) and
// no bytes after the last %%EOF marker.
func fixPDFEnds(f io.ReaderAt, size int64) (io.ReaderAt, int64) {
	head := make([]byte, 9)
	n, _ := f.ReadAt(head, 0)
	fr := &fixedReader{f: f}
	if n == 9 && bytes.HasPrefix(head, []byte("%PDF-")) && (head[5] != '1' || head[8] != '\n' && head[8] != '\r') {
		fr.head = []byte("%PDF-1.7\n")
	}
	tail := int64(2048)
	if tail > size {
		tail = size
	}
	buf := make([]byte, tail)
	if m, _ := f.ReadAt(buf, size-tail); m == len(buf) {
		if i := bytes.LastIndex(buf, []byte("%%EOF")); i >= 0 {
			size = size - tail + int64(i) + 5
		}
	}
	return fr, size
}

type fixedReader struct {
	f    io.ReaderAt
	head []byte
}

func (r *fixedReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := r.f.ReadAt(p, off)
	for i := int64(0); i < int64(len(r.head)); i++ {
		if j := i - off; j >= 0 && j < int64(n) {
			p[j] = r.head[i]
		}
	}
	return n, err
}

// pageTreeError is a damaged page tree.
type pageTreeError struct{ msg string }

func (e *pageTreeError) Error() string { return e.msg }

// pageAttrs are the attributes a page inherits from the nodes above it
// in the page tree. They are gathered on the way down: looking them up
// the page's /Parent chain would read the parent again for every page,
// with its /Kids (the library caches nothing), which makes a flat tree
// of n pages cost n².
type pageAttrs struct {
	resources, mediaBox, cropBox pdf.Value
}

// under returns the attributes of node: its own, else a's.
func (a pageAttrs) under(node pdf.Value) pageAttrs {
	for _, f := range []struct {
		key string
		v   *pdf.Value
	}{{"Resources", &a.resources}, {"MediaBox", &a.mediaBox}, {"CropBox", &a.cropBox}} {
		if x := node.Key(f.key); x.Kind() != pdf.Null {
			*f.v = x
		}
	}
	return a
}

// walkPages calls fn for each page of the page tree, in order, with its
// inherited attributes, without loading the whole tree.
func walkPages(root pdf.Value, fn func(pdf.Value, pageAttrs) error) (err error) {
	visits := 0
	var walk func(node pdf.Value, attrs pageAttrs, depth int) error
	walk = func(node pdf.Value, attrs pageAttrs, depth int) error {
		if depth > 64 {
			return &pageTreeError{"its page tree is too deep (a loop?)"}
		}
		visits++
		if visits > 2_000_000 {
			return &pageTreeError{"its page tree is too large (a loop?)"}
		}
		kids := node.Key("Kids")
		if node.Key("Type").Name() == "Pages" || kids.Kind() == pdf.Array {
			attrs = attrs.under(node)
			for i := 0; i < kids.Len(); i++ {
				if err := walk(kids.Index(i), attrs, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		if node.Kind() != pdf.Dict {
			return nil
		}
		return fn(node, attrs.under(node))
	}
	defer func() {
		if x := recover(); x != nil {
			if _, ok := x.(emitPanic); ok {
				panic(x)
			}
			err = &pageTreeError{fmt.Sprintf("its page tree cannot be read: %v", x)}
		}
	}()
	return walk(root, pageAttrs{}, 0)
}

// pdfPage is one page's lines and what is known about it.
type pdfPage struct {
	num    int
	box    [4]float64 // llx, lly, urx, ury
	lines  []line
	glyphs int
	images bool
	label  string // from /PageLabels
	err    error
	// margins are the lines in the top and bottom margins, kept to find
	// running headers and footers on the neighbouring pages.
	margins []marginLine
}

// readPage extracts one page's lines. Errors in its content are kept in
// p.err; the text read up to them is kept. The content read is taken
// from doc's budget.
func readPage(pv pdf.Value, attrs pageAttrs, num int, doc *pdfDoc) (p *pdfPage) {
	p = &pdfPage{num: num}
	defer func() {
		if x := recover(); x != nil {
			p.err = fmt.Errorf("%v", x)
		}
	}()
	p.box = [4]float64{0, 0, 612, 792}
	mb := attrs.cropBox
	if mb.Len() != 4 {
		mb = attrs.mediaBox
	}
	if mb.Len() == 4 {
		a, b, c, d := mb.Index(0).Float64(), mb.Index(1).Float64(), mb.Index(2).Float64(), mb.Index(3).Float64()
		if c < a {
			a, c = c, a
		}
		if d < b {
			b, d = d, b
		}
		if c-a > 1 && d-b > 1 {
			p.box = [4]float64{a, b, c, d}
		}
	}
	doc.left -= runCost
	limit := max(min(maxContentBytes, doc.left), 0)
	pt := &pageText{doc: doc, budget: limit, box: p.box}
	if c := pv.Key("Contents"); c.Kind() != pdf.Null {
		p.err = pt.run(c, attrs.resources, identity, 0)
		doc.left -= limit - pt.budget
		if errors.Is(p.err, errContentBudget) {
			if doc.left <= 0 {
				p.err = fmt.Errorf("the document's content exceeds %d MiB: it is read up to here", maxDocContentBytes>>20)
			} else {
				p.err = fmt.Errorf("its content exceeds %d MiB", maxContentBytes>>20)
			}
		}
	}
	p.glyphs = len(pt.glyphs)
	p.images = pt.images
	p.lines = buildLines(pt.glyphs)
	p.margins = marginLines(p)
	return p
}

// pdfString decodes a PDF text string (UTF-16 with a byte order mark,
// UTF-8 with one, else PDFDocEncoding, read as Latin-1). In a file
// encrypted with AES the library leaves the cipher's padding on strings;
// it is removed here.
func pdfString(v pdf.Value, encrypted bool) string {
	if v.Kind() != pdf.String {
		return ""
	}
	b := []byte(v.RawString())
	if encrypted && len(b) > 0 {
		if n := int(b[len(b)-1]); n >= 1 && n <= 16 && n <= len(b) && bytes.Count(b[len(b)-n:], b[len(b)-1:]) == n {
			b = b[:len(b)-n]
		}
	}
	switch {
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return string(utf16.Decode(utf16Units(string(b[2:]))))
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return strings.ToValidUTF8(string(b[3:]), "\uFFFD")
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
