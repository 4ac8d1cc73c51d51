package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Report is a document imported into the case: its current version and
// how to cite it.
type Report struct {
	ID        int64
	Title     string
	Date      string // as given (2017-10-20), may be ""
	Source    string // URL or description, never fetched
	Format    string // text, markdown, html, pdf, image (a picture of a document, read by OCR)
	SHA256    string // of the current version's file
	Path      string // where the current version was imported from
	Pages     int    // PDF pages; 0 for other formats
	AddedAt   time.Time
	UpdatedAt time.Time
	Excerpts  int // current excerpts
}

// Excerpt is a citable paragraph of a report.
type Excerpt struct {
	ID          int64
	ReportID    int64
	ReportTitle string
	// Page and PageEnd are the first and last PDF page (from 1); 0 for
	// reports without pages.
	Page, PageEnd int
	PageLabel     string
	Paragraph     int
	Heading       string
	Text          string
	TextHash      string
	// Gone is set when a later version of the report no longer has this
	// excerpt: it is kept, with its links, and flagged.
	Gone bool
	// Revised is set when a later version corrected its text.
	Revised bool
	// OCR is set when the text was read by OCR (a scanned page, a
	// photographed document); OCRConfidence is then Tesseract's mean
	// confidence in its words, 0 to 100.
	OCR           bool
	OCRConfidence float64
}

// Citation returns how to cite the excerpt: "Title, p. 14, ¶ 3" (pp. 14–15
// for a paragraph across pages).
func (e *Excerpt) Citation() string {
	var b strings.Builder
	b.WriteString(e.ReportTitle)
	switch {
	case e.Page > 0 && e.PageEnd > e.Page:
		fmt.Fprintf(&b, ", pp. %d–%d", e.Page, e.PageEnd)
	case e.Page > 0:
		fmt.Fprintf(&b, ", p. %d", e.Page)
	}
	if e.PageLabel != "" && e.PageLabel != strconv.Itoa(e.Page) {
		fmt.Fprintf(&b, " (printed %s)", e.PageLabel)
	}
	fmt.Fprintf(&b, ", ¶ %d", e.Paragraph)
	if e.Gone {
		b.WriteString(" [no longer in the current version]")
	}
	return b.String()
}

// ReportOptions describe a report being imported.
type ReportOptions struct {
	Title  string // default: the document's own title, else the file name
	Date   string
	Source string
	// Replace names the report this file is a new version of. Without it, a
	// file imported from the same path as an existing report is taken as
	// its new version.
	Replace int64
	// OCR says how the pages of a PDF that have no text layer, and
	// pictures of documents, are read.
	OCR OCROptions
}

// ReportImport says what importing a report did.
type ReportImport struct {
	Report *Report
	// Excerpts is how many excerpts the imported version has.
	Excerpts int
	// For a new version of a known report: excerpts found again by their
	// text (Kept), found again with corrected text (Revised), new (Added),
	// and no longer there (Gone: flagged, kept with their links).
	Kept, Revised, Added, Gone int
	// Unchanged is set when this very file was imported before: nothing
	// was done.
	Unchanged  bool
	NewVersion bool
	Warnings   []string
	// OCRPages are the pages read by OCR (a picture is page 1), OCRLangs
	// the languages read, OCRConfidence the mean confidence of every word
	// read (0 to 100).
	OCRPages      []int
	OCRLangs      string
	OCRConfidence float64
}

const excerptColumns = `e.id, e.report_id, r.title, e.page, e.page_end, e.page_label, e.paragraph, e.heading,
	e.text, e.text_hash, e.gone_at IS NOT NULL, e.revised_at IS NOT NULL, e.ocr, e.ocr_confidence`

// excerptRow receives the columns of excerptColumns.
type excerptRow struct {
	e             Excerpt
	page, pageEnd sql.NullInt64
	ocrConf       sql.NullFloat64
}

// dest returns the scan destinations of excerptColumns, in order.
func (r *excerptRow) dest() []any {
	e := &r.e
	return []any{&e.ID, &e.ReportID, &e.ReportTitle, &r.page, &r.pageEnd, &e.PageLabel, &e.Paragraph,
		&e.Heading, &e.Text, &e.TextHash, &e.Gone, &e.Revised, &e.OCR, &r.ocrConf}
}

// excerpt returns the scanned excerpt.
func (r *excerptRow) excerpt() *Excerpt {
	r.e.Page, r.e.PageEnd = int(r.page.Int64), int(r.pageEnd.Int64)
	r.e.OCRConfidence = r.ocrConf.Float64
	return &r.e
}

// scanExcerpt reads one row of excerptColumns.
func scanExcerpt(row interface{ Scan(...any) error }) (*Excerpt, error) {
	var r excerptRow
	err := row.Scan(r.dest()...)
	return r.excerpt(), err
}

// Reports returns the case's reports, oldest first.
func (c *Case) Reports(ctx context.Context) ([]*Report, error) {
	return c.queryReports(ctx, "")
}

// Report returns one report.
func (c *Case) Report(ctx context.Context, id int64) (*Report, error) {
	rs, err := c.queryReports(ctx, "WHERE r.id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("report %d: %w", id, ErrNotFound)
	}
	return rs[0], nil
}

// FindReport finds a report by id or by a SHA-256 prefix (6 hex digits
// or more) of any of its versions.
func (c *Case) FindReport(ctx context.Context, ref string) (*Report, error) {
	ref = strings.TrimSpace(ref)
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil && len(ref) < 6 {
		return c.Report(ctx, id)
	}
	if hexPrefix.MatchString(ref) {
		var id int64
		err := c.rd.QueryRowContext(ctx, `SELECT report_id FROM report_versions WHERE sha256 >= ? AND sha256 < ? ORDER BY id DESC LIMIT 1`,
			strings.ToLower(ref), strings.ToLower(ref)+"g").Scan(&id)
		switch {
		case err == nil:
			return c.Report(ctx, id)
		case !errors.Is(err, sql.ErrNoRows):
			return nil, fmt.Errorf("find report %s: %w", ref, err)
		}
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return c.Report(ctx, id)
	}
	return nil, fmt.Errorf("no report %q in the case (give its id): %w", ref, ErrNotFound)
}

func (c *Case) queryReports(ctx context.Context, where string, args ...any) ([]*Report, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT r.id, r.title, r.date, r.source, r.format, r.sha256, r.path, r.pages,
		r.added_at, r.updated_at, (SELECT count(*) FROM excerpts e WHERE e.report_id = r.id AND e.gone_at IS NULL)
		FROM reports r `+where+` ORDER BY r.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	defer rows.Close()
	var out []*Report
	for rows.Next() {
		var r Report
		var added, updated string
		if err := rows.Scan(&r.ID, &r.Title, &r.Date, &r.Source, &r.Format, &r.SHA256, &r.Path, &r.Pages,
			&added, &updated, &r.Excerpts); err != nil {
			return nil, fmt.Errorf("list reports: %w", err)
		}
		r.AddedAt, r.UpdatedAt = parseTimestamp(added), parseTimestamp(updated)
		out = append(out, &r)
	}
	return out, rows.Err()
}

// Excerpts returns a report's excerpts in order; withGone adds those no
// longer in its current version (flagged Gone).
func (c *Case) Excerpts(ctx context.Context, reportID int64, withGone bool) ([]*Excerpt, error) {
	q := `SELECT ` + excerptColumns + ` FROM excerpts e JOIN reports r ON r.id = e.report_id WHERE e.report_id = ?`
	if !withGone {
		q += ` AND e.gone_at IS NULL`
	}
	rows, err := c.rd.QueryContext(ctx, q+` ORDER BY e.gone_at IS NOT NULL, e.paragraph, e.id`, reportID)
	if err != nil {
		return nil, fmt.Errorf("excerpts of report %d: %w", reportID, err)
	}
	defer rows.Close()
	var out []*Excerpt
	for rows.Next() {
		e, err := scanExcerpt(rows)
		if err != nil {
			return nil, fmt.Errorf("excerpts of report %d: %w", reportID, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Excerpt returns one excerpt.
func (c *Case) Excerpt(ctx context.Context, id int64) (*Excerpt, error) {
	e, err := scanExcerpt(c.rd.QueryRowContext(ctx, `SELECT `+excerptColumns+` FROM excerpts e JOIN reports r ON r.id = e.report_id WHERE e.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("excerpt %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("excerpt %d: %w", id, err)
	}
	return e, nil
}

// defaultTitle is a report's title when neither the user nor the document
// gives one: its file name without extension.
func defaultTitle(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}
