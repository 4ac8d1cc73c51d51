package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// A site is a named place whose fate the case works out from its images:
// a building, a crossroads, a field. Its position is the one claimed (as
// a report or a witness gave it) until someone verifies it: the verified
// position is kept apart, with who verified it, when and how.

// The precisions of a site's position, with their metres.
const (
	PrecisionExact    = "exact"    // ±10 m
	PrecisionVicinity = "vicinity" // ±100 m
	PrecisionLocality = "locality" // ±1 km
	PrecisionMetres   = "metres"   // a number of metres given
)

// The statuses of a site.
const (
	SiteUnverified   = "unverified"
	SiteVerified     = "verified"
	SiteUnverifiable = "unverifiable"
)

// maxRadius is the largest radius of a site, in metres.
const maxRadius = 100_000

// Site is a named place.
type Site struct {
	ID   int64
	Name string
	// Lat and Lon are the claimed position.
	Lat, Lon float64
	// RadiusM is how far around the position the site reaches, in metres.
	RadiusM float64
	// Precision is exact, vicinity, locality or metres; PrecisionM its
	// metres.
	Precision  string
	PrecisionM float64
	Status     string
	// Verified is the verified position, nil until someone verifies it.
	Verified   *SiteVerification
	Notes      []SiteNote
	Tags       []string
	CreatedBy  string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	RemovedAt  *time.Time
	ImageCount int // images attached
}

// SiteVerification is who verified a site's position, when and how.
type SiteVerification struct {
	Lat, Lon float64
	By       string
	At       time.Time
	How      string
}

// SiteNote is a note on a site.
type SiteNote struct {
	ID        int64
	Text      string
	Author    string
	CreatedAt time.Time
}

// Position returns where the site is taken to be: the verified position
// when there is one, the claimed one otherwise.
func (s *Site) Position() (lat, lon float64) {
	if s.Verified != nil {
		return s.Verified.Lat, s.Verified.Lon
	}
	return s.Lat, s.Lon
}

// ParsePrecision reads a precision: exact (±10 m), vicinity (±100 m),
// locality (±1 km) or a number of metres ("25", "25m", "25 m").
func ParsePrecision(s string) (name string, metres float64, err error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case PrecisionExact:
		return t, 10, nil
	case PrecisionVicinity:
		return t, 100, nil
	case PrecisionLocality:
		return t, 1000, nil
	}
	num := strings.TrimSpace(strings.TrimSuffix(t, "m"))
	f, perr := strconv.ParseFloat(num, 64)
	if perr != nil || num == "" {
		return "", 0, fmt.Errorf("precision %q: want exact (±10 m), vicinity (±100 m), locality (±1 km) or metres", s)
	}
	if !finite(f) || f <= 0 || f > maxRadius {
		return "", 0, fmt.Errorf("precision %q: metres must be a number more than 0 and at most %d", s, maxRadius)
	}
	return PrecisionMetres, f, nil
}

// ParseLatLon reads a position written "LAT,LON" ("36.0, 38.9"; a
// semicolon or spaces alone also separate them, as pasted from a map) and
// checks it (latitude within ±90, longitude within ±180): the one rule
// for the app and the command line.
func ParseLatLon(s string) (lat, lon float64, err error) {
	t := strings.TrimSpace(s)
	var parts []string
	switch {
	case strings.Contains(t, ","):
		parts = strings.Split(t, ",")
	case strings.Contains(t, ";"):
		parts = strings.Split(t, ";")
	default:
		parts = strings.Fields(t)
	}
	if len(parts) != 2 {
		return 0, 0, fmt.Errorf("position %q: want LAT,LON (for example 35.9519,39.0103)", s)
	}
	var v [2]float64
	for i, p := range parts {
		if v[i], err = parseCoordinate(p); err != nil {
			return 0, 0, fmt.Errorf("position %q: %w", s, err)
		}
	}
	if err := validatePosition(v[0], v[1]); err != nil {
		return 0, 0, fmt.Errorf("position %q: %w", s, err)
	}
	return v[0], v[1], nil
}

// parseCoordinate reads one latitude or longitude ("35.95"), unchecked.
func parseCoordinate(s string) (float64, error) {
	s = strings.TrimSpace(s)
	f, err := strconv.ParseFloat(s, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return 0, fmt.Errorf("%q is out of range", s)
	case err != nil:
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return f, nil
}

// ParseRadius reads a site's radius in metres ("50", "50m", "50 m"; ""
// is DefaultSiteRadius) and checks it.
func ParseRadius(s string) (float64, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strings.ToLower(s)), "m"))
	if t == "" {
		return DefaultSiteRadius, nil
	}
	r, err := parseCoordinate(t)
	if err != nil {
		return 0, fmt.Errorf("radius: %w", err)
	}
	if err := validateRadius(r); err != nil {
		return 0, err
	}
	return r, nil
}

// validatePosition checks a latitude and longitude.
func validatePosition(lat, lon float64) error {
	return Near{Lat: lat, Lon: lon, Km: 1}.Validate()
}

// validateRadius checks a radius in metres.
func validateRadius(r float64) error {
	if !finite(r) || r <= 0 || r > maxRadius {
		return fmt.Errorf("radius %g m must be a number more than 0 and at most %d", r, maxRadius)
	}
	return nil
}

// siteName checks and trims a site's name. A name made only of digits
// would read as an id, and is refused.
func siteName(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	switch {
	case name == "":
		return "", errors.New("a site needs a name")
	case len(name) > 200:
		return "", errors.New("a site's name is at most 200 characters")
	}
	if _, err := strconv.ParseInt(name, 10, 64); err == nil {
		return "", fmt.Errorf("site name %q: a number alone would read as an id; add a word", name)
	}
	return name, nil
}

// CheckSiteName returns a site's name as it would be stored (spaces
// collapsed), or why it is refused: empty, too long, or a number alone.
func CheckSiteName(name string) (string, error) { return siteName(name) }

// NewSite is what AddSite needs.
type NewSite struct {
	Name      string
	Lat, Lon  float64
	RadiusM   float64 // 0: 50 m
	Precision string  // "": exact
}

// DefaultSiteRadius is a site's radius when none is given, in metres.
const DefaultSiteRadius = 50

// AddSite adds a site, unverified, and returns it.
func (c *Case) AddSite(ctx context.Context, n NewSite) (*Site, error) {
	name, err := siteName(n.Name)
	if err != nil {
		return nil, fmt.Errorf("add site: %w", err)
	}
	if err := validatePosition(n.Lat, n.Lon); err != nil {
		return nil, fmt.Errorf("add site %s: %w", name, err)
	}
	if n.RadiusM == 0 {
		n.RadiusM = DefaultSiteRadius
	}
	if err := validateRadius(n.RadiusM); err != nil {
		return nil, fmt.Errorf("add site %s: %w", name, err)
	}
	if n.Precision == "" {
		n.Precision = PrecisionExact
	}
	prec, precM, err := ParsePrecision(n.Precision)
	if err != nil {
		return nil, fmt.Errorf("add site %s: %w", name, err)
	}
	var id int64
	err = c.write(ctx, func(tx *sql.Tx) error {
		if other, err := siteByName(ctx, tx, name); err == nil {
			return fmt.Errorf("site %d is already named %q", other, name)
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		now := timestamp(c.now())
		r, err := c.insertRow(ctx, tx, `INSERT INTO sites(name, lat, lon, radius_m, precision, precision_m, created_by, created_at, updated_at)
			VALUES(?,?,?,?,?,?,?,?,?)`, name, n.Lat, n.Lon, n.RadiusM, prec, precM, c.Who(), now, now)
		if err != nil {
			return err
		}
		id, _ = r.LastInsertId()
		return c.audit(ctx, tx, "site.add", siteObject(id), map[string]any{"name": name, "lat": n.Lat, "lon": n.Lon,
			"radius_m": n.RadiusM, "precision": prec, "precision_m": precM})
	})
	if err != nil {
		return nil, fmt.Errorf("add site %s: %w", name, err)
	}
	return c.Site(ctx, id)
}

func siteObject(id int64) string { return fmt.Sprintf("site:%d", id) }

// Who returns who is making the changes: "user@computer", the actor
// without the program.
func (c *Case) Who() string {
	a := *c.actor.Load()
	if i := strings.LastIndex(a, ", "); i >= 0 {
		return a[:i]
	}
	return a
}

// siteByName returns the id of the current site with this name (any case).
func siteByName(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, name string) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM sites WHERE name = ? COLLATE NOCASE AND removed_at IS NULL`, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return id, err
}

// FindSite returns the site ref names: its id, or its name (any case)
// among the sites not removed.
func (c *Case) FindSite(ctx context.Context, ref string) (*Site, error) {
	ref = strings.Join(strings.Fields(ref), " ")
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return c.Site(ctx, id)
	}
	id, err := siteByName(ctx, c.rd, ref)
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("no site %q in the case (give its id or its name; exhibit site ls lists them): %w", ref, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find site %s: %w", ref, err)
	}
	return c.Site(ctx, id)
}

const siteColumns = `id, name, lat, lon, radius_m, precision, precision_m, status, verified_lat, verified_lon,
	verified_by, verified_at, verified_how, created_by, created_at, updated_at, removed_at,
	(SELECT count(*) FROM site_images d WHERE d.site_id = sites.id AND d.decision = 'attached'
		AND d.id = (SELECT max(id) FROM site_images e WHERE e.site_id = d.site_id AND e.image_id = d.image_id))`

func scanSite(row interface{ Scan(...any) error }) (*Site, error) {
	var s Site
	var vlat, vlon sql.NullFloat64
	var vby, vat, vhow, removed sql.NullString
	var created, updated string
	err := row.Scan(&s.ID, &s.Name, &s.Lat, &s.Lon, &s.RadiusM, &s.Precision, &s.PrecisionM, &s.Status,
		&vlat, &vlon, &vby, &vat, &vhow, &s.CreatedBy, &created, &updated, &removed, &s.ImageCount)
	if err != nil {
		return nil, err
	}
	if vlat.Valid && vlon.Valid {
		s.Verified = &SiteVerification{Lat: vlat.Float64, Lon: vlon.Float64, By: vby.String, At: parseTimestamp(vat.String), How: vhow.String}
	}
	s.CreatedAt, s.UpdatedAt = parseTimestamp(created), parseTimestamp(updated)
	if removed.Valid {
		t := parseTimestamp(removed.String)
		s.RemovedAt = &t
	}
	return &s, nil
}

// Site returns a site by id (removed ones too: they stay in the record),
// with its notes and tags.
func (c *Case) Site(ctx context.Context, id int64) (*Site, error) {
	s, err := scanSite(c.rd.QueryRowContext(ctx, `SELECT `+siteColumns+` FROM sites WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("no site %d in the case: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read site %d: %w", id, err)
	}
	if err := c.loadSiteExtras(ctx, s); err != nil {
		return nil, err
	}
	return s, nil
}

func (c *Case) loadSiteExtras(ctx context.Context, s *Site) error {
	rows, err := c.rd.QueryContext(ctx, `SELECT id, text, author, created_at FROM site_notes WHERE site_id = ? AND removed_at IS NULL ORDER BY id`, s.ID)
	if err != nil {
		return fmt.Errorf("notes of site %d: %w", s.ID, err)
	}
	defer rows.Close()
	s.Notes = []SiteNote{}
	for rows.Next() {
		var n SiteNote
		var at string
		if err := rows.Scan(&n.ID, &n.Text, &n.Author, &at); err != nil {
			return fmt.Errorf("notes of site %d: %w", s.ID, err)
		}
		n.CreatedAt = parseTimestamp(at)
		s.Notes = append(s.Notes, n)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("notes of site %d: %w", s.ID, err)
	}
	trows, err := c.rd.QueryContext(ctx, `SELECT tag FROM site_tags WHERE site_id = ? AND removed_at IS NULL ORDER BY tag`, s.ID)
	if err != nil {
		return fmt.Errorf("tags of site %d: %w", s.ID, err)
	}
	defer trows.Close()
	s.Tags = []string{}
	for trows.Next() {
		var t string
		if err := trows.Scan(&t); err != nil {
			return fmt.Errorf("tags of site %d: %w", s.ID, err)
		}
		s.Tags = append(s.Tags, t)
	}
	return trows.Err()
}

// Sites returns the sites, by name; the removed ones only when removed is
// set.
func (c *Case) Sites(ctx context.Context, removed bool) ([]*Site, error) {
	q := `SELECT ` + siteColumns + ` FROM sites`
	if !removed {
		q += ` WHERE removed_at IS NULL`
	}
	rows, err := c.rd.QueryContext(ctx, q+` ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, fmt.Errorf("list sites: %w", err)
	}
	var out []*Site
	for rows.Next() {
		s, err := scanSite(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("list sites: %w", err)
		}
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list sites: %w", err)
	}
	for _, s := range out {
		if err := c.loadSiteExtras(ctx, s); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// RemoveSite marks a site removed: it is kept in the record with its
// images, codes and notes, and no longer listed.
func (c *Case) RemoveSite(ctx context.Context, id int64) error {
	err := c.write(ctx, func(tx *sql.Tx) error {
		var name string
		err := tx.QueryRowContext(ctx, `SELECT name FROM sites WHERE id = ? AND removed_at IS NULL`, id).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("no site %d (or removed already): %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sites SET removed_at = ?, updated_at = ? WHERE id = ?`, timestamp(c.now()), timestamp(c.now()), id); err != nil {
			return err
		}
		return c.audit(ctx, tx, "site.remove", siteObject(id), map[string]any{"name": name})
	})
	if err != nil {
		return fmt.Errorf("remove site %d: %w", id, err)
	}
	return nil
}

// distanceM returns the great-circle distance in metres.
func distanceM(lat1, lon1, lat2, lon2 float64) float64 {
	return DistanceKm(lat1, lon1, lat2, lon2) * 1000
}

// bearing returns the initial bearing from the first point to the second,
// in degrees clockwise from north, 0..360.
func bearing(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	y := math.Sin((lon2-lon1)*rad) * math.Cos(lat2*rad)
	x := math.Cos(lat1*rad)*math.Sin(lat2*rad) - math.Sin(lat1*rad)*math.Cos(lat2*rad)*math.Cos((lon2-lon1)*rad)
	return math.Mod(math.Atan2(y, x)/rad+360, 360)
}
