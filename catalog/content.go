package catalog

import (
	"bytes"
	"strings"
)

// rawPhoto begins the description of camera raw files that are not TIFF
// inside (those are read as TIFF): photos, so a failure, not a skip.
const rawPhoto = "a camera raw photo, which Exhibit cannot read yet"

// contentMagics name common files that are not images, by their first
// bytes, for the message that says why a file was left out.
var contentMagics = []struct{ sig, name string }{
	{"%PDF-", "a PDF document"},
	{"PK\x03\x04", "a ZIP archive (or an Office document)"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Office document"},
	{"\x1F\x8B", "a gzip archive"},
	{"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"},
	{"Rar!", "a RAR archive"},
	{"\x1A\x45\xDF\xA3", "a Matroska or WebM video"},
	{"OggS", "Ogg audio or video"},
	{"ID3", "MP3 audio"},
	{"fLaC", "FLAC audio"},
	{"FUJIFILMCCD-RAW", rawPhoto + " (Fujifilm RAF)"},
	{"\x7FELF", "a program"},
	{"MZ", "a Windows program"},
	{"8BPS", "a Photoshop document"},
	{"SQLite format 3\x00", "an SQLite database"},
}

// describeContent names what a file that is not an image seems to hold:
// "a QuickTime video (MOV)", "a PDF document", "text", ...
func describeContent(data []byte) string {
	head := data[:min(len(data), 512)]
	if len(head) >= 12 && string(head[4:8]) == "ftyp" {
		switch brand := string(head[8:12]); {
		case brand == "qt  ":
			return "a QuickTime video (MOV)"
		case brand == "crx ":
			return rawPhoto + " (Canon CR3)"
		case brand[:2] == "3g":
			return "a 3GP video"
		case brand == "M4A " || brand == "M4B ":
			return "MPEG-4 audio"
		default:
			return "an MP4 video or other ISO media file, brand " + strings.TrimSpace(brand)
		}
	}
	if len(head) >= 12 && string(head[:4]) == "RIFF" {
		switch string(head[8:12]) {
		case "AVI ":
			return "an AVI video"
		case "WAVE":
			return "WAV audio"
		}
	}
	for _, m := range contentMagics {
		if bytes.HasPrefix(head, []byte(m.sig)) {
			return m.name
		}
	}
	if isText(head) {
		return "text"
	}
	return "unrecognised data"
}
