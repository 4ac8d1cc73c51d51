package hub

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// connectTimeout bounds how long reaching the hub may take.
const connectTimeout = 15 * time.Second

// connect opens a connection to the hub's database at dbURL, with
// messages that say what to do when it fails.
func connect(ctx context.Context, dbURL string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(dbURL)
	if err != nil {
		return nil, fmt.Errorf("hub database URL %s: %w (want postgres://USER@HOST:PORT/DATABASE)", RedactURL(dbURL), unwrapParse(err))
	}
	if cfg.ConnectTimeout == 0 || cfg.ConnectTimeout > connectTimeout {
		cfg.ConnectTimeout = connectTimeout
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to the hub %s: %w", RedactURL(dbURL), explainPG(err, cfg.User))
	}
	return conn, nil
}

// unwrapParse drops pgx's echo of the whole connection string (which may
// hold a password) from a parse error.
func unwrapParse(err error) error {
	var pe *pgconn.ParseConfigError
	if errors.As(err, &pe) && pe.Unwrap() != nil {
		return pe.Unwrap()
	}
	return errors.New("cannot be parsed")
}

// explainPG says what to do about PostgreSQL's common refusals.
func explainPG(err error, user string) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01":
			return fmt.Errorf("PostgreSQL refused the password of role %s (set PGPASSWORD, ~/.pgpass or the URL's password): %w", user, err)
		case "28000":
			return fmt.Errorf("PostgreSQL does not let role %s in (no such role, or pg_hba.conf refuses it): %w", user, err)
		case "3D000":
			return fmt.Errorf("no such database on the server (make it first: createdb): %w", err)
		}
		return err
	}
	var ne net.Error
	var oe *net.OpError
	if errors.As(err, &oe) || errors.As(err, &ne) || strings.Contains(err.Error(), "connection refused") {
		return fmt.Errorf("the server cannot be reached (is it running, and the host and port right?): %w", err)
	}
	return err
}

// RedactURL returns a database URL without its password, as the case
// keeps it and messages show it.
func RedactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return "(unparsable URL)"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// transient reports whether err may go away when tried again: a lost
// connection, a server restarting, a serialization failure.
func transient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "08"), pe.Code == "40001", pe.Code == "40P01",
			pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", pe.Code == "53300":
			return true
		}
		return false
	}
	var ne net.Error
	return errors.As(err, &ne) || pgconn.SafeToRetry(err) || errors.Is(err, net.ErrClosed) ||
		strings.Contains(err.Error(), "conn closed") || strings.Contains(err.Error(), "unexpected EOF")
}
