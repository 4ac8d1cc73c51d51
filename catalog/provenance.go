package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// What a signed manifest of an export refers to, looked up in the case:
// the file an excerpt was read from, the keys that signed in the case, the
// entries of the audit chain.

// ExcerptReportSHA256 returns the SHA-256 of the report file the excerpt
// was read from: the report's current version for an excerpt still in it;
// for one a later version no longer has, the last version imported before
// it went.
func (c *Case) ExcerptReportSHA256(ctx context.Context, excerptID int64) (string, error) {
	var sum string
	err := c.rd.QueryRowContext(ctx, `SELECT CASE WHEN e.gone_at IS NULL THEN r.sha256 ELSE coalesce(
			(SELECT v.sha256 FROM report_versions v WHERE v.report_id = e.report_id AND v.imported_at < e.gone_at
				ORDER BY v.imported_at DESC, v.id DESC LIMIT 1), r.sha256) END
		FROM excerpts e JOIN reports r ON r.id = e.report_id WHERE e.id = ?`, excerptID).Scan(&sum)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("excerpt %d: %w", excerptID, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("report file of excerpt %d: %w", excerptID, err)
	}
	return sum, nil
}

// ReportHasVersion reports whether a file with the SHA-256 sum was
// imported as a version of the report.
func (c *Case) ReportHasVersion(ctx context.Context, reportID int64, sum string) (bool, error) {
	var n int
	err := c.rd.QueryRowContext(ctx, `SELECT count(*) FROM report_versions WHERE report_id = ? AND sha256 = ?`, reportID, sum).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("versions of report %d: %w", reportID, err)
	}
	if n == 0 {
		// Reports added before versions were kept have their file only.
		err = c.rd.QueryRowContext(ctx, `SELECT count(*) FROM reports WHERE id = ? AND sha256 = ?`, reportID, sum).Scan(&n)
		if err != nil {
			return false, fmt.Errorf("report %d: %w", reportID, err)
		}
	}
	return n > 0, nil
}

// KnownKey says whether the key with this fingerprint signed in the case,
// and who first used it ("user@computer, program").
func (c *Case) KnownKey(ctx context.Context, fingerprint string) (known bool, actor string, err error) {
	err = c.rd.QueryRowContext(ctx, `SELECT actor FROM keys WHERE fingerprint = ?`, fingerprint).Scan(&actor)
	if errors.Is(err, sql.ErrNoRows) {
		return false, "", nil
	}
	if err != nil {
		return false, "", fmt.Errorf("read the case's keys: %w", err)
	}
	return true, actor, nil
}

// HasChainEntry reports whether the audit chain holds, as its count-th
// entry, the entry with this hash.
func (c *Case) HasChainEntry(ctx context.Context, hash string, count int64) (bool, error) {
	var n int
	err := c.rd.QueryRowContext(ctx, `SELECT count(*) FROM audit WHERE hash = ? AND seq = ?`, hash, count).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("read the audit chain: %w", err)
	}
	return n > 0, nil
}
