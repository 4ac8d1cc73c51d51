package reportparse

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipped elements hold no readable text of the report.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true,
	atom.Form: true, atom.Template: true, atom.Svg: true, atom.Iframe: true,
	atom.Head: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Audio: true,
	atom.Video: true, atom.Map: true, atom.Math: false, atom.Input: true,
	atom.Frameset: true, atom.Frame: true, atom.Menu: true, atom.Dialog: true,
}

// breaking elements end the text before them and start a new block.
var breaking = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Center: true, atom.Details: true, atom.Dd: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Header: true,
	atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Tr: true, atom.Ul: true, atom.Caption: true,
	atom.Legend: true, atom.Html: true,
}

var headingLevel = map[atom.Atom]int{atom.H1: 1, atom.H2: 2, atom.H3: 3, atom.H4: 4, atom.H5: 5, atom.H6: 6}

// navRoles are ARIA roles of page furniture rather than content.
var navRoles = map[string]bool{"navigation": true, "banner": true, "contentinfo": true, "search": true, "menu": true, "menubar": true, "toolbar": true}

// parseHTML extracts the readable text of an HTML report. Nothing is
// fetched: links, images, frames and scripts are never followed.
//
// Dropped: script, style, noscript, nav, form (and its controls), template,
// svg, iframe, head (except <title>), menus and dialogs; elements that are
// hidden (the hidden attribute, aria-hidden="true", style display:none or
// visibility:hidden) or have a navigation role (navigation, banner,
// contentinfo, search, menu); header and footer elements unless they are
// inside <article> or <main> (an article's own header keeps its title).
// h1–h6 are headings. Every block-level element (p, li, blockquote, pre,
// figcaption, dd, dt, div, section…) ends one block and starts the next,
// so a list item's text comes before its nested list; a table row (tr) is
// one block with its cells joined by " | ". <br> is a space. The title is
// <title>, else the first h1.
func parseHTML(text string, info *Info, b *builder) error {
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		// The only error of a parse from memory: elements nested more
		// than 512 deep.
		return &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("its elements are nested too deeply to read (%v)", err)}
	}
	if t := findFirst(doc, atom.Title); t != nil {
		info.Title = collapse(nodeText(t))
	}
	if info.Title == "" {
		if h := findFirst(doc, atom.H1); h != nil && !isHidden(h) {
			info.Title = collapse(nodeText(h))
		}
	}
	b.setTitle(info.Title)
	w := &htmlWalker{b: b}
	w.walk(doc)
	if w.err == nil {
		w.flush()
	}
	return w.err
}

type htmlWalker struct {
	b       *builder
	buf     strings.Builder
	err     error
	content int // depth inside article or main
}

func (w *htmlWalker) flush() {
	if w.err != nil {
		return
	}
	w.err = w.b.block(w.buf.String(), 0, 0, "")
	w.buf.Reset()
}

func (w *htmlWalker) walk(n *html.Node) {
	if w.err != nil {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.buf.WriteString(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
		w.children(n)
		return
	default:
		return
	}
	a := n.DataAtom
	if skipped[a] || isHidden(n) {
		return
	}
	if (a == atom.Header || a == atom.Footer) && w.content == 0 {
		return
	}
	if lvl := headingLevel[a]; lvl > 0 {
		w.flush()
		w.b.heading(lvl, nodeText(n))
		return
	}
	switch a {
	case atom.Br:
		w.buf.WriteByte(' ')
		return
	case atom.Img:
		return
	case atom.Tr:
		w.flush()
		var cells []string
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) && !isHidden(c) {
				cells = append(cells, collapse(nodeText(c)))
			}
		}
		if w.err == nil {
			w.err = w.b.block(strings.Join(cells, " | "), 0, 0, "")
		}
		return
	case atom.Article, atom.Main:
		w.content++
		defer func() { w.content-- }()
	}
	brk := breaking[a]
	if brk {
		w.flush()
	}
	w.children(n)
	if brk {
		w.flush()
	}
}

func (w *htmlWalker) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// isHidden reports whether an element is hidden or is page navigation.
func isHidden(n *html.Node) bool {
	for _, at := range n.Attr {
		v := strings.ToLower(strings.TrimSpace(at.Val))
		switch strings.ToLower(at.Key) {
		case "hidden":
			return true
		case "aria-hidden":
			if v == "true" {
				return true
			}
		case "role":
			if navRoles[v] {
				return true
			}
		case "style":
			s := strings.ReplaceAll(v, " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// nodeText returns the readable text under n, with skipped and hidden
// elements left out and <br> and block elements read as spaces.
func nodeText(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
			return
		case html.ElementNode:
			if (skipped[n.DataAtom] && n.DataAtom != atom.Head) || isHidden(n) || n.DataAtom == atom.Img {
				return
			}
			if n.DataAtom == atom.Br || breaking[n.DataAtom] || n.DataAtom == atom.Td || n.DataAtom == atom.Th {
				sb.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return sb.String()
}

// findFirst returns the first element of the given kind, depth first.
func findFirst(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findFirst(c, a); f != nil {
			return f
		}
	}
	return nil
}

// htmlFragmentText returns the readable text of an HTML fragment (raw HTML
// inside Markdown).
func htmlFragmentText(s string) string {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return ""
	}
	if b := findFirst(doc, atom.Body); b != nil {
		return collapse(nodeText(b))
	}
	return ""
}
