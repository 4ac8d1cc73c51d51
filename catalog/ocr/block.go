package ocr

// Box is a word's box on a page: in PDF points (PDF user space, y up:
// Y0 the bottom, Y1 the top) for a PDF page, in pixels of the upright
// picture (y down: Y0 the top) for a picture.
type Box struct{ X0, Y0, X1, Y1 float64 }

// Block is a paragraph read by OCR, ready to become an excerpt.
type Block struct {
	// Page is the PDF page (from 1); 0 for a picture.
	Page int
	// PageLabel is the page's label in the PDF, "" when none.
	PageLabel string
	Text      string
	// Conf is the mean confidence of its words, 0 to 100.
	Conf float64
	// Words are the boxes of its words, in order.
	Words []Box
}

// Progress is reported after each page read.
type Progress struct {
	// Done pages of Total are read; Page is the one just read (the PDF's
	// page number, 1 for a picture).
	Done, Total, Page int
}

// Result is what OCR read in a document.
type Result struct {
	// Pages is the document's number of pages (1 for a picture).
	Pages int
	// Read are the pages read by OCR, in order: a PDF's pages without a
	// text layer.
	Read []int
	// Blocks are the paragraphs read, in page order.
	Blocks []Block
	// Langs are the languages read ("ara+eng").
	Langs string
	// Conf is the mean confidence of every word read, 0 to 100.
	Conf float64
}

// MinConf is the lowest mean confidence of a paragraph kept: below it
// Tesseract is reading marks that are no text (a stamp, a photograph's
// texture).
const MinConf = 20

// addPage adds the paragraphs of one page read, their boxes mapped by
// toPage, and counts its words into the mean confidence.
func (r *Result) addPage(p *Page, page int, label string, toPage func(x, y float64) (float64, float64), confSum *float64, words *int) {
	for i := range p.Paragraphs {
		para := &p.Paragraphs[i]
		ws := para.Words()
		for _, w := range ws {
			*confSum += w.Conf
			*words++
		}
		if para.Conf < MinConf {
			continue
		}
		b := Block{Page: page, PageLabel: label, Text: para.Text, Conf: para.Conf, Words: make([]Box, 0, len(ws))}
		for _, w := range ws {
			x0, y0 := toPage(float64(w.Box.Min.X), float64(w.Box.Min.Y))
			x1, y1 := toPage(float64(w.Box.Max.X), float64(w.Box.Max.Y))
			b.Words = append(b.Words, Box{min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)})
		}
		r.Blocks = append(r.Blocks, b)
	}
	if *words > 0 {
		r.Conf = *confSum / float64(*words)
	}
}
