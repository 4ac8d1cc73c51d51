package reportparse

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/unicode/norm"
)

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: m applied first, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// glyph is one character drawn on a page, in default user space (points,
// y up).
type glyph struct {
	x, y float64 // origin on the baseline
	w    float64 // advance width
	size float64 // rendered font size
	s    string  // Unicode text
	bold bool
}

// maxContentBytes bounds the decoded content read for one page, with its
// form XObjects, against decompression bombs.
const maxContentBytes = 256 << 20

// maxDocContentBytes bounds the decoded content read for the whole
// document, whose pages may all draw the same stream (a variable for the
// tests).
var maxDocContentBytes int64 = 1 << 30

// runCost is what running a content stream (a page's or a form's) costs
// the budget beyond its own bytes, so that tiny streams run very many
// times (forms drawing forms, nested eight deep; a page tree naming one
// page millions of times) cannot run for hours.
const runCost = 4096

// errContentBudget is returned when a page reaches its budget.
var errContentBudget = errors.New("content budget exceeded")

// maxGlyphsPerPage bounds the glyphs kept for one page.
const maxGlyphsPerPage = 200000

// maxFontWeight bounds the entries (codes mapped, widths) of the fonts
// kept parsed across pages.
const maxFontWeight = 1 << 21

// pdfDoc is what reading a PDF keeps from page to page: its parsed fonts,
// keyed by the font dictionary's text (which names its streams by object
// number), and what is left of its budget of decoded bytes.
type pdfDoc struct {
	fonts  map[string]*pdfFont
	weight int // of the fonts kept
	left   int64
}

// font returns the parsed font of dictionary v, and the bytes its key
// took to make (the dictionary's text), for the page's budget.
func (d *pdfDoc) font(v pdf.Value) (*pdfFont, int) {
	key := v.String()
	if f, ok := d.fonts[key]; ok {
		return f, len(key)
	}
	f := loadFont(v, &d.left)
	w := f.weight()
	if d.fonts == nil || len(d.fonts) >= 512 || d.weight+w > maxFontWeight {
		d.fonts = make(map[string]*pdfFont)
		d.weight = 0
	}
	d.fonts[key] = f
	d.weight += w
	return f, len(key)
}

type gstate struct {
	ctm                    matrix
	font                   *pdfFont
	fs, tc, tw, th, tl, ts float64
}

// pageText runs a page's content stream and collects its glyphs. images
// reports whether the page draws an image (to tell a scan from a blank
// page). budget is what is left of the decoded bytes the page may read.
type pageText struct {
	doc    *pdfDoc
	glyphs []glyph
	images bool
	budget int64
	box    [4]float64
}

func (pt *pageText) run(contents pdf.Value, resources pdf.Value, ctm matrix, depth int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	rd := &streamSeq{v: contents}
	defer rd.Close()
	lim := &io.LimitedReader{R: rd, N: pt.budget}
	defer func() { pt.budget = lim.N }()
	lx := newLexer(lim)

	g := gstate{ctm: ctm, th: 1}
	var stack []gstate
	tm, tlm := identity, identity
	var args []operand
	fontRes := resources.Key("Font")
	byName := make(map[string]*pdfFont)
	xobjects := make(map[string]pdf.Value)

	show := func(s string) {
		f := g.font
		if f == nil {
			return
		}
		f.codes(s, func(code int, raw string) {
			w0 := f.width(code)
			trm := matrix{g.fs * g.th, 0, 0, g.fs, 0, g.ts}.mul(tm).mul(g.ctm)
			tx := w0*g.fs + g.tc
			if len(raw) == 1 && code == 32 {
				tx += g.tw
			}
			tx *= g.th
			adv := matrix{1, 0, 0, 1, tx, 0}.mul(tm).mul(g.ctm)
			start := matrix{1, 0, 0, 1, 0, 0}.mul(tm).mul(g.ctm)
			tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
			if len(pt.glyphs) >= maxGlyphsPerPage {
				return
			}
			// Keep upright, horizontal text only.
			if trm[0] <= 0 || math.Abs(trm[1]) > 0.2*math.Abs(trm[0]) {
				return
			}
			t := fixPresentationForms(f.text(code, raw))
			if t == "" {
				return
			}
			x, y, w, size := trm[4], trm[5], adv[4]-start[4], fontSize(trm)
			b := pt.box
			if !(x >= b[0]-2 && x <= b[2]+2 && y >= b[1]-2 && y <= b[3]+2) || math.IsNaN(w+size) || math.IsInf(w+size, 0) {
				return // outside the page, or at no place (NaN)
			}
			pt.glyphs = append(pt.glyphs, glyph{x: x, y: y, w: w, size: size, s: t, bold: f.bold})
		})
	}

	for {
		v, op, ok := lx.next()
		if !ok {
			break
		}
		if op == "" {
			if len(args) < 64 {
				args = append(args, v)
			}
			continue
		}
		num := func(i int) float64 {
			if i < len(args) && args[i].kind == opNumber {
				return args[i].num
			}
			return 0
		}
		nargs := len(args)
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, g)
			}
		case "Q":
			if n := len(stack); n > 0 {
				g = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if nargs >= 6 {
				g.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.tl = num(0)
		case "Ts":
			g.ts = num(0)
		case "Tf":
			if nargs >= 2 && args[0].kind == opName {
				// Looking a font up resolves objects (often in compressed
				// object streams): once per name and content stream.
				f, ok := byName[args[0].str]
				if !ok {
					if fv := fontRes.Key(args[0].str); fv.Kind() == pdf.Dict {
						var cost int
						f, cost = pt.doc.font(fv)
						lim.N -= int64(cost)
					}
					byName[args[0].str] = f
				}
				g.font = f
				g.fs = num(1)
			}
		case "Td", "TD":
			if nargs >= 2 {
				if op == "TD" {
					g.tl = -num(1)
				}
				tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
				tm = tlm
			}
		case "Tm":
			if nargs >= 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
		case "Tj":
			if nargs >= 1 && args[nargs-1].kind == opString {
				show(args[nargs-1].str)
			}
		case "'", "\"":
			if op == "\"" && nargs >= 3 {
				g.tw, g.tc = num(0), num(1)
			}
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
			if nargs >= 1 && args[nargs-1].kind == opString {
				show(args[nargs-1].str)
			}
		case "TJ":
			if nargs >= 1 && args[nargs-1].kind == opArray {
				for _, e := range args[nargs-1].arr {
					switch e.kind {
					case opString:
						show(e.str)
					case opNumber:
						tx := -e.num / 1000 * g.fs * g.th
						tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
					}
				}
			}
		case "BI":
			pt.images = true
			lx.skipInlineImage()
		case "Do":
			if nargs >= 1 && args[0].kind == opName {
				// Looked up once per name and content stream, like fonts.
				x, ok := xobjects[args[0].str]
				if !ok {
					x = resources.Key("XObject").Key(args[0].str)
					xobjects[args[0].str] = x
				}
				pt.budget = lim.N // the form's content counts against the page's budget
				pt.doXObject(x, resources, g.ctm, depth)
				lim.N = pt.budget
			}
		}
		args = args[:0]
	}
	if lim.N <= 0 {
		return errContentBudget
	}
	return lx.err
}

// doXObject draws a form XObject's text, or notes an image.
func (pt *pageText) doXObject(x, resources pdf.Value, ctm matrix, depth int) {
	switch x.Key("Subtype").Name() {
	case "Image":
		pt.images = true
	case "Form":
		if depth >= 8 || pt.budget <= runCost {
			return
		}
		pt.budget -= runCost
		m := identity
		if mv := x.Key("Matrix"); mv.Len() == 6 {
			for i := range 6 {
				m[i] = mv.Index(i).Float64()
			}
		}
		res := x.Key("Resources")
		if res.Kind() != pdf.Dict {
			res = resources
		}
		_ = pt.run(x, res, m.mul(ctm), depth+1)
	}
}

// streamSeq reads the decoded content of a stream, or of an array of
// streams one after the other with a line break after each, opening each
// stream only when it is reached.
type streamSeq struct {
	v     pdf.Value
	next  int // in the array
	cur   io.ReadCloser
	sep   bool // a line break is due
	began bool
}

func (s *streamSeq) Read(p []byte) (int, error) {
	for len(p) > 0 {
		if s.cur != nil {
			n, err := s.cur.Read(p)
			if err == io.EOF {
				s.cur.Close()
				s.cur, s.sep = nil, s.v.Kind() == pdf.Array
				err = nil
			}
			if n > 0 || err != nil {
				return n, err
			}
			continue
		}
		if s.sep {
			s.sep = false
			p[0] = '\n'
			return 1, nil
		}
		var err error
		switch {
		case s.v.Kind() == pdf.Stream && !s.began:
			s.began = true
			s.cur, err = openStream(s.v)
		case s.v.Kind() == pdf.Array:
			for s.cur == nil && err == nil && s.next < s.v.Len() && s.next < 10000 {
				if x := s.v.Index(s.next); x.Kind() == pdf.Stream {
					s.cur, err = openStream(x)
				}
				s.next++
			}
		}
		if err != nil {
			return 0, err
		}
		if s.cur == nil {
			return 0, io.EOF
		}
	}
	return 0, nil
}

// Close closes the stream being read.
func (s *streamSeq) Close() error {
	if s.cur != nil {
		return s.cur.Close()
	}
	return nil
}

// openStream returns a reader of a stream's decoded data. It refuses what
// would make the pdf library allocate without bound: a chain of filters
// (each keeps a window) longer than maxFilters, or a predictor whose
// /Columns is huge (it makes two rows of that size).
func openStream(v pdf.Value) (io.ReadCloser, error) {
	f, p := v.Key("Filter"), v.Key("DecodeParms")
	n := 1
	if f.Kind() == pdf.Array {
		n = f.Len()
	}
	if n > maxFilters {
		return nil, fmt.Errorf("a stream has %d filters", n)
	}
	for i := range n {
		x := p
		if f.Kind() == pdf.Array {
			x = p.Index(i)
		}
		if c := x.Key("Columns").Int64(); c < 0 || c > maxColumns {
			return nil, fmt.Errorf("a stream has %d columns", c)
		}
	}
	return v.Reader(), nil
}

// fixPresentationForms folds Arabic presentation forms (contextual glyph
// shapes some PDFs map to) and Latin ligatures (ﬁ) to their letters, and
// drops control characters.
func fixPresentationForms(s string) string {
	need := false
	for _, r := range s {
		if r >= 0xFB00 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF || r < 0x20 || r == 0x7F {
			need = true
			break
		}
	}
	if !need {
		return s
	}
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r == 0xFEFF || r < 0x20 && r != '\t' || r == 0x7F:
		case r >= 0xFB00 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFE:
			sb.WriteString(norm.NFKC.String(string(r)))
		case unicode.IsControl(r):
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
