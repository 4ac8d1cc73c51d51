package catalog

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"

	"github.com/exhibit-app/exhibit/catalog/internal/regular"
)

// maxReportFile is the largest report file ReadReportFile reads.
const maxReportFile = 1 << 30

// ReportChangedError is a report whose file is no longer the one imported
// as its current version.
type ReportChangedError struct {
	ReportID   int64
	Path       string
	Want, Have string // SHA-256s: recorded, and of the file now
}

// Error says what changed and what to do.
func (e *ReportChangedError) Error() string {
	return fmt.Sprintf("report %d: its file %s changed since it was imported (SHA-256 %s, recorded %s); import the new version with `exhibit report add` first",
		e.ReportID, e.Path, e.Have[:12], e.Want[:12])
}

// Is makes a ReportChangedError an ErrChanged.
func (e *ReportChangedError) Is(target error) bool { return target == ErrChanged }

// ReadReportFile reads the file of r's current version (read-only, a
// regular file only) and checks it against the SHA-256 recorded: a file
// that changed since is a *ReportChangedError, a missing one an
// fs.ErrNotExist, both saying which report.
func (c *Case) ReadReportFile(ctx context.Context, r *Report) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, fi, err := regular.Open(r.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("report %d: its file %s is missing: %w", r.ID, r.Path, err)
	}
	if err != nil {
		return nil, fmt.Errorf("report %d: read %s: %w", r.ID, r.Path, err)
	}
	f.Close()
	if fi.Size() > maxReportFile {
		return nil, fmt.Errorf("report %d: %s is %d bytes, over the %d read", r.ID, r.Path, fi.Size(), int64(maxReportFile))
	}
	b, err := regular.ReadFile(r.Path)
	if err != nil {
		return nil, fmt.Errorf("report %d: read %s: %w", r.ID, r.Path, err)
	}
	sum := sha256.Sum256(b)
	if have := hex.EncodeToString(sum[:]); have != r.SHA256 {
		return nil, &ReportChangedError{ReportID: r.ID, Path: r.Path, Want: r.SHA256, Have: have}
	}
	return b, nil
}
