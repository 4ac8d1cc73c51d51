package catalog

import (
	"context"
	"fmt"
	"strings"
)

// wholeCase are the actions whose entries record every row of the case
// (or rows they did not write): they say nothing of who wrote a row.
var wholeCase = map[string]bool{"chain.start": true, "schema.migrate": true, "hub.join": true, "sync.merge": true}

// Authors returns, for each row named ("notes/12"), who added it: the
// actor of the first entry that recorded it ("user@computer, program").
// In a team case this tells the investigators apart; a row the record
// knows only from the chain's start has no author ("").
func (c *Case) Authors(ctx context.Context, refs []string) (map[string]string, error) {
	out := make(map[string]string, len(refs))
	for start := 0; start < len(refs); start += 500 {
		chunk := refs[start:min(start+500, len(refs))]
		args := make([]any, len(chunk))
		for i, r := range chunk {
			args[i] = r
		}
		rows, err := c.rd.QueryContext(ctx, `SELECT r.ref, a.actor, a.action FROM audit_rows r JOIN audit a ON a.id = r.entry_id
			WHERE r.ref IN (?`+strings.Repeat(",?", len(chunk)-1)+`) ORDER BY a.id`, args...)
		if err != nil {
			return nil, fmt.Errorf("read who wrote what: %w", err)
		}
		for rows.Next() {
			var ref, actor, action string
			if err := rows.Scan(&ref, &actor, &action); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read who wrote what: %w", err)
			}
			if _, done := out[ref]; !done && !wholeCase[action] {
				out[ref] = actor
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read who wrote what: %w", err)
		}
	}
	return out, nil
}

// fillNoteAuthors sets the Author of each note.
func (c *Case) fillNoteAuthors(ctx context.Context, ns []*Note) error {
	refs := make([]string, len(ns))
	for i, n := range ns {
		refs[i] = rowRef("notes", n.ID)
	}
	a, err := c.Authors(ctx, refs)
	if err != nil {
		return err
	}
	for i, n := range ns {
		n.Author = a[refs[i]]
	}
	return nil
}
