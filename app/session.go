package app

import (
	"context"

	"github.com/exhibit-app/exhibit/catalog"
)

// session is an open case and what the screens share about it. It ends
// (its context is cancelled, then the case closed) when another case is
// opened or the window closes.
type session struct {
	c      *catalog.Case
	ctx    context.Context
	cancel context.CancelFunc
}

func newSession(c *catalog.Case) *session {
	ctx, cancel := context.WithCancel(context.Background())
	return &session{c: c, ctx: ctx, cancel: cancel}
}

// close cancels the session's background work and closes the case.
func (s *session) close() error {
	s.cancel()
	return s.c.Close()
}
