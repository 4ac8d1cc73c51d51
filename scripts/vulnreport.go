//go:build ignore

// vulnreport.go: scripts/lint.sh runs it as `go run scripts/vulnreport.go < govulncheck.json`.
// It reads govulncheck's JSON stream (-format json, which exits 0 whatever it finds) and prints
// what it found in three groups: vulnerable code that our code calls in a module we require (a
// failure: exit 1), the same in the standard library of the Go that built us (printed, not a
// failure: see lint.sh), and vulnerabilities of required modules or imported packages whose
// vulnerable code we do not call (information). Exit 2 when the stream is not govulncheck's.
// With -expect ID,ID... it checks the database instead: it exits 0 only when each of those
// advisories is found in code called in a required module (lint.sh's proof on a known module).
// A file of its own behind `//go:build ignore`: no package of the module, so no row in
// DEVELOPERS.md's layout table.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
)

type frame struct {
	Module   string `json:"module"`
	Version  string `json:"version"`
	Package  string `json:"package"`
	Function string `json:"function"`
	Receiver string `json:"receiver"`
	Position *struct {
		Filename string `json:"filename"`
		Line     int    `json:"line"`
	} `json:"position"`
}

type message struct {
	Config *struct {
		ScannerVersion string `json:"scanner_version"`
		DB             string `json:"db"`
		GoVersion      string `json:"go_version"`
	} `json:"config"`
	OSV *struct {
		ID      string `json:"id"`
		Summary string `json:"summary"`
	} `json:"osv"`
	Finding *struct {
		OSV          string   `json:"osv"`
		FixedVersion string   `json:"fixed_version"`
		Trace        []*frame `json:"trace"`
	} `json:"finding"`
}

// vuln is one OSV entry as found: at the deepest level seen, with one example call path.
type vuln struct {
	id, module, version, fixed string
	packages                   map[string]bool
	symbol                     bool   // our code calls the vulnerable code
	example                    string // one call path, ours first
	depth, paths               int
}

func main() {
	expect := flag.String("expect", "", "advisories (comma-separated) that must be found in called module code")
	flag.Parse()
	summaries := map[string]string{}
	vulns := map[string]*vuln{}
	goVersion, configs := "", 0
	dec := json.NewDecoder(os.Stdin)
	for {
		var m message
		if err := dec.Decode(&m); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			fmt.Fprintln(os.Stderr, "vulnreport: not govulncheck's JSON:", err)
			os.Exit(2)
		}
		switch {
		case m.Config != nil:
			configs++
			goVersion = m.Config.GoVersion
		case m.OSV != nil:
			summaries[m.OSV.ID] = m.OSV.Summary
		case m.Finding != nil && len(m.Finding.Trace) > 0:
			f, top := m.Finding, m.Finding.Trace[0]
			key := f.OSV + " " + top.Module
			v := vulns[key]
			if v == nil {
				v = &vuln{id: f.OSV, module: top.Module, version: top.Version, fixed: f.FixedVersion, packages: map[string]bool{}}
				vulns[key] = v
			}
			if top.Package != "" {
				v.packages[top.Package] = true
			}
			if top.Function != "" {
				v.symbol = true
				v.paths++
				// The shortest path, the same one whatever order the findings come in.
				if p := callPath(f.Trace); v.example == "" || len(f.Trace) < v.depth ||
					len(f.Trace) == v.depth && p < v.example {
					v.example, v.depth = p, len(f.Trace)
				}
			}
		}
	}
	if configs == 0 {
		fmt.Fprintln(os.Stderr, "vulnreport: no govulncheck config message on stdin: did govulncheck run?")
		os.Exit(2)
	}
	var ours, std, info []*vuln
	for _, v := range vulns {
		switch {
		case !v.symbol:
			info = append(info, v)
		case v.module == "stdlib":
			std = append(std, v)
		default:
			ours = append(ours, v)
		}
	}
	if *expect != "" {
		found := map[string]bool{}
		for _, v := range ours {
			found[v.id] = true
		}
		for _, id := range strings.Split(*expect, ",") {
			if !found[id] {
				fmt.Fprintf(os.Stderr, "vulnreport: %s was not found in code called in a module\n", id)
				os.Exit(1)
			}
		}
		fmt.Printf("govulncheck's database found %s, as it should\n", *expect)
		return
	}
	print := func(title string, vs []*vuln) {
		if len(vs) == 0 {
			return
		}
		sort.Slice(vs, func(i, j int) bool { return vs[i].id < vs[j].id })
		fmt.Printf("%s:\n", title)
		for _, v := range vs {
			fmt.Printf("  %s  %s  %s\n", v.id, where(v), summaries[v.id])
			if v.example != "" {
				plural := "s"
				if v.paths == 1 {
					plural = ""
				}
				fmt.Printf("      e.g. %s (%d call path%s)\n", v.example, v.paths, plural)
			}
		}
	}
	print("Vulnerable code our code calls, in required modules (a failure: update the module)", ours)
	print("Vulnerable code our code calls, in the standard library of "+goVersion+
		" (not a failure: fixed by a newer Go, see scripts/lint.sh)", std)
	print("Vulnerabilities in required modules or imported packages that our code does not call (information)", info)
	fmt.Printf("govulncheck: %d vulnerabilities our code calls in modules, %d in the standard library, %d not called\n",
		len(ours), len(std), len(info))
	if len(ours) > 0 {
		os.Exit(1)
	}
}

// where names the vulnerable module or packages, their version and the fix.
func where(v *vuln) string {
	fixed, name := "no fix yet", v.module+"@"+v.version
	if v.module == "stdlib" {
		var pkgs []string
		for p := range v.packages {
			pkgs = append(pkgs, p)
		}
		sort.Strings(pkgs)
		if len(pkgs) == 0 {
			pkgs = []string{"stdlib"}
		}
		name = strings.Join(pkgs, ",") + "@go" + strings.TrimPrefix(v.version, "v")
		if v.fixed != "" {
			fixed = "fixed in go" + strings.TrimPrefix(v.fixed, "v")
		}
	} else if v.fixed != "" {
		fixed = "fixed in " + v.fixed
	}
	return name + " (" + fixed + ")"
}

// callPath is a trace as "file:line: ourFunc -> callee -> ... -> pkg.Vulnerable", the middle cut
// out when long (govulncheck lists it from the vulnerable symbol down to our code).
func callPath(trace []*frame) string {
	var names []string
	for i := len(trace) - 1; i >= 0; i-- {
		f := trace[i]
		name := path.Base(f.Package) + "."
		if f.Receiver != "" {
			name += strings.TrimPrefix(f.Receiver, "*") + "."
		}
		names = append(names, name+f.Function)
	}
	if len(names) > 4 {
		names = append(names[:2:2], "...", names[len(names)-1])
	}
	s := strings.Join(names, " -> ")
	if p := trace[len(trace)-1].Position; p != nil {
		s = fmt.Sprintf("%s:%d: %s", p.Filename, p.Line, s)
	}
	return s
}
