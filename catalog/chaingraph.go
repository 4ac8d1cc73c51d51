package catalog

import (
	"encoding/json"
	"sort"
)

// chainGraph is the chain as VerifyChain reads it: each entry, its depth
// and the entries it follows (its prev and, for a sync.merge entry, the
// other heads it joins).
type chainGraph struct {
	nodes map[string]*chainNode
	order []*chainNode // as stored
	// followed marks the entries some later entry follows.
	followed map[string]bool
	maxSeq   int64
}

type chainNode struct {
	id      int64
	action  string
	hash    string
	seq     int64
	parents []string
}

func newChainGraph() *chainGraph {
	return &chainGraph{nodes: map[string]*chainNode{}, followed: map[string]bool{}}
}

// add reads the next stored entry: it returns its depth (1 + the greatest
// depth of what it follows) and whether everything it follows was read
// before it (and only the chain's first entry follows nothing).
func (g *chainGraph) add(e storedEntry) (int64, bool) {
	n := &chainNode{id: e.id, action: e.action, hash: e.hash.String}
	if e.prev.String != "" {
		n.parents = append(n.parents, e.prev.String)
	}
	if e.action == "sync.merge" {
		var d mergeDetails
		if json.Unmarshal([]byte(e.details), &d) == nil {
			n.parents = append(n.parents, d.Parents...)
		}
	}
	linked := len(n.parents) > 0 || len(g.order) == 0
	depth := int64(1)
	for _, p := range n.parents {
		pn, ok := g.nodes[p]
		if !ok {
			linked = false
			continue
		}
		g.followed[p] = true
		depth = max(depth, pn.seq+1)
	}
	n.seq = depth
	g.maxSeq = max(g.maxSeq, depth)
	if _, dup := g.nodes[n.hash]; !dup {
		g.nodes[n.hash] = n
	}
	g.order = append(g.order, n)
	return depth, linked
}

// head returns the newest entry's hash ("" for an empty chain).
func (g *chainGraph) head() string {
	if len(g.order) == 0 {
		return ""
	}
	return g.order[len(g.order)-1].hash
}

// deepest returns the greatest depth in the chain.
func (g *chainGraph) deepest() int64 { return g.maxSeq }

// strays returns the entries, other than the newest, that nothing
// follows: in a sound chain every entry is an ancestor of the newest.
func (g *chainGraph) strays() []*chainNode {
	var out []*chainNode
	for i, n := range g.order {
		if i < len(g.order)-1 && !g.followed[n.hash] {
			out = append(out, n)
		}
	}
	return out
}

// uncovered returns the ids, in order, of the entries that are ancestors
// of none of the signed heads.
func (g *chainGraph) uncovered(heads []string) []int64 {
	seen := map[string]bool{}
	// Deepest heads first: most of the chain is walked once.
	sort.Slice(heads, func(i, j int) bool { return g.nodes[heads[i]].seq > g.nodes[heads[j]].seq })
	for _, h := range heads {
		stack := []string{h}
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[x] {
				continue
			}
			seen[x] = true
			if n := g.nodes[x]; n != nil {
				stack = append(stack, n.parents...)
			}
		}
	}
	var out []int64
	for _, n := range g.order {
		if !seen[n.hash] {
			out = append(out, n.id)
		}
	}
	return out
}
