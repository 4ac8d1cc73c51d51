package geo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"

	"github.com/exhibit-app/exhibit/assets"
)

// World is the built-in basemap drawn when a case has none: Natural
// Earth's countries at 1:50m, already projected, and its populated
// places at 1:110m.
type World struct {
	Countries []Country
	// Coasts and Borders are the lines between land and sea, and between
	// two countries.
	Coasts, Borders []Path
	// Places are the populated places, most important first.
	Places []Place
}

// Country is one of the world's countries: its name, where the name is
// written, and its rings (outer ones and holes, for a non-zero fill).
type Country struct {
	Name  string
	Label Point
	// Box is the bounds of its largest ring, to tell when the name fits.
	Box   Path
	Rings []Path
}

// Path is a line or ring in world units, with its bounds.
type Path struct {
	Pts    []Point
	Lo, Hi Point
}

var (
	worldOnce sync.Once
	world     *World
	worldErr  error
)

// LoadWorld returns the built-in world basemap, read once.
func LoadWorld() (*World, error) {
	worldOnce.Do(func() {
		world, worldErr = ReadWorld(assets.World)
		if worldErr == nil {
			world.Places, worldErr = ReadPlaces(assets.Places)
		}
	})
	return world, worldErr
}

// ReadWorld reads a world basemap in internal/worldgen's format.
func ReadWorld(gz []byte) (w *World, err error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("read world basemap: %w", err)
	}
	r := &worldReader{r: bufio.NewReader(zr)}
	defer func() {
		if err != nil {
			err = fmt.Errorf("read world basemap: %w", err)
		}
	}()
	magic := make([]byte, 8)
	if _, err := io.ReadFull(r.r, magic); err != nil || string(magic) != "EXWORLD1" {
		return nil, errors.New("not an Exhibit world basemap")
	}
	var tf [4]float64
	if err := binary.Read(r.r, binary.LittleEndian, &tf); err != nil {
		return nil, err
	}
	r.sx, r.sy, r.tx, r.ty = tf[0], tf[1], tf[2], tf[3]
	w = &World{}
	n := r.count(1000)
	for range n {
		c := Country{Name: r.str()}
		c.Label = r.point(r.svarint(), r.svarint())
		for range r.count(100000) {
			p := r.path()
			c.Rings = append(c.Rings, p)
			if area(p) > area(c.Box) {
				c.Box = Path{Lo: p.Lo, Hi: p.Hi}
			}
		}
		w.Countries = append(w.Countries, c)
	}
	for range r.count(1000000) {
		border := r.count(1) == 1
		p := r.path()
		if border {
			w.Borders = append(w.Borders, p)
		} else {
			w.Coasts = append(w.Coasts, p)
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	return w, nil
}

func area(p Path) float64 { return (p.Hi.X - p.Lo.X) * (p.Hi.Y - p.Lo.Y) }

// worldReader reads varints, remembering the first error.
type worldReader struct {
	r              *bufio.Reader
	sx, sy, tx, ty float64
	err            error
}

func (r *worldReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(r.r)
	r.err = err
	return v
}

func (r *worldReader) svarint() int {
	if r.err != nil {
		return 0
	}
	v, err := binary.ReadVarint(r.r)
	r.err = err
	return int(v)
}

// count reads a count, at most limit.
func (r *worldReader) count(limit int) int {
	v := r.uvarint()
	if v > uint64(limit) {
		if r.err == nil {
			r.err = fmt.Errorf("count %d over %d", v, limit)
		}
		return 0
	}
	return int(v)
}

func (r *worldReader) str() string {
	b := make([]byte, r.count(200))
	if r.err == nil {
		_, r.err = io.ReadFull(r.r, b)
	}
	return string(b)
}

// point projects quantized coordinates.
func (r *worldReader) point(x, y int) Point {
	return Project(float64(y)*r.sy+r.ty, float64(x)*r.sx+r.tx)
}

// path reads delta-encoded points.
func (r *worldReader) path() Path {
	n := r.count(1000000)
	p := Path{Pts: make([]Point, 0, n), Lo: Point{math.Inf(1), math.Inf(1)}, Hi: Point{math.Inf(-1), math.Inf(-1)}}
	x, y := 0, 0
	for range n {
		x += r.svarint()
		y += r.svarint()
		q := r.point(x, y)
		p.Pts = append(p.Pts, q)
		p.Lo = Point{math.Min(p.Lo.X, q.X), math.Min(p.Lo.Y, q.Y)}
		p.Hi = Point{math.Max(p.Hi.X, q.X), math.Max(p.Hi.Y, q.Y)}
	}
	return p
}
