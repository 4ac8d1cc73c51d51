package catalog

import "testing"

func TestDescribeContent(t *testing.T) {
	tests := []struct{ head, want string }{
		{"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00", "an MP4 video or other ISO media file, brand mp42"},
		{"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00", "a QuickTime video (MOV)"},
		{"\x00\x00\x00\x18ftyp3gp4\x00\x00\x00\x00", "a 3GP video"},
		{"\x00\x00\x00\x18ftypcrx \x00\x00\x00\x01", "a camera raw photo, which Exhibit cannot read yet (Canon CR3)"},
		{"FUJIFILMCCD-RAW 0201FF383501", "a camera raw photo, which Exhibit cannot read yet (Fujifilm RAF)"},
		{"RIFF\x10\x00\x00\x00AVI LIST", "an AVI video"},
		{"%PDF-1.7\n", "a PDF document"},
		{"\x1A\x45\xDF\xA3\x01", "a Matroska or WebM video"},
		{"Witness account, 17 October 2017.\n", "text"},
		{"\x00\x01\x02\x03", "unrecognised data"},
	}
	for _, tt := range tests {
		if got := describeContent([]byte(tt.head)); got != tt.want {
			t.Errorf("describeContent(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}
