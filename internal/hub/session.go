package hub

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// maxAttempts is how often a step failing for a transient reason is tried.
const maxAttempts = 6

// session is a connection to a hub that reconnects when a step fails for
// a transient reason (a lost connection, a restarting server) and tries
// it again.
type session struct {
	dbURL    string
	conn     *pgx.Conn
	user     string // the PG role, for messages
	progress func(string)
	// wait is the pause before the n-th attempt (tests shorten it).
	wait func(n int) time.Duration
}

// openSession connects to the hub at dbURL.
func openSession(ctx context.Context, dbURL string, progress func(string)) (*session, error) {
	if progress == nil {
		progress = func(string) {}
	}
	s := &session{dbURL: dbURL, progress: progress, wait: func(n int) time.Duration {
		return time.Duration(250<<min(n, 5)) * time.Millisecond
	}}
	conn, err := connect(ctx, dbURL)
	if err != nil {
		return nil, err
	}
	s.conn, s.user = conn, conn.Config().User
	return s, nil
}

// close ends the connection.
func (s *session) close() {
	if s.conn != nil {
		s.conn.Close(context.Background())
		s.conn = nil
	}
}

// do runs step, retrying it on a fresh connection while it fails for a
// transient reason.
func (s *session) do(ctx context.Context, what string, step func(conn *pgx.Conn) error) error {
	var err error
	for n := 1; n <= maxAttempts; n++ {
		if s.conn == nil || s.conn.IsClosed() {
			s.conn, err = connect(ctx, s.dbURL)
			if err != nil && !transient(err) {
				return err
			}
		}
		if err == nil {
			err = step(s.conn)
			if err == nil {
				return nil
			}
		}
		if !transient(err) || n == maxAttempts {
			break
		}
		s.progress(fmt.Sprintf("%s: %v; trying again (%d/%d)", what, err, n+1, maxAttempts))
		s.close()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(s.wait(n)):
		}
	}
	return fmt.Errorf("%s: %w", what, explainPG(err, s.user))
}
