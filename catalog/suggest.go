package catalog

import (
	"context"
	"fmt"

	"github.com/exhibit-app/exhibit/catalog/reportparse"
)

// Suggestion is an excerpt that mentions an image's capture date.
type Suggestion struct {
	Excerpt *Excerpt
	// Matches are the written forms of the date found in it.
	Matches []string
	// Linked is set when the image is already linked to the excerpt.
	Linked bool
}

// Suggest lists the excerpts that mention the image's capture date (camera
// clock) in any common written form: "17 October 2017", "October 17,
// 2017", "17/10/2017", "2017-10-17", Arabic month names and digits.
func (c *Case) Suggest(ctx context.Context, imageID int64) ([]*Suggestion, error) {
	im, err := c.Image(ctx, imageID)
	if err != nil {
		return nil, fmt.Errorf("suggest: %w", err)
	}
	if im.TakenAt == nil {
		return nil, fmt.Errorf("suggest for image %d: it has no capture time", imageID)
	}
	linked := map[int64]bool{}
	ls, err := c.Links(ctx, imageID)
	if err != nil {
		return nil, err
	}
	for _, l := range ls {
		linked[l.Excerpt.ID] = true
	}
	rows, err := c.rd.QueryContext(ctx, `SELECT `+excerptColumns+` FROM excerpts e JOIN reports r ON r.id = e.report_id
		WHERE e.gone_at IS NULL ORDER BY r.id, e.paragraph`)
	if err != nil {
		return nil, fmt.Errorf("suggest for image %d: %w", imageID, err)
	}
	defer rows.Close()
	var out []*Suggestion
	for rows.Next() {
		e, err := scanExcerpt(rows)
		if err != nil {
			return nil, err
		}
		if ok, m := reportparse.MentionsDate(e.Text, *im.TakenAt); ok {
			out = append(out, &Suggestion{Excerpt: e, Matches: m, Linked: linked[e.ID]})
		}
	}
	return out, rows.Err()
}
