package ui

import (
	"context"

	"github.com/exhibit-app/exhibit/catalog"
)

// Session is an open case and what the screens share about it. It ends
// (its context is cancelled, then the case closed) when another case is
// opened or the window closes.
type Session struct {
	Case   *catalog.Case
	Ctx    context.Context
	Cancel context.CancelFunc

	// arriving are the files an import is reading (see arriving.go).
	arriving arrivals
}

func NewSession(c *catalog.Case) *Session {
	ctx, cancel := context.WithCancel(context.Background())
	return &Session{Case: c, Ctx: ctx, Cancel: cancel}
}

// Close cancels the session's background work and closes the case.
func (s *Session) Close() error {
	s.Cancel()
	return s.Case.Close()
}
