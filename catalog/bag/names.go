package bag

import (
	"strings"
	"unicode/utf8"
)

// maxName is the longest file name (in bytes) the bag gives a file, well
// under the 255 most file systems allow.
const maxName = 160

// safeName returns name fit for any file system the bag may be copied to:
// control characters (line breaks included) and / \ : * ? " < > | become
// "_", trailing dots and spaces go, and a long name is cut (its extension
// kept).
func safeName(name string) string {
	name = strings.ToValidUTF8(name, "_")
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, name)
	name = strings.TrimRight(name, ". ")
	if name == "" {
		return "file"
	}
	if len(name) > maxName {
		ext := ""
		if i := strings.LastIndexByte(name, '.'); i > 0 && len(name)-i <= 16 {
			ext = name[i:]
		}
		cut := maxName - len(ext)
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name = name[:cut] + ext
	}
	return name
}

// pathEncoder and pathDecoder percent-encode, in manifests, the only
// characters RFC 8493 (2.1.3) says must be: CR, LF and %.
var (
	pathEncoder = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	pathDecoder = strings.NewReplacer("%25", "%", "%0D", "\r", "%0d", "\r", "%0A", "\n", "%0a", "\n")
)

// EncodePath returns a file path as a manifest line writes it.
func EncodePath(p string) string { return pathEncoder.Replace(p) }

// DecodePath returns the file path a manifest line names.
func DecodePath(p string) string { return pathDecoder.Replace(p) }
