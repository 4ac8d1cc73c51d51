package meta

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	nsRDF    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsX      = "adobe:ns:meta/"
	nsXMLURI = "http://www.w3.org/XML/1998/namespace"
)

// xmpPrefixes are the prefixes ExifTool names the groups of well-known
// namespaces by; other namespaces take the prefix the packet declares.
var xmpPrefixes = map[string]string{
	"http://purl.org/dc/elements/1.1/":          "dc",
	nsXMP:                                       "xmp",
	"http://ns.adobe.com/xap/1.0/mm/":           "xmpMM",
	"http://ns.adobe.com/xap/1.0/rights/":       "xmpRights",
	"http://ns.adobe.com/xap/1.0/bj/":           "xmpBJ",
	"http://ns.adobe.com/xap/1.0/t/pg/":         "xmpTPg",
	"http://ns.adobe.com/xmp/1.0/DynamicMedia/": "xmpDM",
	"http://ns.adobe.com/xmp/note/":             "xmpNote",
	nsEXIF:                                      "exif",
	nsEXIFEX:                                    "exifEX",
	nsTIFF:                                      "tiff",
	nsAUX:                                       "aux",
	nsPS:                                        "photoshop",
	"http://ns.adobe.com/camera-raw-settings/1.0/":     "crs",
	"http://ns.adobe.com/lightroom/1.0/":               "lr",
	"http://ns.adobe.com/pdf/1.3/":                     "pdf",
	"http://ns.adobe.com/hdr-gain-map/1.0/":            "HDRGainMap",
	"http://ns.google.com/photos/1.0/panorama/":        "GPano",
	"http://ns.google.com/photos/1.0/camera/":          "GCamera",
	"http://ns.google.com/photos/1.0/image/":           "GImage",
	"http://ns.google.com/photos/1.0/depthmap/":        "GDepth",
	"http://ns.microsoft.com/photo/1.0/":               "microsoft",
	"http://ns.microsoft.com/photo/1.0":                "microsoft",
	"http://ns.microsoft.com/photo/1.2/":               "MP",
	"http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/":      "iptcCore",
	"http://iptc.org/std/Iptc4xmpExt/2008-02-29/":      "iptcExt",
	"http://creativecommons.org/ns#":                   "cc",
	"http://www.digikam.org/ns/1.0/":                   "digiKam",
	"http://www.dji.com/drone-dji/1.0/":                "drone-dji",
	"http://ns.useplus.org/ldf/xmp/1.0/":               "plus",
	"http://prismstandard.org/namespaces/basic/2.0/":   "prism",
	"http://ns.adobe.com/photoshop/1.0/camera-profile": "crs",
}

// xnode is an element of an XMP packet.
type xnode struct {
	name  xml.Name
	attrs []xml.Attr
	kids  []*xnode
	text  strings.Builder
}

// xmpTags lists every property of an XMP packet, group "XMP-" and the
// namespace's prefix, as ExifTool flattens them: a structure's fields are
// named by the property and the field ("DerivedFromInstanceID"), the items
// of a list are joined by ", ", the default language of an alternative is
// the value and others are "Name-lang". Values are as written.
func (l *tagList) xmpTags(p []byte) {
	if len(p) > maxXMP {
		l.problem("XMP", "packet of %d bytes not read (over %d MB)", len(p), maxXMP>>20)
		return
	}
	root, prefixes, err := parseXMPTree(bytes.TrimRight(p, "\x00 \t\r\n"))
	x := &xmpFlat{l: l, prefixes: prefixes, index: map[string]int{}, owner: map[string]*xnode{}}
	if root != nil {
		x.walk(root)
	}
	if err != nil {
		l.problem("XMP", "packet unreadable: %v (what came before is listed)", err)
	}
}

// parseXMPTree parses a packet into elements, and the prefixes it declares.
func parseXMPTree(p []byte) (*xnode, map[string]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(p))
	dec.Strict = false
	prefixes := map[string]string{}
	root := &xnode{}
	stack := []*xnode{root}
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = nil
			}
			return root, prefixes, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) > 64 {
				return root, prefixes, errors.New("nesting too deep")
			}
			n := &xnode{name: t.Name}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" {
					if _, ok := prefixes[a.Value]; !ok {
						prefixes[a.Value] = a.Name.Local
					}
					continue
				}
				if a.Name.Space == "" && a.Name.Local == "xmlns" {
					continue
				}
				n.attrs = append(n.attrs, a)
			}
			top := stack[len(stack)-1]
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.CharData:
			if top := stack[len(stack)-1]; top.text.Len() < 1<<20 {
				top.text.Write(t)
			}
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

// xmpFlat flattens the tree into tags.
type xmpFlat struct {
	l        *tagList
	prefixes map[string]string
	index    map[string]int    // group:name -> index in l.tags, to append list items
	owner    map[string]*xnode // group:name -> the list whose items it holds
}

func (x *xmpFlat) group(space string) string {
	if p, ok := xmpPrefixes[space]; ok {
		return "XMP-" + p
	}
	if p, ok := x.prefixes[space]; ok {
		return "XMP-" + p
	}
	return "XMP-" + space
}

// emit adds a value to group:name. The items of one list (owner) are
// joined; otherwise the first value of a property counts (packets and
// descriptions may repeat one).
func (x *xmpFlat) emit(group, name, value string, owner *xnode) {
	prefix := strings.TrimPrefix(group, "XMP-")
	if n, ok := xmpRenames[prefix+":"+name]; ok {
		name = n
	}
	key := group + ":" + name
	if i, ok := x.index[key]; ok {
		if owner != nil && x.owner[key] == owner {
			v, _ := xmpValue(prefix, name, value)
			x.l.tags[i].Value += ", " + v
		}
		return
	}
	x.index[key] = len(x.l.tags)
	x.owner[key] = owner
	t := Tag{Group: group, Name: name, Value: value}
	t.Value, t.Note = xmpValue(prefix, name, value)
	if owner != nil {
		t.Note = "" // the note of one item of a list
	}
	x.l.tags = append(x.l.tags, t)
}

// walk finds the rdf:Description elements and x:xmptk.
func (x *xmpFlat) walk(n *xnode) {
	if n.name.Space == nsX && (n.name.Local == "xmpmeta" || n.name.Local == "xapmeta") {
		for _, a := range n.attrs {
			if a.Name.Local == "xmptk" || a.Name.Local == "xaptk" {
				x.emit("XMP-x", "XMPToolkit", a.Value, nil)
			}
		}
	}
	if n.name.Space == nsRDF && n.name.Local == "Description" {
		x.description(n)
		return
	}
	for _, k := range n.kids {
		x.walk(k)
	}
}

// description lists the properties of a top-level rdf:Description.
func (x *xmpFlat) description(n *xnode) {
	for _, a := range n.attrs {
		switch {
		case (a.Name.Space == nsRDF || a.Name.Space == "") && a.Name.Local == "about":
			if strings.TrimSpace(a.Value) != "" {
				x.emit("XMP-rdf", "About", a.Value, nil)
			}
		case a.Name.Space == nsRDF, a.Name.Space == nsXMLURI, a.Name.Space == "xml":
		default:
			x.emit(x.group(a.Name.Space), ucFirst(a.Name.Local), a.Value, nil)
		}
	}
	for _, k := range n.kids {
		x.property(x.group(k.name.Space), ucFirst(k.name.Local), k, nil)
	}
}

// property lists one property (or structure field) named name.
func (x *xmpFlat) property(group, name string, n *xnode, owner *xnode) {
	var fields []xml.Attr
	resource := false
	for _, a := range n.attrs {
		switch {
		case a.Name.Space == nsRDF && a.Name.Local == "resource":
			x.emit(group, name, a.Value, owner)
			return
		case a.Name.Space == nsRDF && a.Name.Local == "parseType" && a.Value == "Resource":
			resource = true
		case a.Name.Space == nsRDF, a.Name.Space == nsXMLURI, a.Name.Space == "xml":
		default:
			fields = append(fields, a)
		}
	}
	for _, a := range fields { // shorthand structure
		x.emit(group, name+ucFirst(a.Name.Local), a.Value, owner)
	}
	if resource {
		x.fields(group, name, n.kids, owner)
		return
	}
	for _, k := range n.kids {
		if k.name.Space != nsRDF {
			continue
		}
		switch k.name.Local {
		case "Bag", "Seq", "Alt":
			x.list(group, name, k)
			return
		case "Description":
			x.structure(group, name, k, owner)
			return
		}
	}
	if len(n.kids) > 0 { // a structure without rdf:parseType
		x.fields(group, name, n.kids, owner)
		return
	}
	if len(fields) == 0 {
		x.emit(group, name, strings.TrimSpace(n.text.String()), owner)
	}
}

// structure lists the fields of an rdf:Description inside a property.
func (x *xmpFlat) structure(group, name string, d *xnode, owner *xnode) {
	for _, a := range d.attrs {
		if a.Name.Space != nsRDF && a.Name.Space != nsXMLURI && a.Name.Space != "xml" {
			x.emit(group, name+ucFirst(a.Name.Local), a.Value, owner)
		}
	}
	x.fields(group, name, d.kids, owner)
}

func (x *xmpFlat) fields(group, name string, kids []*xnode, owner *xnode) {
	for _, k := range kids {
		x.property(group, name+ucFirst(k.name.Local), k, owner)
	}
}

// list lists the items of an rdf:Bag, Seq or Alt.
func (x *xmpFlat) list(group, name string, l *xnode) {
	for _, li := range l.kids {
		lang := ""
		for _, a := range li.attrs {
			if a.Name.Local == "lang" && (a.Name.Space == nsXMLURI || a.Name.Space == "xml") {
				lang = a.Value
			}
		}
		if l.name.Local == "Alt" && lang != "" && lang != "x-default" {
			x.property(group, name+"-"+lang, li, l)
			continue
		}
		x.property(group, name, li, l)
	}
}

// ucFirst capitalises the first letter, as ExifTool names XMP properties.
func ucFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
