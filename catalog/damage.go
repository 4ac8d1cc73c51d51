package catalog

import "strings"

// Damage says how the image's file is damaged, when its pixels were
// decoded despite damage (a JPEG cut short, stray bytes, a bad PNG
// checksum): what the decoder said, as the import recorded it first in
// MetaNote. "" for a file decoded whole.
func (im *Image) Damage() string {
	const mark = "damaged: "
	if !strings.HasPrefix(im.MetaNote, mark) {
		return ""
	}
	return strings.TrimPrefix(im.MetaNote, mark)
}
