package reportparse

import (
	"go/ast"
	"go/parser"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestZZFuzzTime(t *testing.T) {
	dir := os.Getenv("FUZZDIR")
	if dir == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	type res struct {
		name string
		d    time.Duration
		n    int
		err  error
	}
	var out []res
	for _, fn := range files {
		raw, _ := os.ReadFile(fn)
		lines := strings.Split(string(raw), "\n")
		var vals []string
		for _, l := range lines[1:] {
			if l == "" {
				continue
			}
			e, err := parser.ParseExpr(l)
			if err != nil {
				t.Fatal(fn, err)
			}
			lit := e.(*ast.CallExpr).Args[0].(*ast.BasicLit)
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			vals = append(vals, s)
		}
		ext := vals[1]
		switch ext {
		case ".txt", ".md", ".html", ".pdf":
		default:
			ext = ".txt"
		}
		p := filepath.Join(t.TempDir(), "r"+ext)
		os.WriteFile(p, []byte(vals[0]), 0o644)
		st := time.Now()
		n := 0
		_, err := Parse(p, func(Block) error { n++; return nil })
		out = append(out, res{filepath.Base(fn), time.Since(st), n, err})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].d > out[j].d })
	for _, r := range out {
		t.Logf("%v %s blocks=%d err=%v", r.d, r.name, r.n, r.err)
	}
}
