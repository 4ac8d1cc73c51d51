package pdfengine

import (
	"context"
	"fmt"
	"time"
)

// DefaultKeepOpen is how many documents an engine keeps open for
// OpenKept, unless Options say otherwise.
const DefaultKeepOpen = 2

// keptUses is how many calls a kept document serves before it is opened
// again: PDFium keeps what it parsed of a document while it is open, so
// the memory a kept document holds stays bounded however many pages are
// viewed.
const keptUses = 400

// kept is a document kept open under its key.
type kept struct {
	key  string
	doc  *Doc
	refs int  // borrowers not done with it
	gone bool // evicted: closed when the last borrower is done
}

// Stats are what an engine did: documents opened, and kept open.
type Stats struct {
	// Opened counts the documents opened (Open, OpenReader and OpenKept
	// when it opened one).
	Opened int64
	// Kept is how many documents are kept open now.
	Kept int
}

// Stats returns what the engine did so far.
func (e *Engine) Stats() Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	return Stats{Opened: e.opened, Kept: len(e.kept)}
}

// OpenKept returns the document named key (a file's path, size and
// modification time, or its hash), kept open between calls: the first
// call opens it from the bytes read returns, the next ones find it open,
// so that rendering another page does not open and parse the file again.
// The engine keeps the last KeepOpen documents used, closing the least
// recently used one when another is opened, or when an instance is needed
// for another document, and all of them on Close. Call done when finished
// with the document (never Close it). A kept document is not bound to
// ctx, which only bounds its opening; each call on it is bounded by the
// engine's Timeout.
func (e *Engine) OpenKept(ctx context.Context, key string, read func() ([]byte, error)) (doc *Doc, done func(), err error) {
	if k := e.borrow(key); k != nil {
		return k.doc, e.giveBack(k), nil
	}
	data, err := read()
	if err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("open PDF: %w", err)
	}
	d, err := e.openKept(data)
	if err != nil {
		return nil, nil, err
	}
	k := e.keep(key, d)
	return k.doc, e.giveBack(k), nil
}

// openKept opens data as a document that outlives the call: its life is
// not bounded, each call on it is (Doc.do).
func (e *Engine) openKept(data []byte) (*Doc, error) {
	return e.openBytes(context.Background(), data, 0)
}

// borrow returns the document kept under key, counted as borrowed, or nil
// (a kept document that died or served its uses is dropped).
func (e *Engine) borrow(key string) *kept {
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, k := range e.kept {
		if k.key != key {
			continue
		}
		if k.doc.dead() || k.doc.uses.Load() >= keptUses {
			e.evictAt(i)
			return nil
		}
		k.refs++
		// the most recent last
		e.kept = append(append(e.kept[:i:i], e.kept[i+1:]...), k)
		return k
	}
	return nil
}

// keep keeps d under key, evicting the least recently used documents past
// KeepOpen. Another borrower may have opened the same key meanwhile: both
// are kept until evicted.
func (e *Engine) keep(key string, d *Doc) *kept {
	e.mu.Lock()
	defer e.mu.Unlock()
	d.kept = true
	k := &kept{key: key, doc: d, refs: 1}
	e.kept = append(e.kept, k)
	for len(e.kept) > e.opt.KeepOpen {
		e.evictAt(0)
	}
	return k
}

// giveBack is the done of a borrowed document.
func (e *Engine) giveBack(k *kept) func() {
	var once bool
	return func() {
		e.mu.Lock()
		if once {
			e.mu.Unlock()
			return
		}
		once = true
		k.refs--
		closeIt := k.gone && k.refs == 0
		e.mu.Unlock()
		if closeIt {
			k.doc.Close()
		}
	}
}

// evictAt drops the kept document at i, closing it unless borrowed (then
// its last borrower closes it). e.mu is held.
func (e *Engine) evictAt(i int) {
	k := e.kept[i]
	e.kept = append(e.kept[:i:i], e.kept[i+1:]...)
	k.gone = true
	if k.refs == 0 {
		go k.doc.Close() // Close takes the document's lock, maybe held by a call
	}
}

// evictIdle closes the least recently used kept document no one borrows,
// to free its instance; it says whether it did.
func (e *Engine) evictIdle() bool {
	e.mu.Lock()
	var idle *kept
	for i, k := range e.kept {
		if k.refs == 0 {
			e.kept = append(e.kept[:i:i], e.kept[i+1:]...)
			k.gone, idle = true, k
			break
		}
	}
	e.mu.Unlock()
	if idle == nil {
		return false
	}
	idle.doc.Close()
	return true
}

// closeKept closes every kept document (on Close). e.mu is held.
func (e *Engine) closeKept() {
	for _, k := range e.kept {
		k.gone = true
	}
	e.kept = nil
}

// callTimer bounds one call on a kept document by the engine's Timeout:
// past it the instance is killed. stop ends the watch.
func (d *Doc) callTimer() (stop func()) {
	if !d.kept {
		return func() {}
	}
	t := time.AfterFunc(d.e.opt.Timeout, func() {
		d.expired.Store(true)
		d.cancel()
	})
	return func() { t.Stop() }
}
