package reportparse

import (
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

// maxGlyphsPerPage bounds the glyphs kept for one page.
const maxGlyphsPerPage = 200000

// fontCache keeps parsed fonts across pages, keyed by the font
// dictionary's text (which names its streams by object number).
type fontCache struct {
	m map[string]*pdfFont
}

func (c *fontCache) get(v pdf.Value) *pdfFont {
	key := v.String()
	if f, ok := c.m[key]; ok {
		return f
	}
	f := loadFont(v)
	if c.m == nil || len(c.m) > 512 {
		c.m = make(map[string]*pdfFont)
	}
	c.m[key] = f
	return f
}

type gstate struct {
	ctm                    matrix
	font                   *pdfFont
	fs, tc, tw, th, tl, ts float64
}

// pageText runs a page's content stream and collects its glyphs. images
// reports whether the page draws an image (to tell a scan from a blank
// page).
type pageText struct {
	fonts  *fontCache
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
	rd, closeAll := contentReader(contents)
	defer closeAll()
	lim := &io.LimitedReader{R: rd, N: pt.budget}
	defer func() { pt.budget = lim.N }()
	lx := newLexer(lim)

	g := gstate{ctm: ctm, th: 1}
	var stack []gstate
	tm, tlm := identity, identity
	var args []operand
	fontRes := resources.Key("Font")
	byName := make(map[string]*pdfFont)

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
			x, y := trm[4], trm[5]
			b := pt.box
			if x < b[0]-2 || x > b[2]+2 || y < b[1]-2 || y > b[3]+2 {
				return // outside the page
			}
			pt.glyphs = append(pt.glyphs, glyph{
				x: x, y: y, w: adv[4] - start[4], size: fontSize(trm), s: t, bold: f.bold,
			})
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
						f = pt.fonts.get(fv)
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
				pt.budget = lim.N // the form's content counts against the page's budget
				pt.doXObject(resources.Key("XObject").Key(args[0].str), resources, g.ctm, depth)
				lim.N = pt.budget
			}
		}
		args = args[:0]
	}
	if lim.N <= 0 {
		return fmt.Errorf("page content exceeds %d MiB", maxContentBytes>>20)
	}
	return lx.err
}

// doXObject draws a form XObject's text, or notes an image.
func (pt *pageText) doXObject(x, resources pdf.Value, ctm matrix, depth int) {
	switch x.Key("Subtype").Name() {
	case "Image":
		pt.images = true
	case "Form":
		if depth >= 8 {
			return
		}
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

// contentReader returns the decoded content of a stream or an array of
// streams, read one after the other with a line break between them.
func contentReader(v pdf.Value) (io.Reader, func()) {
	if v.Kind() == pdf.Stream {
		rc := v.Reader()
		return rc, func() { rc.Close() }
	}
	var readers []io.Reader
	var closers []io.Closer
	for i := 0; i < v.Len() && i < 10000; i++ {
		s := v.Index(i)
		if s.Kind() != pdf.Stream {
			continue
		}
		rc := s.Reader()
		closers = append(closers, rc)
		readers = append(readers, rc, strings.NewReader("\n"))
	}
	return io.MultiReader(readers...), func() {
		for _, c := range closers {
			c.Close()
		}
	}
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
