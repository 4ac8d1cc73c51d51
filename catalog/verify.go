package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// The kinds of VerifyResult.
const (
	// VerifyOriginal is a location of an image: a path where an original
	// was cataloged, where it still is or where it was before its file
	// changed or disappeared.
	VerifyOriginal = "original"
	// VerifyReport is the file a report's current version was added from.
	VerifyReport = "report"
)

// The statuses of a VerifyResult.
const (
	VerifyOK         = "ok"
	VerifyChanged    = "changed"    // the path holds other bytes
	VerifyMissing    = "missing"    // no file at the path
	VerifyUnreadable = "unreadable" // a file that cannot be read (or is no regular file)
	// VerifyAccepted is a changed, missing or unreadable file whose state
	// an investigator accepted with a reason (see AcceptVerify).
	VerifyAccepted = "accepted"
)

// VerifyResult is what Verify found about one file.
type VerifyResult struct {
	Kind     string // VerifyOriginal or VerifyReport
	ImageID  int64  // VerifyOriginal: the image
	ReportID int64  // VerifyReport: the report
	SHA256   string // as cataloged
	Path     string
	Status   string // ok, changed, missing, unreadable, accepted
	Error    string // what is wrong, when Status is not ok
	// Found is what the check found (changed, missing, unreadable) when
	// Status is accepted, and Reason the investigator's explanation.
	Found, Reason string

	now        string // SHA-256 the path holds now; "" when none could be read
	locationID int64  // VerifyOriginal
}

// Bad reports whether r fails verification: changed, missing or
// unreadable, and not accepted.
func (r *VerifyResult) Bad() bool { return r.Status != VerifyOK && r.Status != VerifyAccepted }

// Verify re-reads every original and every report's file and checks its
// bytes against the cataloged SHA-256. It reports each current location of
// an image, and also each earlier one whose file changed (the location was
// replaced by another image) or disappeared while the image is found at no
// other path: those stay changed or missing, whatever imports came since,
// until an investigator accepts them (AcceptVerify). A location whose file
// went away while the image is still found elsewhere (a move) is left out,
// as is one whose path holds the image's bytes again. It changes nothing
// but records the check in the audit trail. progress, when set, is called
// after each file.
func (c *Case) Verify(ctx context.Context, progress func(done, total int)) ([]VerifyResult, error) {
	origs, err := c.originalsToVerify(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	reports, err := c.reportsToVerify(ctx, 0)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	accepts, err := c.verifyAccepts(ctx)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	total := len(origs.list) + len(reports)
	done := 0
	step := func() {
		done++
		if progress != nil {
			progress(done, total)
		}
	}
	h := fileChecker{}
	out, err := origs.check(ctx, &h, step)
	if err != nil {
		return out, err
	}
	for i := range reports {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		r := &reports[i]
		h.check(r)
		out = append(out, *r)
		step()
	}
	counts := map[string]int{}
	for i := range out {
		accepts.apply(&out[i])
		counts[out[i].Status]++
	}
	err = c.write(ctx, func(tx *sql.Tx) error { return c.audit(ctx, tx, "verify", "case", counts) })
	return out, err
}

// fileChecker hashes files for a check, each path once.
type fileChecker map[string]fileState

type fileState struct{ sum, status, msg string }

// state returns the SHA-256 of the file at path, or why there is none
// (status missing or unreadable, and a message).
func (h fileChecker) state(path string) fileState {
	if s, ok := h[path]; ok {
		return s
	}
	var s fileState
	sum, err := hashFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		s = fileState{status: VerifyMissing, msg: "no file at this path"}
	case err != nil:
		s = fileState{status: VerifyUnreadable, msg: unwrapPathError(err).Error()}
	default:
		s = fileState{sum: sum}
	}
	h[path] = s
	return s
}

// check sets r's status from the file at its path.
func (h fileChecker) check(r *VerifyResult) {
	s := h.state(r.Path)
	r.now = s.sum
	switch {
	case s.status != "":
		r.Status, r.Error = s.status, s.msg
	case s.sum != r.SHA256:
		r.Status, r.Error = VerifyChanged, "SHA-256 is now "+s.sum
	default:
		r.Status = VerifyOK
	}
}

// locationToVerify is a location Verify looks at.
type locationToVerify struct {
	VerifyResult
	goneAt string // "" for a current location
}

// originalsToCheck are the locations to verify and which images are
// found at a current path.
type originalsToCheck struct {
	list    []locationToVerify
	current map[int64]bool
}

// originalsToVerify reads the locations, current and gone, by path, of
// every image, or those that where (a condition on l, the location) selects.
func (c *Case) originalsToVerify(ctx context.Context, where string, args ...any) (*originalsToCheck, error) {
	q := `SELECT l.id, i.id, i.sha256, l.path, coalesce(l.gone_at, '') FROM locations l JOIN images i ON i.id = l.image_id`
	if where != "" {
		q += ` WHERE ` + where
	}
	rows, err := c.rd.QueryContext(ctx, q+` ORDER BY l.path, l.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read locations: %w", err)
	}
	defer rows.Close()
	o := &originalsToCheck{current: map[int64]bool{}}
	for rows.Next() {
		l := locationToVerify{VerifyResult: VerifyResult{Kind: VerifyOriginal}}
		if err := rows.Scan(&l.locationID, &l.ImageID, &l.SHA256, &l.Path, &l.goneAt); err != nil {
			return nil, fmt.Errorf("read locations: %w", err)
		}
		o.list = append(o.list, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read locations: %w", err)
	}
	rows.Close()
	// Which images are found at a current path, any path.
	rows, err = c.rd.QueryContext(ctx, `SELECT DISTINCT image_id FROM locations WHERE gone_at IS NULL`)
	if err != nil {
		return nil, fmt.Errorf("read locations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read locations: %w", err)
		}
		o.current[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read locations: %w", err)
	}
	return o, nil
}

// check hashes the file of each location and returns the results Verify
// reports (see Verify for which gone locations it leaves out).
func (o *originalsToCheck) check(ctx context.Context, h *fileChecker, step func()) ([]VerifyResult, error) {
	var out []VerifyResult
	for i := range o.list {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		l := &o.list[i]
		h.check(&l.VerifyResult)
		step()
		if l.goneAt == "" {
			out = append(out, l.VerifyResult)
			continue
		}
		since := parseTimestamp(l.goneAt).Format(time.RFC3339)
		switch {
		case l.Status == VerifyOK:
			continue // the image's bytes are there again
		case l.Status == VerifyMissing && o.current[l.ImageID]:
			continue // moved: the image is found at another path
		case l.Status == VerifyMissing:
			l.Error = fmt.Sprintf("no file at this path since %s, and the image is found at no other path", since)
		case l.Status == VerifyChanged:
			l.Error = fmt.Sprintf("the file was replaced (seen %s): %s", since, l.Error)
		}
		out = append(out, l.VerifyResult)
	}
	return out, nil
}

// reportsToVerify returns the files of every report (or of one, when
// reportID is not 0), unchecked.
func (c *Case) reportsToVerify(ctx context.Context, reportID int64) ([]VerifyResult, error) {
	q := `SELECT id, sha256, path FROM reports`
	var args []any
	if reportID != 0 {
		q += ` WHERE id = ?`
		args = append(args, reportID)
	}
	rows, err := c.rd.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read reports: %w", err)
	}
	defer rows.Close()
	var out []VerifyResult
	for rows.Next() {
		r := VerifyResult{Kind: VerifyReport}
		if err := rows.Scan(&r.ReportID, &r.SHA256, &r.Path); err != nil {
			return nil, fmt.Errorf("read reports: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// acceptance is a recorded explanation of what verify found.
type acceptance struct{ status, found, reason string }

// acceptances are the recorded explanations, by location and by report.
type acceptances struct {
	location, report map[int64][]acceptance
}

// verifyAccepts reads every recorded acceptance, oldest first.
func (c *Case) verifyAccepts(ctx context.Context) (*acceptances, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT coalesce(location_id, 0), coalesce(report_id, 0), status, found, reason
		FROM verify_accepts ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read accepted results: %w", err)
	}
	defer rows.Close()
	a := &acceptances{location: map[int64][]acceptance{}, report: map[int64][]acceptance{}}
	for rows.Next() {
		var loc, rep int64
		var x acceptance
		if err := rows.Scan(&loc, &rep, &x.status, &x.found, &x.reason); err != nil {
			return nil, fmt.Errorf("read accepted results: %w", err)
		}
		if loc != 0 {
			a.location[loc] = append(a.location[loc], x)
		} else {
			a.report[rep] = append(a.report[rep], x)
		}
	}
	return a, rows.Err()
}

// apply marks r accepted when an investigator accepted what it finds: the
// same status, and the same bytes at its path.
func (a *acceptances) apply(r *VerifyResult) {
	if !r.Bad() {
		return
	}
	list := a.report[r.ReportID]
	if r.Kind == VerifyOriginal {
		list = a.location[r.locationID]
	}
	for i := len(list) - 1; i >= 0; i-- {
		if x := list[i]; x.status == r.Status && x.found == r.now {
			r.Found, r.Reason, r.Status = r.Status, x.reason, VerifyAccepted
			return
		}
	}
}

// ErrNothingToAccept is returned by AcceptVerify and AcceptReportVerify
// when verify finds nothing wrong to accept.
var ErrNothingToAccept = errors.New("verify finds nothing changed, missing or unreadable to accept")

// AcceptVerify records an investigator's reason for what verify finds at
// an image's locations (changed, missing or unreadable, not yet accepted):
// from then on Verify reports them as accepted, with the reason, as long
// as it finds the same. Each is audited. ref is an image as FindImage takes
// it; when it is a path where images were found, what verify finds at that
// path is accepted, whichever image was there (the one whose file changed,
// not the one that replaced it). It returns the results accepted, or
// ErrNothingToAccept.
func (c *Case) AcceptVerify(ctx context.Context, ref, reason string) ([]VerifyResult, error) {
	where, args := "", []any(nil)
	var n int
	path := absPath(strings.TrimSpace(ref))
	if err := c.rd.QueryRowContext(ctx, `SELECT count(*) FROM locations WHERE path = ?`, path).Scan(&n); err != nil {
		return nil, fmt.Errorf("accept %s: %w", ref, err)
	}
	if n > 0 {
		where, args = "l.path = ?", []any{path}
	} else {
		im, err := c.FindImage(ctx, ref)
		if err != nil {
			return nil, fmt.Errorf("accept: %w", err)
		}
		where, args = "l.image_id = ?", []any{im.ID}
		ref = fmt.Sprintf("image %d", im.ID)
	}
	o, err := c.originalsToVerify(ctx, where, args...)
	if err != nil {
		return nil, fmt.Errorf("accept %s: %w", ref, err)
	}
	rs, err := o.check(ctx, &fileChecker{}, func() {})
	if err != nil {
		return nil, fmt.Errorf("accept %s: %w", ref, err)
	}
	out, err := c.accept(ctx, rs, reason)
	if err != nil {
		return nil, fmt.Errorf("accept %s: %w", ref, err)
	}
	return out, nil
}

// AcceptReportVerify is AcceptVerify for a report's file.
func (c *Case) AcceptReportVerify(ctx context.Context, reportID int64, reason string) ([]VerifyResult, error) {
	rs, err := c.reportsToVerify(ctx, reportID)
	if err != nil {
		return nil, fmt.Errorf("accept report %d: %w", reportID, err)
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("accept report %d: %w", reportID, ErrNotFound)
	}
	(&fileChecker{}).check(&rs[0])
	out, err := c.accept(ctx, rs, reason)
	if err != nil {
		return nil, fmt.Errorf("accept report %d: %w", reportID, err)
	}
	return out, nil
}

// accept records reason for the results of rs that fail verification.
func (c *Case) accept(ctx context.Context, rs []VerifyResult, reason string) ([]VerifyResult, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, errors.New("give the reason (--reason): it goes into the record")
	}
	a, err := c.verifyAccepts(ctx)
	if err != nil {
		return nil, err
	}
	var todo []VerifyResult
	for _, r := range rs {
		if a.apply(&r); r.Bad() {
			todo = append(todo, r)
		}
	}
	if len(todo) == 0 {
		return nil, ErrNothingToAccept
	}
	err = c.write(ctx, func(tx *sql.Tx) error {
		now := timestamp(c.now())
		for _, r := range todo {
			var loc, rep any
			object := fmt.Sprintf("report:%d", r.ReportID)
			if r.Kind == VerifyOriginal {
				loc, object = r.locationID, imageObject(r.ImageID)
			} else {
				rep = r.ReportID
			}
			_, err := c.insertRow(ctx, tx, `INSERT INTO verify_accepts(location_id, report_id, path, status, found, reason, at) VALUES(?,?,?,?,?,?,?)`,
				loc, rep, r.Path, r.Status, r.now, reason, now)
			if err != nil {
				return err
			}
			err = c.audit(ctx, tx, "verify.accept", object, map[string]any{
				"path": r.Path, "sha256": r.SHA256, "status": r.Status, "found": nullString(r.now), "reason": reason})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("record: %w", err)
	}
	for i := range todo {
		r := &todo[i]
		r.Found, r.Reason, r.Status = r.Status, reason, VerifyAccepted
	}
	return todo, nil
}
