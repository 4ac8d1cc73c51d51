package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Note is an investigator's note on an image.
type Note struct {
	ID        int64
	ImageID   int64
	Text      string
	CreatedAt time.Time
	// Author is who wrote it ("user@computer, program"; "" when unknown).
	Author string
}

// AddNote adds a note to an image.
func (c *Case) AddNote(ctx context.Context, imageID int64, text string) (int64, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, errors.New("add note: the note is empty")
	}
	if _, err := c.Image(ctx, imageID); err != nil {
		return 0, fmt.Errorf("add note: %w", err)
	}
	var id int64
	err := c.write(ctx, func(tx *sql.Tx) error {
		r, err := c.insertRow(ctx, tx, `INSERT INTO notes(image_id, text, created_at) VALUES(?,?,?)`, imageID, text, timestamp(c.now()))
		if err != nil {
			return err
		}
		id, _ = r.LastInsertId()
		if _, err := tx.ExecContext(ctx, `INSERT INTO notes_fts(rowid, body) VALUES(?,?)`, id, ftsBody(text)); err != nil {
			return err
		}
		return c.audit(ctx, tx, "note.add", imageObject(imageID), map[string]any{"note": id, "text": text})
	})
	if err != nil {
		return 0, fmt.Errorf("add note to image %d: %w", imageID, err)
	}
	return id, nil
}

// DeleteNote removes a note from view; it is kept, marked deleted, and its
// text stays in the audit trail.
func (c *Case) DeleteNote(ctx context.Context, noteID int64) error {
	err := c.write(ctx, func(tx *sql.Tx) error {
		var image int64
		var text string
		err := tx.QueryRowContext(ctx, `SELECT image_id, text FROM notes WHERE id=? AND deleted_at IS NULL`, noteID).Scan(&image, &text)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("no note %d: %w", noteID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE notes SET deleted_at=? WHERE id=?`, timestamp(c.now()), noteID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM notes_fts WHERE rowid=?`, noteID); err != nil {
			return err
		}
		return c.audit(ctx, tx, "note.delete", imageObject(image), map[string]any{"note": noteID, "text": text})
	})
	if err != nil {
		return fmt.Errorf("delete note %d: %w", noteID, err)
	}
	return nil
}

// Notes returns an image's notes, oldest first.
func (c *Case) Notes(ctx context.Context, imageID int64) ([]*Note, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT id, image_id, text, created_at FROM notes WHERE image_id=? AND deleted_at IS NULL ORDER BY id`, imageID)
	if err != nil {
		return nil, fmt.Errorf("notes of image %d: %w", imageID, err)
	}
	defer rows.Close()
	var out []*Note
	for rows.Next() {
		var n Note
		var at string
		if err := rows.Scan(&n.ID, &n.ImageID, &n.Text, &at); err != nil {
			return nil, err
		}
		n.CreatedAt = parseTimestamp(at)
		out = append(out, &n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if err := c.fillNoteAuthors(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// normalizeTag trims a tag and folds its case.
func normalizeTag(tag string) (string, error) {
	tag = strings.ToLower(strings.Join(strings.Fields(tag), " "))
	if tag == "" {
		return "", errors.New("the tag is empty")
	}
	if len(tag) > 100 {
		return "", errors.New("the tag is longer than 100 characters")
	}
	return tag, nil
}

// AddTag tags an image. Tagging twice with the same tag does nothing.
func (c *Case) AddTag(ctx context.Context, imageID int64, tag string) error {
	tag, err := normalizeTag(tag)
	if err != nil {
		return fmt.Errorf("tag image %d: %w", imageID, err)
	}
	if _, err := c.Image(ctx, imageID); err != nil {
		return fmt.Errorf("tag: %w", err)
	}
	err = c.write(ctx, func(tx *sql.Tx) error {
		r, err := c.insertRow(ctx, tx, `INSERT OR IGNORE INTO tags(image_id, tag, created_at) VALUES(?,?,?)`, imageID, tag, timestamp(c.now()))
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return nil
		}
		return c.audit(ctx, tx, "tag.add", imageObject(imageID), map[string]any{"tag": tag})
	})
	if err != nil {
		return fmt.Errorf("tag image %d: %w", imageID, err)
	}
	return nil
}

// RemoveTag removes a tag from an image (the audit trail keeps it).
func (c *Case) RemoveTag(ctx context.Context, imageID int64, tag string) error {
	tag, err := normalizeTag(tag)
	if err != nil {
		return fmt.Errorf("untag image %d: %w", imageID, err)
	}
	err = c.write(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE image_id=? AND tag=?`, imageID, tag)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return fmt.Errorf("image %d has no tag %q: %w", imageID, tag, ErrNotFound)
		}
		return c.audit(ctx, tx, "tag.remove", imageObject(imageID), map[string]any{"tag": tag})
	})
	if err != nil {
		return fmt.Errorf("untag image %d: %w", imageID, err)
	}
	return nil
}

// Tags returns an image's tags, sorted.
func (c *Case) Tags(ctx context.Context, imageID int64) ([]string, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT tag FROM tags WHERE image_id=? ORDER BY tag`, imageID)
	if err != nil {
		return nil, fmt.Errorf("tags of image %d: %w", imageID, err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// TagCount is a tag and how many images carry it.
type TagCount struct {
	Tag   string
	Count int
}

// AllTags returns every tag in the case with its count, by tag.
func (c *Case) AllTags(ctx context.Context) ([]TagCount, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT tag, count(*) FROM tags GROUP BY tag`)
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	defer rows.Close()
	var out []TagCount
	for rows.Next() {
		var t TagCount
		if err := rows.Scan(&t.Tag, &t.Count); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Tag < out[j].Tag })
	return out, rows.Err()
}
