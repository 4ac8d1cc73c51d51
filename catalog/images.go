package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ErrNotFound is returned when no image, report or excerpt matches.
var ErrNotFound = errors.New("not found")

// Sort orders a listing.
type Sort int

// The orders of a listing.
const (
	SortTaken    Sort = iota // capture time, images without one last
	SortImported             // import time
	SortName                 // file name
)

// Near selects images within Km kilometres of a position.
type Near struct{ Lat, Lon, Km float64 }

// Filter selects images. The zero Filter selects every image.
type Filter struct {
	HasGPS bool
	Near   *Near
	// From and To bound the effective capture time (Image.TakenAt: asserted,
	// or the file's moved by its camera's clock shift), on the clock,
	// inclusive. Images without a capture time are left out when either is
	// set.
	From, To *time.Time
	// Camera matches make, model or lens, case-insensitively.
	Camera string
	// Linked, when set, keeps the images linked to an excerpt (true) or
	// linked to none (false).
	Linked *bool
	// Tag keeps the images with this tag.
	Tag string
	// Text keeps the images whose path, camera, tags or notes contain
	// every word of Text (case-insensitive).
	Text string
	// IDs, when not nil, keeps only these images.
	IDs  []int64
	Sort Sort
	// Desc reverses the order.
	Desc bool
}

const imageColumns = `id, sha256, size, format, width, height, orientation, taken_at, taken_offset,
	make, model, lens, lat, lon, alt, direction, gps_time, decoded, meta_note, imported_at,
	taken_source, modified_at, modified_offset`

// scanImage reads one row of imageColumns.
func scanImage(row interface{ Scan(...any) error }) (*Image, error) {
	var im Image
	var taken, offset, gps, source, modified, modOffset sql.NullString
	var imported string
	err := row.Scan(&im.ID, &im.SHA256, &im.Size, &im.Format, &im.Width, &im.Height, &im.Orientation,
		&taken, &offset, &im.Make, &im.Model, &im.Lens, &im.Lat, &im.Lon, &im.Alt, &im.Direction,
		&gps, &im.Decoded, &im.MetaNote, &imported, &source, &modified, &modOffset)
	if err != nil {
		return nil, err
	}
	im.FileTakenOffset, im.FileTakenSource = offset.String, source.String
	if taken.Valid {
		if t, err := parseClock(taken.String, offset.String); err == nil {
			im.FileTakenAt = &t
		}
	}
	im.ModifiedOffset = modOffset.String
	if modified.Valid {
		if t, err := parseClock(modified.String, modOffset.String); err == nil {
			im.ModifiedAt = &t
		}
	}
	im.fileTimes()
	if gps.Valid {
		if t, err := time.Parse(time.RFC3339Nano, gps.String); err == nil {
			im.GPSTime = &t
		}
	}
	im.ImportedAt = parseTimestamp(imported)
	return &im, nil
}

// parseClock reads a stored capture time, in the zone of offset when one
// is given ("+03:00") and as a zone-less clock (UTC location) otherwise.
func parseClock(s, offset string) (time.Time, error) {
	loc := time.UTC
	if offset != "" {
		if t, err := time.Parse("-07:00", offset); err == nil {
			_, off := t.Zone()
			loc = time.FixedZone(offset, off)
		}
	}
	return time.ParseInLocation(clockLayout, s, loc)
}

// Images returns the images f selects, with their locations. A filter
// with numbers out of range (see Filter.Validate) is refused.
func (c *Case) Images(ctx context.Context, f Filter) ([]*Image, error) {
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("list images: %w", err)
	}
	where, args, none := f.sqlWhere()
	if none {
		return nil, nil
	}
	q := "SELECT " + imageColumns + " FROM images"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := c.rd.QueryContext(ctx, q+" ORDER BY id", args...)
	if err != nil {
		return nil, fmt.Errorf("list images: %w", err)
	}
	defer rows.Close()
	var out []*Image
	for rows.Next() {
		im, err := scanImage(rows)
		if err != nil {
			return nil, fmt.Errorf("list images: %w", err)
		}
		if n := f.Near; n != nil && DistanceKm(n.Lat, n.Lon, *im.Lat, *im.Lon) > n.Km {
			continue
		}
		out = append(out, im)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list images: %w", err)
	}
	// The time range is on the effective capture time, which asserted
	// times and clock shifts make: it is applied once they are.
	if err := c.loadTimes(ctx, out); err != nil {
		return nil, fmt.Errorf("list images: %w", err)
	}
	out = keepInTimeRange(out, f.From, f.To)
	if err := c.loadLocations(ctx, out); err != nil {
		return nil, err
	}
	sortImages(out, f.Sort, f.Desc)
	return out, nil
}

// keepInTimeRange keeps the images of ims taken between from and to
// (inclusive, on the clock; either nil for no bound), in place.
func keepInTimeRange(ims []*Image, from, to *time.Time) []*Image {
	if from == nil && to == nil {
		return ims
	}
	kept := ims[:0]
	for _, im := range ims {
		if inTimeRange(im, from, to) {
			kept = append(kept, im)
		}
	}
	return kept
}

// sqlWhere is what of f SQL selects: conditions to join with AND and
// their arguments; none when no image can match. (The exact distance of
// Near and the time range are applied once the images are read.)
func (f Filter) sqlWhere() (where []string, args []any, none bool) {
	if f.HasGPS || f.Near != nil {
		// 0°, 0° exactly is a camera without a fix, not a place (Image.NoFix).
		where = append(where, "lat IS NOT NULL AND lon IS NOT NULL AND NOT (lat = 0 AND lon = 0)")
	}
	if n := f.Near; n != nil {
		// A bounding box in SQL, then the exact distance below.
		dLat := n.Km / 111.2
		dLon := n.Km / (111.2 * math.Max(math.Cos(n.Lat*math.Pi/180), 1e-6))
		where = append(where, "lat BETWEEN ? AND ?")
		args = append(args, n.Lat-dLat, n.Lat+dLat)
		if n.Lon-dLon > -180 && n.Lon+dLon < 180 {
			where = append(where, "lon BETWEEN ? AND ?")
			args = append(args, n.Lon-dLon, n.Lon+dLon)
		}
	}
	if f.Camera != "" {
		where = append(where, "(make || ' ' || model || ' ' || lens) LIKE ? ESCAPE '\\'")
		args = append(args, "%"+escapeLike(f.Camera)+"%")
	}
	if f.Linked != nil {
		cond := "EXISTS (SELECT 1 FROM links l WHERE l.image_id = images.id AND l.deleted_at IS NULL)"
		if !*f.Linked {
			cond = "NOT " + cond
		}
		where = append(where, cond)
	}
	if f.Tag != "" {
		tag, err := normalizeTag(f.Tag)
		switch {
		case err == nil:
			where = append(where, "EXISTS (SELECT 1 FROM tags t WHERE t.image_id = images.id AND t.tag = ?)")
			args = append(args, tag)
		case strings.TrimSpace(f.Tag) != "":
			return nil, nil, true // no image can carry a tag that long
		}
	}
	for _, w := range strings.Fields(f.Text) {
		like := "%" + escapeLike(w) + "%"
		where = append(where, `((make || ' ' || model || ' ' || lens || ' ' || sha256) LIKE ? ESCAPE '\'
			OR EXISTS (SELECT 1 FROM locations l WHERE l.image_id = images.id AND l.gone_at IS NULL AND l.path LIKE ? ESCAPE '\')
			OR EXISTS (SELECT 1 FROM tags t WHERE t.image_id = images.id AND t.tag LIKE ? ESCAPE '\')
			OR EXISTS (SELECT 1 FROM notes n WHERE n.image_id = images.id AND n.deleted_at IS NULL AND n.text LIKE ? ESCAPE '\'))`)
		args = append(args, like, like, like, like)
	}
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			return nil, nil, true
		}
		where = append(where, "id IN ("+strings.TrimSuffix(strings.Repeat("?,", len(f.IDs)), ",")+")")
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	return where, args, false
}

// sortImages orders images; ties are broken by id so that the order is
// stable between calls.
func sortImages(ims []*Image, by Sort, desc bool) {
	less := func(a, b *Image) int {
		switch by {
		case SortTaken:
			switch {
			case a.TakenAt == nil && b.TakenAt == nil:
			case a.TakenAt == nil:
				return 1
			case b.TakenAt == nil:
				return -1
			default:
				if c := wallUTC(*a.TakenAt).Compare(wallUTC(*b.TakenAt)); c != 0 {
					return c
				}
			}
		case SortImported:
			if c := a.ImportedAt.Compare(b.ImportedAt); c != 0 {
				return c
			}
		case SortName:
			if c := strings.Compare(strings.ToLower(baseName(a)), strings.ToLower(baseName(b))); c != 0 {
				return c
			}
		}
		return 0
	}
	sort.SliceStable(ims, func(i, j int) bool {
		c := less(ims[i], ims[j])
		if c == 0 {
			return ims[i].ID < ims[j].ID
		}
		if desc {
			return c > 0
		}
		return c < 0
	})
}

// baseName is the file name of an image's first current path.
func baseName(im *Image) string {
	if p := im.Paths(); len(p) > 0 {
		return filepath.Base(p[0])
	}
	if len(im.Locations) > 0 {
		return filepath.Base(im.Locations[0].Path)
	}
	return ""
}

// Name returns the file name an image is best known by.
func (im *Image) Name() string { return baseName(im) }

// loadLocations fills the Locations of ims.
func (c *Case) loadLocations(ctx context.Context, ims []*Image) error {
	if len(ims) == 0 {
		return nil
	}
	byID := make(map[int64]*Image, len(ims))
	for _, im := range ims {
		byID[im.ID] = im
		im.Locations = nil
	}
	q := `SELECT image_id, path, size, mtime_ns, first_seen, last_seen, gone_at FROM locations`
	var args []any
	if len(ims) <= 500 {
		q += " WHERE image_id IN (" + strings.TrimSuffix(strings.Repeat("?,", len(ims)), ",") + ")"
		for _, im := range ims {
			args = append(args, im.ID)
		}
	}
	rows, err := c.rd.QueryContext(ctx, q+" ORDER BY gone_at IS NOT NULL, id", args...)
	if err != nil {
		return fmt.Errorf("read locations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, mtime int64
		var l Location
		var first, last string
		var gone sql.NullString
		if err := rows.Scan(&id, &l.Path, &l.Size, &mtime, &first, &last, &gone); err != nil {
			return fmt.Errorf("read locations: %w", err)
		}
		im := byID[id]
		if im == nil {
			continue
		}
		l.ModTime = time.Unix(0, mtime)
		l.FirstSeen, l.LastSeen = parseTimestamp(first), parseTimestamp(last)
		if gone.Valid {
			t := parseTimestamp(gone.String)
			l.GoneAt = &t
		}
		im.Locations = append(im.Locations, l)
	}
	return rows.Err()
}

// Image returns the image with this id.
func (c *Case) Image(ctx context.Context, id int64) (*Image, error) {
	im, err := scanImage(c.rd.QueryRowContext(ctx, "SELECT "+imageColumns+" FROM images WHERE id=?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("image %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("image %d: %w", id, err)
	}
	if err := c.loadTimes(ctx, []*Image{im}); err != nil {
		return nil, fmt.Errorf("image %d: %w", id, err)
	}
	if err := c.loadLocations(ctx, []*Image{im}); err != nil {
		return nil, err
	}
	return im, nil
}

var hexPrefix = regexp.MustCompile(`^[0-9a-fA-F]{6,64}$`)

// FindImage finds an image by id ("12"), SHA-256 or a prefix of at least 6
// hex digits, or a path it was found at (absolute, or relative to the
// working folder).
func (c *Case) FindImage(ctx context.Context, ref string) (*Image, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil, fmt.Errorf("find image: %w", ErrNotFound)
	}
	id, idErr := strconv.ParseInt(ref, 10, 64)
	if idErr == nil && len(ref) < 6 {
		return c.Image(ctx, id)
	}
	if hexPrefix.MatchString(ref) {
		im, err := c.imageBySHAPrefix(ctx, ref)
		switch {
		case !errors.Is(err, ErrNotFound):
			return im, err
		case idErr == nil:
			return c.Image(ctx, id) // all digits, and no hash starts so
		}
	}
	err := c.rd.QueryRowContext(ctx, `SELECT image_id FROM locations WHERE path=? ORDER BY gone_at IS NOT NULL, id DESC LIMIT 1`,
		absPath(ref)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) && !strings.ContainsRune(ref, filepath.Separator) {
		return c.imageByFileName(ctx, ref)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("no image %q in the case (give an id, a SHA-256 prefix, a path or a file name): %w", ref, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find image %s: %w", ref, err)
	}
	return c.Image(ctx, id)
}

// imageByFileName finds the one image found at a path whose last element
// is name ("IMG_0042.JPG"), preferring the paths where it still is.
func (c *Case) imageByFileName(ctx context.Context, name string) (*Image, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT image_id, min(gone_at IS NOT NULL) FROM locations
		WHERE substr(path, length(path) - length(?1)) = '/' || ?1 GROUP BY image_id ORDER BY 2, image_id LIMIT 6`, name)
	if err != nil {
		return nil, fmt.Errorf("find image %s: %w", name, err)
	}
	var here, gone []int64
	for rows.Next() {
		var id int64
		var isGone bool
		if err := rows.Scan(&id, &isGone); err != nil {
			rows.Close()
			return nil, fmt.Errorf("find image %s: %w", name, err)
		}
		if isGone {
			gone = append(gone, id)
		} else {
			here = append(here, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find image %s: %w", name, err)
	}
	ids := here
	if len(ids) == 0 {
		ids = gone
	}
	switch len(ids) {
	case 0:
		return nil, fmt.Errorf("no image %q in the case (give an id, a SHA-256 prefix, a path or a file name): %w", name, ErrNotFound)
	case 1:
		return c.Image(ctx, ids[0])
	}
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.FormatInt(id, 10)
	}
	more := ""
	if len(ids) == 6 {
		more = ", …"
	}
	return nil, fmt.Errorf("find image %s: more than one image is named so (ids %s%s); give the id or the whole path", name, strings.Join(list, ", "), more)
}

// imageBySHAPrefix finds the one image whose SHA-256 starts with prefix.
func (c *Case) imageBySHAPrefix(ctx context.Context, prefix string) (*Image, error) {
	prefix = strings.ToLower(prefix)
	ids, err := queryIDs(ctx, c.rd, `SELECT id FROM images WHERE sha256 >= ? AND sha256 < ? LIMIT 2`, prefix, prefix+"g")
	if err != nil {
		return nil, fmt.Errorf("find image %s: %w", prefix, err)
	}
	switch len(ids) {
	case 0:
		return nil, fmt.Errorf("no image has a SHA-256 starting %s: %w", prefix, ErrNotFound)
	case 1:
		return c.Image(ctx, ids[0])
	}
	return nil, fmt.Errorf("find image %s: more than one image has a SHA-256 starting so; give more digits", prefix)
}

// Failures returns the files that could not be cataloged and have not been
// cataloged since, by path, with their SHA-256 when they could be read.
func (c *Case) Failures(ctx context.Context) ([]Failure, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT path, error, last_at, coalesce(sha256, ''), size FROM failures
		WHERE resolved_at IS NULL AND kind = 'failed' ORDER BY path`)
	if err != nil {
		return nil, fmt.Errorf("list failures: %w", err)
	}
	defer rows.Close()
	var out []Failure
	for rows.Next() {
		var f Failure
		var at string
		if err := rows.Scan(&f.Path, &f.Error, &at, &f.SHA256, &f.Size); err != nil {
			return nil, fmt.Errorf("list failures: %w", err)
		}
		f.At = parseTimestamp(at)
		out = append(out, f)
	}
	return out, rows.Err()
}

// CountImages returns how many images the case holds.
func (c *Case) CountImages(ctx context.Context) (int, error) {
	var n int
	err := c.rd.QueryRowContext(ctx, `SELECT count(*) FROM images`).Scan(&n)
	return n, err
}

// DistanceKm is the great-circle distance between two positions.
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// absPath makes p absolute and clean; on error it returns p cleaned.
func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}
