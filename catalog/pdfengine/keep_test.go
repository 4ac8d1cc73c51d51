package pdfengine

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestOpenKeptOpensOnce: rendering every page of a document through
// OpenKept opens it once; another document is opened once more, and the
// least recently used one past KeepOpen is closed; an instance needed for
// another document frees a kept one; Close closes them.
func TestOpenKeptOpensOnce(t *testing.T) {
	e := New(Options{Instances: 2, KeepOpen: 1})
	defer e.Close()
	pages := make([][]line, 5)
	for i := range pages {
		pages[i] = []line{{72, 100, "A page of the report"}}
	}
	a, b := makePDF(t, pages, ""), makePDF(t, pages[:2], "")
	reads := 0
	read := func(data []byte) func() ([]byte, error) {
		return func() ([]byte, error) { reads++; return data, nil }
	}
	render := func(key string, data []byte, page int) {
		t.Helper()
		doc, done, err := e.OpenKept(context.Background(), key, read(data))
		if err != nil {
			t.Fatal(err)
		}
		defer done()
		if _, err := doc.Render(page, 20); err != nil {
			t.Fatal(err)
		}
	}
	for page := 1; page <= 5; page++ {
		render("a", a, page)
	}
	if s := e.Stats(); s.Opened != 1 || s.Kept != 1 || reads != 1 {
		t.Fatalf("5 pages rendered: %d documents opened, %d read, %d kept; want 1, 1, 1", s.Opened, reads, s.Kept)
	}
	render("b", b, 2)
	render("b", b, 1)
	if s := e.Stats(); s.Opened != 2 || s.Kept != 1 {
		t.Fatalf("another document: %d opened, %d kept; want 2, 1", s.Opened, s.Kept)
	}
	render("a", a, 3) // a was closed when b was kept
	if s := e.Stats(); s.Opened != 3 {
		t.Fatalf("the first document again: %d opened, want 3", s.Opened)
	}
	// both instances: one kept, one borrowed by Open; a third document
	// needs the kept one's instance, which is freed for it.
	d1, err := e.Open(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	d2, err := e.Open(ctx, a)
	if err != nil {
		t.Fatalf("a kept document held the last instance: %v", err)
	}
	d1.Close()
	d2.Close()
	if s := e.Stats(); s.Kept != 0 {
		t.Errorf("%d documents still kept after their instance was needed", s.Kept)
	}
	render("a", a, 1)
	doc, done, err := e.OpenKept(context.Background(), "a", read(a))
	if err != nil {
		t.Fatal(err)
	}
	done()
	e.Close()
	if _, err := doc.Render(1, 20); err == nil {
		t.Error("a kept document still renders after the engine closed")
	}
	if _, _, err := e.OpenKept(context.Background(), "a", read(a)); !errors.Is(err, ErrClosed) {
		t.Errorf("OpenKept after Close: %v, want ErrClosed", err)
	}
}
