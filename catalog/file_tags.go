package catalog

import (
	"context"
	"fmt"

	"github.com/exhibit-app/exhibit/catalog/meta"
)

// FileTag is one tag of an original as meta.ReadTags lists it: group and
// name as ExifTool -G1 gives them, the value as text and a note.
type FileTag = meta.Tag

// FileTags reads every metadata tag of an image from its original, at the
// time of asking: the original is read read-only and its SHA-256 checked
// (ReadOriginal: ErrChanged when no path holds the cataloged bytes), and the
// tags are listed by meta.ReadTags, behind a recover. A tag that cannot be
// read is listed with a note; path is the file the tags were read from.
func (c *Case) FileTags(ctx context.Context, im *Image) (tags []FileTag, path string, err error) {
	data, path, err := c.ReadOriginal(ctx, im)
	if err != nil {
		return nil, "", err
	}
	defer func() {
		if r := recover(); r != nil {
			tags, err = nil, fmt.Errorf("read the tags of %s: internal error: %v", path, r)
		}
	}()
	tags, err = meta.ReadTags(data)
	if err != nil {
		return nil, path, fmt.Errorf("read the tags of %s: %w", path, err)
	}
	return tags, path, nil
}
