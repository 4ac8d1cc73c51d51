package bag

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
)

// ctxWriter buffers writes to w and fails once ctx is done, so that a
// long copy stops soon after it is cancelled.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
	bw  *bufio.Writer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	if c.bw == nil {
		c.bw = bufio.NewWriterSize(c.w, 1<<20)
	}
	return c.bw.Write(p)
}

// flush writes what is buffered.
func (c *ctxWriter) flush() error {
	if c.bw == nil {
		return nil
	}
	return c.bw.Flush()
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// arrayWriter writes a JSON array, one element a line.
type arrayWriter struct {
	w     io.Writer
	count int
}

func newArrayWriter(w io.Writer) *arrayWriter { return &arrayWriter{w: w} }

func (a *arrayWriter) add(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	sep := ",\n"
	if a.count == 0 {
		sep = "[\n"
	}
	a.count++
	if _, err := io.WriteString(a.w, sep); err != nil {
		return err
	}
	_, err = a.w.Write(b)
	return err
}

func (a *arrayWriter) close() error {
	end := "\n]\n"
	if a.count == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(a.w, end)
	return err
}

// lineWriter writes JSON lines: one value a line.
type lineWriter struct{ w io.Writer }

func newLineWriter(w io.Writer) *lineWriter { return &lineWriter{w: w} }

func (l *lineWriter) add(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = l.w.Write(append(b, '\n'))
	return err
}
