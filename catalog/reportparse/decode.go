package reportparse

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// magics are signatures of common binary files, to name them in errors.
var magics = []struct {
	sig  string
	name string
}{
	{"\xFF\xD8\xFF", "a JPEG image"},
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"GIF8", "a GIF image"},
	{"II*\x00", "a TIFF image"},
	{"MM\x00*", "a TIFF image"},
	{"RIFF", "a RIFF (WebP, WAV or AVI) file"},
	{"PK\x03\x04", "a ZIP archive (perhaps a .docx or .odt: export it to PDF)"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Office document (export it to PDF)"},
	{"\x1F\x8B", "a gzip archive"},
	{"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"},
	{"Rar!", "a RAR archive"},
	{"\x7FELF", "a program"},
	{"MZ", "a Windows program"},
	{"{\\rtf", "an RTF document (export it to PDF)"},
}

// binaryKind returns a description of data when it is not text, else "".
// Text in UTF-16 has NUL bytes and is recognised by its byte order mark or
// by NULs at every other byte.
func binaryKind(data []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m.sig)) {
			return "it is " + m.name
		}
	}
	if _, ok := utf16Order(data); ok {
		return ""
	}
	sample := data
	if len(sample) > 8192 {
		sample = sample[:8192]
	}
	ctrl := 0
	for _, c := range sample {
		if c == 0 {
			return "it is a binary file (it contains NUL bytes)"
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B {
			ctrl++
		}
	}
	if ctrl*20 > len(sample) {
		return "it is a binary file (it contains many control bytes)"
	}
	return ""
}

// utf16Order reports the byte order of UTF-16 text: by its byte order mark,
// or, without one, by NULs in every other byte of mostly-ASCII text.
func utf16Order(data []byte) (unicode.Endianness, bool) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		return unicode.LittleEndian, true
	}
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return unicode.BigEndian, true
	}
	n := len(data)
	if n > 4096 {
		n = 4096
	}
	if n < 4 || n%2 != 0 && n == len(data) {
		return unicode.BigEndian, false
	}
	var even, odd int
	for i := 0; i+1 < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 > pairs*9 && even == 0:
		return unicode.LittleEndian, true
	case even*10 > pairs*9 && odd == 0:
		return unicode.BigEndian, true
	}
	return unicode.BigEndian, false
}

// looksLikeHTML reports whether data starts like an HTML document.
func looksLikeHTML(data []byte) bool {
	head := data
	if len(head) > 2048 {
		head = head[:2048]
	}
	if o, ok := utf16Order(data); ok {
		d, _ := decodeWith(unicode.UTF16(o, unicode.IgnoreBOM), head)
		head = []byte(d)
	}
	s := strings.ToLower(strings.TrimLeft(strings.TrimPrefix(string(head), "\ufeff"), " \t\r\n"))
	if strings.HasPrefix(s, "<!doctype html") || strings.HasPrefix(s, "<html") {
		return true
	}
	if strings.HasPrefix(s, "<?xml") || strings.HasPrefix(s, "<!--") {
		return strings.Contains(s, "<html")
	}
	return strings.Contains(s, "<html") && strings.Contains(s, "<body") ||
		strings.Contains(s, "<head>") && strings.Contains(s, "</head>")
}

// decodeText turns the bytes of a text report into a string. UTF-8 (with or
// without a byte order mark) and UTF-16 with a byte order mark (or clear
// NUL patterns) are decoded as such. Bytes that are not UTF-8 are taken as
// a legacy 8-bit encoding: for HTML the declared <meta charset>; otherwise
// Windows-1256 (Arabic) when the high bytes mostly come in runs, as the
// letters of Arabic words do, else Windows-1252 (Latin-1), where accented
// letters stand alone between ASCII letters. Text that is mostly valid
// UTF-8 (more than four valid multi-byte sequences for each invalid byte)
// with some invalid bytes is refused rather than guessed.
func decodeText(data []byte, isHTML bool) (text, enc string, err error) {
	if o, ok := utf16Order(data); ok {
		name := "utf-16le"
		if o == unicode.BigEndian {
			name = "utf-16be"
		}
		s, err := decodeWith(unicode.UTF16(o, unicode.ExpectBOM), data)
		if err != nil {
			s, err = decodeWith(unicode.UTF16(o, unicode.IgnoreBOM), data)
		}
		if err != nil {
			return "", "", fmt.Errorf("invalid %s: %v", name, err)
		}
		return strings.TrimPrefix(s, "\ufeff"), name, nil
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if utf8.Valid(data) {
		return string(data), "utf-8", nil
	}
	bad, invalid, multi := -1, 0, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			if bad < 0 {
				bad = i
			}
			invalid++
		} else if size > 1 {
			multi++
		}
		i += size
	}
	// Legacy 8-bit text forms valid UTF-8 sequences only by chance (a
	// letter then "»"); UTF-8 text with stray bytes has far more valid
	// sequences than invalid ones.
	if multi > 4*invalid {
		return "", "", fmt.Errorf("invalid UTF-8 (byte 0x%02X at offset %d) in text that is otherwise UTF-8; save it again as UTF-8", data[bad], bad)
	}
	if isHTML {
		if e, name, _ := charset.DetermineEncoding(data, "text/html"); name != "" && name != "utf-8" && name != "windows-1252" {
			if s, err := decodeWith(e, data); err == nil {
				return s, name, nil
			}
		}
	}
	e, name := charmap.Windows1252, "windows-1252"
	if highBytesInRuns(data) {
		e, name = charmap.Windows1256, "windows-1256"
	}
	s, err := decodeWith(e, data)
	if err != nil {
		return "", "", fmt.Errorf("decode as %s: %v", name, err)
	}
	return s, name, nil
}

// highBytesInRuns reports whether most bytes >= 0x80 are next to another
// such byte, as in Arabic words in a single-byte code page.
func highBytesInRuns(data []byte) bool {
	high, inRun := 0, 0
	for i, c := range data {
		if c < 0x80 {
			continue
		}
		high++
		if i > 0 && data[i-1] >= 0x80 || i+1 < len(data) && data[i+1] >= 0x80 {
			inRun++
		}
	}
	return high > 0 && inRun*2 > high
}

func decodeWith(e encoding.Encoding, data []byte) (string, error) {
	out, err := e.NewDecoder().Bytes(data)
	return string(out), err
}
