package main

import (
	"encoding/json"
	"fmt"
	"os"
)

// topology is the part of a TopoJSON file worldgen reads.
type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects struct {
		Countries struct {
			Geometries []geometry `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
	Arcs [][][2]int `json:"arcs"`
}

// geometry is a country: a Polygon (rings of arc indexes) or a
// MultiPolygon (polygons of rings).
type geometry struct {
	Type       string          `json:"type"`
	Arcs       json.RawMessage `json:"arcs"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
}

// readTopology reads a quantized TopoJSON file and decodes its arcs'
// delta encoding into absolute quantized positions.
func readTopology(path string) (*topology, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read topology: %w", err)
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("parse topology %s: %w", path, err)
	}
	if t.Transform.Scale[0] == 0 || len(t.Objects.Countries.Geometries) == 0 {
		return nil, fmt.Errorf("%s: not a quantized topology with countries", path)
	}
	for _, a := range t.Arcs {
		for i := 1; i < len(a); i++ {
			a[i][0] += a[i-1][0]
			a[i][1] += a[i-1][1]
		}
	}
	return &t, nil
}

// rings returns a country's rings, each a list of signed arc indexes
// (~i for arc i reversed).
func (g geometry) rings() ([][]int, error) {
	switch g.Type {
	case "Polygon":
		var p [][]int
		if err := json.Unmarshal(g.Arcs, &p); err != nil {
			return nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
		}
		return p, nil
	case "MultiPolygon":
		var mp [][][]int
		if err := json.Unmarshal(g.Arcs, &mp); err != nil {
			return nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
		}
		var out [][]int
		for _, p := range mp {
			out = append(out, p...)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s: geometry type %q", g.Properties.Name, g.Type)
}

// ringPoints joins a ring's arcs into its points.
func (t *topology) ringPoints(r []int) [][2]int {
	var out [][2]int
	for _, i := range r {
		a := t.arc(i)
		if len(out) > 0 {
			a = a[1:]
		}
		out = append(out, a...)
	}
	return out
}

// arc returns arc i's points (reversed for ~i).
func (t *topology) arc(i int) [][2]int {
	if i >= 0 {
		return t.Arcs[i]
	}
	a := t.Arcs[^i]
	r := make([][2]int, len(a))
	for k, p := range a {
		r[len(a)-1-k] = p
	}
	return r
}
