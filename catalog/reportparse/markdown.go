package reportparse

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/yuin/goldmark/extension"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// parseMarkdown parses a Markdown report with goldmark (CommonMark plus
// GitHub tables, strikethrough and definition lists).
//
// Headings (# to ######, and setext) are headings, not blocks. Each
// paragraph is a block; a list item is one block (its paragraphs joined;
// nested lists follow as their own blocks); each paragraph inside a block
// quote is a block; each table row is a block with its cells joined by
// " | "; a code block is a block; raw HTML blocks give their text. Inline
// markup is stripped to its text: links keep their text, images are
// dropped. A YAML front matter block ("---" … "---") at the top is skipped
// and its "title:" used as the title; otherwise the title is the first
// level-1 heading.
func parseMarkdown(text string, info *Info, b *builder) error {
	src, fmTitle := stripFrontMatter([]byte(strings.ReplaceAll(text, "\r\n", "\n")))
	if d := markdownDepth(src); d > maxMarkdownDepth {
		return &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("it nests quotes or lists %d deep (at most %d are read)", d, maxMarkdownDepth)}
	}
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.DefinitionList))
	doc := md.Parser().Parse(gtext.NewReader(src))

	info.Title = fmTitle
	if info.Title == "" {
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if h, ok := n.(*ast.Heading); ok && entering && h.Level == 1 {
				info.Title = collapse(mdInline(h, src))
				return ast.WalkStop, nil
			}
			return ast.WalkContinue, nil
		})
	}
	b.setTitle(info.Title)
	w := &mdWalker{b: b, src: src}
	return w.children(doc)
}

type mdWalker struct {
	b   *builder
	src []byte
}

func (w *mdWalker) children(n ast.Node) error {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if err := w.node(c); err != nil {
			return err
		}
	}
	return nil
}

func (w *mdWalker) node(n ast.Node) error {
	switch n := n.(type) {
	case *ast.Heading:
		w.b.heading(n.Level, mdInline(n, w.src))
	case *ast.Paragraph, *ast.TextBlock:
		return w.b.block(mdInline(n, w.src), 0, 0, "")
	case *ast.ListItem:
		var parts []string
		var rest []ast.Node
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				parts = append(parts, mdInline(c, w.src))
			default:
				rest = append(rest, c)
			}
		}
		if err := w.b.block(strings.Join(parts, " "), 0, 0, ""); err != nil {
			return err
		}
		for _, c := range rest {
			if err := w.node(c); err != nil {
				return err
			}
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return w.b.block(string(mdLines(n, w.src)), 0, 0, "")
	case *ast.HTMLBlock:
		raw := mdLines(n, w.src)
		if n.HasClosure() {
			raw = append(raw, n.ClosureLine.Value(w.src)...)
		}
		return w.b.block(htmlFragmentText(string(raw)), 0, 0, "")
	case *east.TableHeader, *east.TableRow:
		var cells []string
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, collapse(mdInline(c, w.src)))
		}
		return w.b.block(strings.Join(cells, " | "), 0, 0, "")
	case *east.DefinitionTerm:
		return w.b.block(mdInline(n, w.src), 0, 0, "")
	case *ast.ThematicBreak:
	default: // document, lists, block quotes, tables, definition lists…
		return w.children(n)
	}
	return nil
}

// mdLines returns the raw lines of a code or HTML block.
func mdLines(n ast.Node, src []byte) []byte {
	var buf bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		buf.Write(seg.Value(src))
	}
	return buf.Bytes()
}

// mdInline returns the text of a node's inline content.
func mdInline(n ast.Node, src []byte) string {
	var sb strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				v := c.Segment.Value(src)
				if !c.IsRaw() {
					v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
				}
				sb.Write(v)
				if c.SoftLineBreak() || c.HardLineBreak() {
					sb.WriteByte(' ')
				}
			case *ast.String:
				sb.Write(c.Value)
			case *ast.AutoLink:
				sb.Write(c.Label(src))
			case *ast.RawHTML:
				var raw []byte
				for i := 0; i < c.Segments.Len(); i++ {
					seg := c.Segments.At(i)
					raw = append(raw, seg.Value(src)...)
				}
				if t := strings.ToLower(string(raw)); strings.HasPrefix(t, "<br") {
					sb.WriteByte(' ')
				}
			case *ast.Image:
				// An image is not text.
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return sb.String()
}

// stripFrontMatter removes a leading YAML front matter block and returns
// its title: value, if any.
func stripFrontMatter(src []byte) ([]byte, string) {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src, ""
	}
	end := bytes.Index(src[4:], []byte("\n---"))
	if end < 0 {
		return src, ""
	}
	fm := string(src[4 : 4+end])
	rest := src[4+end+4:]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		nl = len(rest)
	}
	if strings.TrimSpace(string(rest[:nl])) != "" {
		return src, ""
	}
	rest = rest[min(nl+1, len(rest)):]
	for _, l := range strings.Split(fm, "\n") {
		t := strings.TrimSpace(l)
		if t != "" && !strings.Contains(t, ":") && !strings.HasPrefix(t, "-") && !strings.HasPrefix(t, "#") && l[0] != ' ' {
			return src, "" // not YAML: a thematic break, not front matter
		}
	}
	title := ""
	for _, l := range strings.Split(fm, "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "title" {
			title = strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return rest, title
}

// maxMarkdownDepth bounds the nesting of block quotes and lists: goldmark
// takes time that grows with the square of the depth, or faster, on
// every line (hours for a crafted file of a few megabytes).
const maxMarkdownDepth = 64

// markdownDepth estimates the deepest nesting of block quotes and list
// items in src: on each line, the markers ("> ", "- ", "1. "…) that open
// it and half of the columns of white space before and between them.
// A thematic break ("* * *") opens nothing.
func markdownDepth(src []byte) int {
	deepest := 0
	for line := range bytes.Lines(src) {
		markers, cols, i := 0, 0, 0
	prefix:
		for ; i < len(line); i++ {
			switch c := line[i]; {
			case c == ' ':
				cols++
			case c == '\t':
				cols += 4
			case c == '>':
				markers++
				if i+1 < len(line) && line[i+1] == ' ' {
					i++ // the space that belongs to the marker
				}
			case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
				markers++
				i++
			case orderedMarker(line[i:]) > 0:
				markers++
				i += orderedMarker(line[i:])
			default:
				break prefix
			}
		}
		if len(bytes.Trim(line, " \t*-_\n")) == 0 {
			continue // a thematic break or a blank line
		}
		deepest = max(deepest, markers+cols/2)
	}
	return deepest
}

// orderedMarker returns the length of an ordered list marker ("12." or
// "3)") at the start of s, when a space or a tab follows it, else 0.
func orderedMarker(s []byte) int {
	j := 0
	for j < len(s) && j < 9 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j > 0 && j+1 < len(s) && (s[j] == '.' || s[j] == ')') && (s[j+1] == ' ' || s[j+1] == '\t') {
		return j + 1
	}
	return 0
}
