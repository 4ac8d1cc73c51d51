package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/exhibit-app/exhibit/catalog/ocr"
	"github.com/exhibit-app/exhibit/catalog/reportparse"
)

// revisedThreshold is how alike (word overlap, 0..1) a paragraph of a new
// version must be to one that disappeared for it to be taken as the same
// excerpt with corrected text, keeping its id, citation history and links.
const revisedThreshold = 0.7

// AddReport imports the report at path (plain text, Markdown, HTML, PDF,
// or a picture of a document) and splits it into excerpts. It is all or
// nothing: a report that cannot be read, or an import cancelled, adds
// nothing to the case.
//
// The pages of a PDF that have no text layer (scans), and a picture, are
// read by OCR (opt.OCR), before anything is stored: their excerpts are
// flagged OCR, with Tesseract's confidence and their words' boxes. A PDF
// that has text on other pages is imported without its scans when
// Tesseract is missing, with a warning; one without text is refused.
//
// A file already imported is not imported twice. A new version of a known
// report (opt.Replace, or the same path) keeps the ids, and so the links, of
// the excerpts it still has (found by the hash of their normalised text, or,
// for a corrected paragraph, by their likeness); excerpts it no longer has
// are flagged, never dropped with their links.
func (c *Case) AddReport(ctx context.Context, path string, opt ReportOptions) (*ReportImport, error) {
	abs := absPath(path)
	fail := func(err error) (*ReportImport, error) {
		if strings.Contains(err.Error(), abs) {
			return nil, fmt.Errorf("add report: %w", err) // the parser names the file already
		}
		return nil, fmt.Errorf("add report %s: %w", abs, err)
	}
	sha, err := hashFile(abs)
	if err != nil {
		return fail(unwrapPathError(err))
	}
	var known int64
	err = c.rd.QueryRowContext(ctx, `SELECT report_id FROM report_versions WHERE sha256 = ? ORDER BY id DESC LIMIT 1`, sha).Scan(&known)
	if err == nil {
		r, err := c.Report(ctx, known)
		if err != nil {
			return nil, err
		}
		return &ReportImport{Report: r, Excerpts: r.Excerpts, Unchanged: true}, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fail(err)
	}
	target := opt.Replace
	if target == 0 {
		// Same path as a known report: its new version.
		err := c.rd.QueryRowContext(ctx, `SELECT id FROM reports WHERE path = ? ORDER BY id DESC LIMIT 1`, abs).Scan(&target)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fail(err)
		}
	} else if _, err := c.Report(ctx, target); err != nil {
		return fail(err)
	}

	sc, err := readScans(ctx, abs, opt.OCR)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return fail(err)
	}
	res := &ReportImport{NewVersion: target != 0}
	err = c.write(ctx, func(tx *sql.Tx) error {
		// Checked again inside the transaction: another import of the same
		// file may have finished meanwhile.
		if err := tx.QueryRowContext(ctx, `SELECT report_id FROM report_versions WHERE sha256 = ? LIMIT 1`, sha).Scan(&known); err == nil {
			return errAlreadyImported
		}
		imp := &reportImporter{c: c, tx: tx, ctx: ctx, res: res, reportID: target, scans: sc}
		return imp.run(abs, sha, opt)
	})
	if errors.Is(err, errAlreadyImported) {
		r, err := c.Report(ctx, known)
		if err != nil {
			return nil, err
		}
		return &ReportImport{Report: r, Excerpts: r.Excerpts, Unchanged: true}, nil
	}
	if err != nil {
		return fail(err)
	}
	r, err := c.Report(ctx, res.Report.ID)
	if err != nil {
		return nil, err
	}
	res.Report = r
	return res, nil
}

// errAlreadyImported rolls back an import of a file another import has
// just stored.
var errAlreadyImported = errors.New("this file was imported already")

// reportImporter imports one file inside one transaction.
type reportImporter struct {
	c        *Case
	tx       *sql.Tx
	ctx      context.Context
	res      *ReportImport
	reportID int64  // 0: a new report
	scans    *scans // read by OCR before the transaction
	version  int64
	now      string

	// old excerpts of the report by text hash, in paragraph order, not yet
	// found again in the new version.
	old map[string][]int64
	// oldOrder is every old excerpt, in the order loadOld read them.
	oldOrder []int64
	// added are the excerpts inserted for this version.
	added []int64
	// revised are the old excerpts matched to a corrected paragraph.
	revised map[int64]bool
}

func (ri *reportImporter) run(path, sha string, opt ReportOptions) error {
	ctx, tx := ri.ctx, ri.tx
	ri.now = timestamp(ri.c.now())
	if ri.reportID == 0 {
		r, err := ri.c.insertRow(ctx, tx, `INSERT INTO reports(title, date, source, format, sha256, path, added_at, updated_at)
			VALUES('', ?, ?, '', ?, ?, ?, ?)`, opt.Date, opt.Source, sha, path, ri.now, ri.now)
		if err != nil {
			return err
		}
		ri.reportID, _ = r.LastInsertId()
	} else if err := ri.loadOld(); err != nil {
		return err
	}
	r, err := ri.c.insertRow(ctx, tx, `INSERT INTO report_versions(report_id, sha256, path, imported_at, excerpts) VALUES(?,?,?,?,0)`,
		ri.reportID, sha, path, ri.now)
	if err != nil {
		return err
	}
	ri.version, _ = r.LastInsertId()

	info, err := ri.parse(path)
	if err != nil {
		return err
	}
	if err := ri.matchRevised(); err != nil {
		return err
	}
	if err := ri.markGone(); err != nil {
		return err
	}

	title := opt.Title
	if title == "" {
		var cur string
		if err := tx.QueryRowContext(ctx, `SELECT title FROM reports WHERE id=?`, ri.reportID).Scan(&cur); err != nil {
			return err
		}
		title = firstNonEmpty(cur, info.Title, defaultTitle(path))
	}
	sets := []string{"title=?", "format=?", "sha256=?", "path=?", "pages=?", "updated_at=?"}
	args := []any{title, info.Format, sha, path, info.Pages, ri.now}
	if opt.Date != "" {
		sets, args = append(sets, "date=?"), append(args, opt.Date)
	}
	if opt.Source != "" {
		sets, args = append(sets, "source=?"), append(args, opt.Source)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE reports SET `+strings.Join(sets, ", ")+` WHERE id=?`, append(args, ri.reportID)...); err != nil {
		return err
	}
	res := ri.res
	if _, err := tx.ExecContext(ctx, `UPDATE report_versions SET excerpts=?, kept=?, revised=?, added=?, gone=? WHERE id=?`,
		res.Excerpts, res.Kept, res.Revised, res.Added, res.Gone, ri.version); err != nil {
		return err
	}
	action := "report.add"
	if res.NewVersion {
		action = "report.version"
	}
	res.Report = &Report{ID: ri.reportID}
	details := map[string]any{
		"path": path, "sha256": sha, "title": title, "format": info.Format, "excerpts": res.Excerpts,
		"kept": res.Kept, "revised": res.Revised, "added": res.Added, "gone": res.Gone,
	}
	if len(res.OCRPages) > 0 {
		details["ocr_pages"], details["ocr_langs"] = res.OCRPages, res.OCRLangs
	}
	return ri.c.audit(ctx, tx, action, fmt.Sprintf("report:%d", ri.reportID), details)
}

// loadOld reads the hashes of the report's excerpts, for finding them again.
func (ri *reportImporter) loadOld() error {
	rows, err := ri.tx.QueryContext(ri.ctx, `SELECT id, text_hash FROM excerpts WHERE report_id=? ORDER BY gone_at IS NOT NULL, paragraph, id`, ri.reportID)
	if err != nil {
		return err
	}
	defer rows.Close()
	ri.old = map[string][]int64{}
	for rows.Next() {
		var id int64
		var h string
		if err := rows.Scan(&id, &h); err != nil {
			return err
		}
		ri.old[h] = append(ri.old[h], id)
		ri.oldOrder = append(ri.oldOrder, id)
	}
	return rows.Err()
}

// block stores one paragraph of the new version: the same excerpt as
// before when its text is known, else a new one.
func (ri *reportImporter) block(b reportparse.Block, o *ocr.Block) error {
	ctx, tx := ri.ctx, ri.tx
	ri.res.Excerpts++
	hash := reportparse.TextHash(b.Text)
	page, pageEnd := nullPage(b.Page), nullPage(b.PageEnd)
	isOCR, conf, boxes, pageBoxes := 0, any(nil), any(nil), encodePageBoxes(b.Boxes)
	if o != nil {
		isOCR, conf, boxes, pageBoxes = 1, o.Conf, encodeBoxes(o.Words), encodePageBoxes(ocrPageBoxes(o))
	}
	if ids := ri.old[hash]; len(ids) > 0 {
		id := ids[0]
		ri.old[hash] = ids[1:]
		ri.res.Kept++
		if err := ri.history(id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE excerpts SET page=?, page_end=?, page_label=?, paragraph=?, heading=?, text=?, gone_at=NULL,
			ocr=?, ocr_confidence=?, ocr_boxes=? WHERE id=?`,
			page, pageEnd, b.PageLabel, b.Paragraph, b.Heading, b.Text, isOCR, conf, boxes, id)
		if err != nil {
			return err
		}
		return ri.setBoxes(id, pageBoxes)
	}
	r, err := ri.c.insertRow(ctx, tx, `INSERT INTO excerpts(report_id, page, page_end, page_label, paragraph, heading, text, text_hash, created_at,
		ocr, ocr_confidence, ocr_boxes) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)`,
		ri.reportID, page, pageEnd, b.PageLabel, b.Paragraph, b.Heading, b.Text, hash, ri.now, isOCR, conf, boxes)
	if err != nil {
		return err
	}
	id, _ := r.LastInsertId()
	if _, err := tx.ExecContext(ctx, `INSERT INTO excerpts_fts(rowid, body) VALUES(?, ?)`, id, ftsBody(b.Text)); err != nil {
		return err
	}
	if err := ri.setBoxes(id, pageBoxes); err != nil {
		return err
	}
	ri.added = append(ri.added, id)
	ri.res.Added++
	return nil
}

// history records an excerpt's place and text before a new version changes
// them, when it changes them.
func (ri *reportImporter) history(id int64) error {
	_, err := ri.c.insertRow(ri.ctx, ri.tx, `INSERT INTO excerpt_history(excerpt_id, version_id, page, page_end, paragraph, text, changed_at)
		SELECT id, ?, page, page_end, paragraph, text, ? FROM excerpts WHERE id = ?`, ri.version, ri.now, id)
	return err
}

// left returns the old excerpts neither found again nor matched to a
// corrected paragraph, in paragraph order (as loadOld read them), so that
// what a new version does never depends on map order.
func (ri *reportImporter) left() []int64 {
	rest := map[int64]bool{}
	for _, ids := range ri.old {
		for _, id := range ids {
			rest[id] = !ri.revised[id]
		}
	}
	var out []int64
	for _, id := range ri.oldOrder {
		if rest[id] {
			out = append(out, id)
		}
	}
	return out
}

// matchRevised finds, among the excerpts of the old version not found
// again, those whose text was corrected: each, in paragraph order, is
// matched to the most alike new paragraph, which then takes the old
// excerpt's id (and links).
func (ri *reportImporter) matchRevised() error {
	lost := ri.left()
	if len(lost) == 0 || len(ri.added) == 0 {
		return nil
	}
	words := func(ids []int64) (map[int64]map[string]int, error) {
		m := map[int64]map[string]int{}
		for _, id := range ids {
			var t string
			if err := ri.tx.QueryRowContext(ri.ctx, `SELECT text FROM excerpts WHERE id=?`, id).Scan(&t); err != nil {
				return nil, err
			}
			m[id] = wordCounts(t)
		}
		return m, nil
	}
	oldWords, err := words(lost)
	if err != nil {
		return err
	}
	newWords, err := words(ri.added)
	if err != nil {
		return err
	}
	taken := map[int64]bool{}
	for _, o := range lost {
		best, bestSim := int64(0), revisedThreshold
		for _, n := range ri.added {
			if taken[n] {
				continue
			}
			if s := likeness(oldWords[o], newWords[n]); s >= bestSim {
				best, bestSim = n, s
			}
		}
		if best == 0 {
			continue
		}
		taken[best] = true
		if err := ri.revise(o, best); err != nil {
			return err
		}
	}
	return nil
}

// revise moves the new paragraph newID into the old excerpt oldID (keeping
// oldID and its links), recording the old text.
func (ri *reportImporter) revise(oldID, newID int64) error {
	ctx, tx := ri.ctx, ri.tx
	if err := ri.history(oldID); err != nil {
		return err
	}
	for _, q := range []string{
		`UPDATE excerpts SET (page, page_end, page_label, paragraph, heading, text, text_hash, ocr, ocr_confidence, ocr_boxes) =
			(SELECT page, page_end, page_label, paragraph, heading, text, text_hash, ocr, ocr_confidence, ocr_boxes FROM excerpts WHERE id = ?2),
			gone_at = NULL, revised_at = ?3 WHERE id = ?1`,
		`DELETE FROM excerpts_fts WHERE rowid = ?1`,
		`INSERT INTO excerpts_fts(rowid, body) SELECT ?1, body FROM excerpts_fts WHERE rowid = ?2`,
		`DELETE FROM excerpts_fts WHERE rowid = ?2`,
		`DELETE FROM excerpt_boxes WHERE excerpt_id = ?1`,
		`UPDATE excerpt_boxes SET excerpt_id = ?1 WHERE excerpt_id = ?2`,
		`DELETE FROM excerpts WHERE id = ?2`, // inserted by this very transaction
	} {
		if _, err := tx.ExecContext(ctx, q, oldID, newID, ri.now); err != nil {
			return err
		}
	}
	if ri.revised == nil {
		ri.revised = map[int64]bool{}
	}
	ri.revised[oldID] = true
	ri.res.Added--
	ri.res.Revised++
	return ri.c.audit(ctx, tx, "excerpt.revised", fmt.Sprintf("excerpt:%d", oldID), map[string]any{"version": ri.version})
}

// markGone flags the old excerpts the new version no longer has. They keep
// their links and stay searchable.
func (ri *reportImporter) markGone() error {
	for _, id := range ri.left() {
		r, err := ri.tx.ExecContext(ri.ctx, `UPDATE excerpts SET gone_at=? WHERE id=? AND gone_at IS NULL`, ri.now, id)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			continue // already gone from an earlier version
		}
		ri.res.Gone++
		if err := ri.c.audit(ri.ctx, ri.tx, "excerpt.gone", fmt.Sprintf("excerpt:%d", id), map[string]any{"version": ri.version}); err != nil {
			return err
		}
	}
	return nil
}

// wordCounts counts the normalised words of s.
func wordCounts(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.Fields(reportparse.Normalize(s)) {
		m[w]++
	}
	return m
}

// likeness is the overlap of two texts' word counts (Jaccard on multisets),
// 0..1.
func likeness(ca, cb map[string]int) float64 {
	inter, union := 0, 0
	for w, n := range ca {
		inter += min(n, cb[w])
		union += max(n, cb[w])
	}
	for w, n := range cb {
		if _, ok := ca[w]; !ok {
			union += n
		}
	}
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// ftsBody is what the full-text index holds for a paragraph: its
// normalised text.
func ftsBody(text string) string {
	return reportparse.Normalize(text)
}

func nullPage(p int) any {
	if p <= 0 {
		return nil
	}
	return p
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}
