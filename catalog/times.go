package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// SourceAsserted is Image.TakenSource for a capture time an investigator
// asserted.
const SourceAsserted = "asserted"

// sourceGPS is the file source of a capture time read from the GPS clock.
const sourceGPS = "gps"

// AssertedTime is a capture time an investigator asserted for an image, and
// where it comes from (a provider's catalogue, a screenshot's caption...).
type AssertedTime struct {
	ID int64
	// At is the asserted time, in a FixedZone of Offset when one was given;
	// a clock reading held in time.UTC when not.
	At     time.Time
	Offset string
	Source string
	// Actor is who asserted it ("user@computer, program"), When when.
	Actor string
	When  time.Time
}

// ClockShift is a correction of one camera's clock: Shift is added to the
// capture time of every image of Camera (as CameraName names it) whose
// capture time is the camera's own.
type ClockShift struct {
	ID     int64
	Camera string
	Shift  time.Duration
	Reason string
	Actor  string
	When   time.Time
}

// fileTimes sets the effective capture time of im to what the file says.
func (im *Image) fileTimes() {
	im.TakenAt, im.TakenOffset, im.TakenSource = im.FileTakenAt, im.FileTakenOffset, im.FileTakenSource
	im.Asserted, im.Shift = nil, nil
}

// applyTimes sets the effective capture time of im from an assertion or a
// clock shift (either may be nil).
func (im *Image) applyTimes(a *AssertedTime, s *ClockShift) {
	im.fileTimes()
	switch {
	case a != nil:
		t := a.At
		im.TakenAt, im.TakenOffset, im.TakenSource, im.Asserted = &t, a.Offset, SourceAsserted, a
	case s != nil && im.FileTakenAt != nil && im.FileTakenSource != sourceGPS:
		// The GPS clock is not the camera's: a shift of the camera's clock
		// does not apply to it.
		t := im.FileTakenAt.Add(s.Shift)
		im.TakenAt, im.Shift = &t, s
	}
}

// ClockOffset returns the camera's clock minus the GPS clock (UTC), as the
// file records them: ok is false unless the file has both a capture time
// from the camera's clock and a GPS date and time. When the camera recorded
// no UTC offset, its clock reading is compared as if it were UTC and the
// difference includes the time zone (includesZone true).
func (im *Image) ClockOffset() (d time.Duration, includesZone, ok bool) {
	if im.FileTakenAt == nil || im.GPSTime == nil || im.FileTakenSource == "" || im.FileTakenSource == sourceGPS {
		return 0, false, false
	}
	cam := *im.FileTakenAt
	if im.FileTakenOffset == "" {
		cam = wallUTC(cam)
		includesZone = true
	}
	return cam.Sub(*im.GPSTime), includesZone, true
}

// wallUTC is the clock reading of t as a time in UTC.
func wallUTC(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// loadTimes applies the asserted times and clock shifts in force to ims.
func (c *Case) loadTimes(ctx context.Context, ims []*Image) error {
	if len(ims) == 0 {
		return nil
	}
	asserted, err := c.assertions(ctx, c.rd)
	if err != nil {
		return err
	}
	shifts, err := c.ClockShifts(ctx)
	if err != nil {
		return err
	}
	byCamera := make(map[string]*ClockShift, len(shifts))
	for i := range shifts {
		byCamera[shifts[i].Camera] = &shifts[i]
	}
	for _, im := range ims {
		var s *ClockShift
		if len(byCamera) > 0 {
			s = byCamera[im.Camera()]
		}
		im.applyTimes(asserted[im.ID], s)
	}
	return nil
}

// assertions returns the asserted times in force, by image.
func (c *Case) assertions(ctx context.Context, q querier) (map[int64]*AssertedTime, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, image_id, taken_at, coalesce(taken_offset, ''), source, actor, at
		FROM asserted_times WHERE cleared_at IS NULL ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read asserted capture times: %w", err)
	}
	defer rows.Close()
	out := map[int64]*AssertedTime{}
	for rows.Next() {
		var a AssertedTime
		var image int64
		var taken, at string
		if err := rows.Scan(&a.ID, &image, &taken, &a.Offset, &a.Source, &a.Actor, &at); err != nil {
			return nil, fmt.Errorf("read asserted capture times: %w", err)
		}
		t, err := parseClock(taken, a.Offset)
		if err != nil {
			return nil, fmt.Errorf("asserted capture time %d: %q: %w", a.ID, taken, err)
		}
		a.At, a.When = t, parseTimestamp(at)
		out[image] = &a
	}
	return out, rows.Err()
}

// ClockShifts returns the clock shifts in force, by camera.
func (c *Case) ClockShifts(ctx context.Context) ([]ClockShift, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT id, camera, shift_ns, reason, actor, at FROM clock_shifts
		WHERE cleared_at IS NULL ORDER BY camera, id`)
	if err != nil {
		return nil, fmt.Errorf("read clock shifts: %w", err)
	}
	defer rows.Close()
	var out []ClockShift
	for rows.Next() {
		var s ClockShift
		var ns int64
		var at string
		if err := rows.Scan(&s.ID, &s.Camera, &ns, &s.Reason, &s.Actor, &at); err != nil {
			return nil, fmt.Errorf("read clock shifts: %w", err)
		}
		s.Shift, s.When = time.Duration(ns), parseTimestamp(at)
		out = append(out, s)
	}
	return out, rows.Err()
}

// AssertTime records at (in its zone when offset is "+03:00" or the like;
// a clock reading without zone when offset is "") as the capture time of
// image id, taken from source. The file's own time stays as it is; an
// earlier assertion is cleared (and kept).
func (c *Case) AssertTime(ctx context.Context, id int64, at time.Time, offset, source string) error {
	source = strings.TrimSpace(source)
	if source == "" {
		return errors.New("assert capture time: say where the time comes from (--source)")
	}
	if offset != "" {
		if _, err := time.Parse("-07:00", offset); err != nil {
			return fmt.Errorf("assert capture time: offset %q is not ±HH:MM", offset)
		}
	}
	if at.Year() < 1 || at.Year() > 9999 {
		return fmt.Errorf("assert capture time: year %d is out of range", at.Year())
	}
	if _, err := c.Image(ctx, id); err != nil {
		return fmt.Errorf("assert capture time: %w", err)
	}
	err := c.write(ctx, func(tx *sql.Tx) error {
		now := timestamp(c.now())
		var old sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT max(id) FROM asserted_times WHERE image_id=? AND cleared_at IS NULL`, id).Scan(&old); err != nil {
			return err
		}
		if old.Valid {
			if _, err := tx.ExecContext(ctx, `UPDATE asserted_times SET cleared_at=? WHERE id=?`, now, old.Int64); err != nil {
				return err
			}
		}
		r, err := c.insertRow(ctx, tx, `INSERT INTO asserted_times(image_id, taken_at, taken_offset, source, actor, at) VALUES(?,?,?,?,?,?)`,
			id, clockString(at), nullString(offset), source, *c.actor.Load(), now)
		if err != nil {
			return err
		}
		aid, _ := r.LastInsertId()
		d := map[string]any{"asserted": aid, "taken_at": clockString(at), "offset": offset, "source": source}
		if old.Valid {
			d["replaces"] = old.Int64
		}
		return c.audit(ctx, tx, "time.assert", imageObject(id), d)
	})
	if err != nil {
		return fmt.Errorf("assert capture time of image %d: %w", id, err)
	}
	return nil
}

// ClearAssertedTime withdraws the capture time asserted for image id: the
// file's own time is shown again; the assertion is kept in the record.
func (c *Case) ClearAssertedTime(ctx context.Context, id int64) error {
	err := c.write(ctx, func(tx *sql.Tx) error {
		var aid int64
		var taken, source string
		err := tx.QueryRowContext(ctx, `SELECT id, taken_at, source FROM asserted_times WHERE image_id=? AND cleared_at IS NULL ORDER BY id DESC LIMIT 1`, id).
			Scan(&aid, &taken, &source)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("image %d has no asserted capture time: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE asserted_times SET cleared_at=? WHERE id=?`, timestamp(c.now()), aid); err != nil {
			return err
		}
		return c.audit(ctx, tx, "time.clear", imageObject(id), map[string]any{"asserted": aid, "taken_at": taken, "source": source})
	})
	if err != nil {
		return fmt.Errorf("clear asserted capture time of image %d: %w", id, err)
	}
	return nil
}

// Cameras returns the cameras of the case's images, as CameraName names
// them, with how many images each has.
func (c *Case) Cameras(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	err := c.eachRow(ctx, `SELECT make, model, count(*) FROM images GROUP BY make, model`, func(rows *sql.Rows) error {
		var make, model string
		var n int
		if err := rows.Scan(&make, &model, &n); err != nil {
			return err
		}
		if name := CameraName(make, model); name != "" {
			out[name] += n
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list cameras: %w", err)
	}
	return out, nil
}

// maxShift bounds a clock shift: a camera clock off by more than a century
// is a typing mistake.
const maxShift = 100 * 365 * 24 * time.Hour

// ShiftClock records that camera's clock (as CameraName names it) was off
// by -shift: shift is added to the capture time of its images. It returns
// how many images the camera has. An earlier shift of the camera is
// cleared (and kept).
func (c *Case) ShiftClock(ctx context.Context, camera string, shift time.Duration, reason string) (int, error) {
	camera, reason = strings.TrimSpace(camera), strings.TrimSpace(reason)
	if reason == "" {
		return 0, errors.New("shift clock: say why (--reason)")
	}
	if shift == 0 || shift > maxShift || shift < -maxShift {
		return 0, fmt.Errorf("shift clock: a shift of %v is not a correction (want a non-zero duration under a century)", shift)
	}
	n, err := c.knownCamera(ctx, camera)
	if err != nil {
		return 0, fmt.Errorf("shift clock: %w", err)
	}
	err = c.write(ctx, func(tx *sql.Tx) error {
		now := timestamp(c.now())
		var old sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT max(id) FROM clock_shifts WHERE camera=? AND cleared_at IS NULL`, camera).Scan(&old); err != nil {
			return err
		}
		if old.Valid {
			if _, err := tx.ExecContext(ctx, `UPDATE clock_shifts SET cleared_at=? WHERE id=?`, now, old.Int64); err != nil {
				return err
			}
		}
		r, err := c.insertRow(ctx, tx, `INSERT INTO clock_shifts(camera, shift_ns, reason, actor, at) VALUES(?,?,?,?,?)`,
			camera, int64(shift), reason, *c.actor.Load(), now)
		if err != nil {
			return err
		}
		sid, _ := r.LastInsertId()
		d := map[string]any{"shift": sid, "shift_s": shift.Seconds(), "reason": reason, "images": n}
		if old.Valid {
			d["replaces"] = old.Int64
		}
		return c.audit(ctx, tx, "clock.shift", cameraObject(camera), d)
	})
	if err != nil {
		return 0, fmt.Errorf("shift clock of %s: %w", camera, err)
	}
	return n, nil
}

// ClearClockShift withdraws the clock shift of camera: its images show the
// times their files hold again; the shift is kept in the record.
func (c *Case) ClearClockShift(ctx context.Context, camera string) error {
	camera = strings.TrimSpace(camera)
	err := c.write(ctx, func(tx *sql.Tx) error {
		var sid, ns int64
		err := tx.QueryRowContext(ctx, `SELECT id, shift_ns FROM clock_shifts WHERE camera=? AND cleared_at IS NULL ORDER BY id DESC LIMIT 1`, camera).Scan(&sid, &ns)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("camera %q has no clock shift: %w", camera, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE clock_shifts SET cleared_at=? WHERE id=?`, timestamp(c.now()), sid); err != nil {
			return err
		}
		return c.audit(ctx, tx, "clock.clear", cameraObject(camera), map[string]any{"shift": sid, "shift_s": time.Duration(ns).Seconds()})
	})
	if err != nil {
		return fmt.Errorf("clear clock shift of %s: %w", camera, err)
	}
	return nil
}

func cameraObject(name string) string { return "camera:" + name }

// knownCamera returns how many images camera has, or an error naming the
// cameras the case knows.
func (c *Case) knownCamera(ctx context.Context, camera string) (int, error) {
	cams, err := c.Cameras(ctx)
	if err != nil {
		return 0, err
	}
	if n := cams[camera]; n > 0 {
		return n, nil
	}
	names := make([]string, 0, len(cams))
	for name := range cams {
		names = append(names, fmt.Sprintf("%q", name))
	}
	sort.Strings(names)
	if len(names) == 0 {
		return 0, fmt.Errorf("no image of the case has a camera named %q (no image names its camera): %w", camera, ErrNotFound)
	}
	return 0, fmt.Errorf("no image of the case has a camera named %q (cameras: %s): %w", camera, strings.Join(names, ", "), ErrNotFound)
}

// inTimeRange reports whether im's effective capture time lies within
// [from, to] on the clock (either bound may be nil). Images without a
// capture time are out of any range.
func inTimeRange(im *Image, from, to *time.Time) bool {
	if from == nil && to == nil {
		return true
	}
	if im.TakenAt == nil {
		return false
	}
	t := wallUTC(*im.TakenAt)
	return (from == nil || !t.Before(wallUTC(*from))) && (to == nil || !t.After(wallUTC(*to)))
}

// Seconds returns d in seconds, rounded to the millisecond.
func Seconds(d time.Duration) float64 {
	return math.Round(d.Seconds()*1000) / 1000
}

// SourceLabel names a capture time's source for people: "EXIF
// DateTimeOriginal", "GPS clock (UTC)", "asserted"...; "source not
// recorded" for "" (an image cataloged before Exhibit recorded sources).
func SourceLabel(source string) string {
	switch {
	case source == "":
		return "source not recorded"
	case source == "exif:DateTimeOriginal":
		return "EXIF DateTimeOriginal"
	case source == "exif:CreateDate":
		return "EXIF CreateDate (DateTimeDigitized)"
	case source == "xmp":
		return "XMP"
	case source == "iptc":
		return "IPTC DateCreated and TimeCreated"
	case source == sourceGPS:
		return "GPS clock, UTC"
	case source == SourceAsserted:
		return "asserted"
	case strings.HasPrefix(source, "maker:"):
		return strings.TrimPrefix(source, "maker:") + " maker metadata"
	}
	return source
}

// ClockOffsetText says the camera's clock minus the GPS clock for people:
// "camera clock − GPS clock = +22h0m0.25s (includes the time zone: the
// camera recorded no UTC offset)"; "" when the file lacks either.
func (im *Image) ClockOffsetText() string {
	d, zone, ok := im.ClockOffset()
	if !ok {
		return ""
	}
	s := "camera clock − GPS clock = " + signed(d)
	if zone {
		s += " (includes the time zone: the camera recorded no UTC offset)"
	}
	return s
}

// signed formats a duration with its sign: "+22h0m0s", "-1h30m0s", "0s".
func signed(d time.Duration) string {
	if d > 0 {
		return "+" + d.String()
	}
	return d.String()
}

// ShiftText says a clock shift for people: "+1h0m0s (reason)".
func (s *ClockShift) ShiftText() string { return signed(s.Shift) + " (" + s.Reason + ")" }
