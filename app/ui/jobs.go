package ui

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"fyne.io/fyne/v2"
)

// Every long job runs in a goroutine and hands its result to the UI
// goroutine through fyne.Do; nothing here blocks the UI goroutine.

// Latest runs background loads of which only the last one started
// matters: starting one cancels the previous, and a result arriving after a
// later load started is dropped (a generation counter). Use it from the UI
// goroutine only.
type Latest struct {
	gen        uint64
	CancelFunc context.CancelFunc
}

// Stop cancels the load in progress, if any; its result will be dropped.
func (l *Latest) Stop() {
	l.gen++
	if l.CancelFunc != nil {
		l.CancelFunc()
		l.CancelFunc = nil
	}
}

// Load runs fetch in the background with a context derived from parent,
// then, on the UI goroutine, apply with its result, or fail with its error
// (not when it was cancelled) — unless another load was started on l
// meanwhile. A panic in fetch becomes an error.
func Load[T any](l *Latest, parent context.Context, fetch func(ctx context.Context) (T, error), apply func(T), fail func(error)) {
	l.Stop()
	gen := l.gen
	ctx, cancel := context.WithCancel(parent)
	l.CancelFunc = cancel
	go func() {
		v, err := protect(ctx, fetch)
		fyne.Do(func() {
			defer cancel()
			if gen != l.gen {
				return
			}
			l.CancelFunc = nil
			switch {
			case err != nil && ctx.Err() != nil:
			case err != nil:
				if fail != nil {
					fail(err)
				}
			default:
				apply(v)
			}
		})
	}()
}

// Background runs work in a goroutine, then done on the UI goroutine with
// its error (a panic becomes an error).
func Background(ctx context.Context, work func(ctx context.Context) error, done func(error)) {
	go func() {
		_, err := protect(ctx, func(ctx context.Context) (struct{}, error) { return struct{}{}, work(ctx) })
		if done != nil {
			fyne.Do(func() { done(err) })
		}
	}()
}

// ErrPanic marks an error made from a recovered panic.
var ErrPanic = errors.New("internal error")

// protect calls f, turning a panic into an error so that no panic leaves a
// background goroutine (which would end the program, losing the user's
// window).
func protect[T any](ctx context.Context, f func(context.Context) (T, error)) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			fyne.LogError(fmt.Sprintf("recovered: %v\n%s", r, debug.Stack()), nil)
			err = fmt.Errorf("%w: %v", ErrPanic, r)
		}
	}()
	return f(ctx)
}
