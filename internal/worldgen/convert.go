package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"math"
	"os"
)

// run converts the TopoJSON at in into the basemap file at out.
func run(in, out string) error {
	t, err := readTopology(in)
	if err != nil {
		return err
	}
	var w writer
	w.buf.WriteString("EXWORLD1")
	for _, f := range []float64{t.Transform.Scale[0], t.Transform.Scale[1], t.Transform.Translate[0], t.Transform.Translate[1]} {
		_ = binary.Write(&w.buf, binary.LittleEndian, f)
	}
	period := int(math.Round(360 / t.Transform.Scale[0]))
	poleN := int(math.Round((90 - t.Transform.Translate[1]) / t.Transform.Scale[1]))
	uses := map[int]map[int]bool{} // arc -> the countries whose rings use it
	geoms := t.Objects.Countries.Geometries
	w.uvarint(len(geoms))
	for ci, g := range geoms {
		rings, err := g.rings()
		if err != nil {
			return fmt.Errorf("convert %s: %w", in, err)
		}
		var pts [][][2]int
		for _, r := range rings {
			for _, a := range r {
				if a < 0 {
					a = ^a
				}
				if uses[a] == nil {
					uses[a] = map[int]bool{}
				}
				uses[a][ci] = true
			}
			pts = append(pts, unwrap(t.ringPoints(r), period, poleN))
		}
		w.str(g.Properties.Name)
		lx, ly := labelPoint(pts)
		lx = ((lx % period) + period) % period
		w.varint(lx)
		w.varint(ly)
		w.uvarint(len(pts))
		for _, p := range pts {
			w.points(p)
		}
	}
	var lines [][][2]int
	var kinds []int
	for i := range t.Arcs {
		kind := 0
		if len(uses[i]) > 1 {
			kind = 1
		}
		for _, piece := range split(t.Arcs[i], period) {
			lines, kinds = append(lines, piece), append(kinds, kind)
		}
	}
	w.uvarint(len(lines))
	for i, l := range lines {
		w.uvarint(kinds[i])
		w.points(l)
	}
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	if _, err := zw.Write(w.buf.Bytes()); err != nil {
		return fmt.Errorf("compress: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("compress: %w", err)
	}
	if err := os.WriteFile(out, z.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write basemap: %w", err)
	}
	fmt.Printf("%s: %d countries, %d lines, %d bytes\n", out, len(geoms), len(lines), z.Len())
	return nil
}

// unwrap makes a ring's longitudes continuous where it jumps across the
// antimeridian; a ring left a whole turn apart goes round a pole and is
// closed along it (y 0 is the south pole, poleN the north).
func unwrap(r [][2]int, period, poleN int) [][2]int {
	out := make([][2]int, len(r))
	shift, sumY := 0, 0
	for i, p := range r {
		if i > 0 {
			if d := p[0] - r[i-1][0]; d > period/2 {
				shift -= period
			} else if d < -period/2 {
				shift += period
			}
		}
		out[i] = [2]int{p[0] + shift, p[1]}
		sumY += p[1]
	}
	if shift != 0 {
		pole := 0
		if sumY/len(r) > poleN/2 {
			pole = poleN
		}
		last, first := out[len(out)-1], out[0]
		out = append(out, [2]int{last[0], pole}, [2]int{first[0], pole}, first)
	}
	return out
}

// split cuts a line where it jumps across the antimeridian.
func split(a [][2]int, period int) [][][2]int {
	var out [][][2]int
	start := 0
	for i := 1; i < len(a); i++ {
		if d := a[i][0] - a[i-1][0]; d > period/2 || d < -period/2 {
			if i-start > 1 {
				out = append(out, a[start:i])
			}
			start = i
		}
	}
	if len(a)-start > 1 {
		out = append(out, a[start:])
	}
	return out
}

// labelPoint returns the centroid of the largest ring, where the
// country's name is written.
func labelPoint(rings [][][2]int) (x, y int) {
	best := 0.0
	for _, r := range rings {
		var a, cx, cy float64
		for i := range r {
			p, q := r[i], r[(i+1)%len(r)]
			c := float64(p[0])*float64(q[1]) - float64(q[0])*float64(p[1])
			a += c
			cx += float64(p[0]+q[0]) * c
			cy += float64(p[1]+q[1]) * c
		}
		if math.Abs(a) > best {
			best = math.Abs(a)
			x, y = int(cx/(3*a)), int(cy/(3*a))
		}
	}
	return x, y
}

// writer appends the basemap's varints and strings.
type writer struct{ buf bytes.Buffer }

func (w *writer) uvarint(v int) { w.buf.Write(binary.AppendUvarint(nil, uint64(v))) }
func (w *writer) varint(v int)  { w.buf.Write(binary.AppendVarint(nil, int64(v))) }

func (w *writer) str(s string) {
	w.uvarint(len(s))
	w.buf.WriteString(s)
}

// points writes a count and the points, delta-encoded.
func (w *writer) points(p [][2]int) {
	w.uvarint(len(p))
	px, py := 0, 0
	for _, q := range p {
		w.varint(q[0] - px)
		w.varint(q[1] - py)
		px, py = q[0], q[1]
	}
}
