package layout

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/exhibit-app/exhibit"

// row is one line of the layout table: a package and what it may import
// (module packages by their path in the module, "fyne" for fyne.io/...,
// "everything").
type row struct {
	pkg     string
	allowed map[string]bool
}

var tick = regexp.MustCompile("`([^`]+)`")

// readTable reads the layout table of DEVELOPERS.md: rows whose first cell
// is a package folder in backticks; the third cell lists, in backticks,
// what the package may import.
func readTable(t *testing.T) map[string]row {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "DEVELOPERS.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]row{}
	for _, line := range strings.Split(string(b), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 5 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		m := tick.FindStringSubmatch(cells[1])
		if m == nil {
			continue
		}
		r := row{pkg: strings.TrimSuffix(m[1], "/"), allowed: map[string]bool{}}
		for _, a := range tick.FindAllStringSubmatch(cells[3], -1) {
			r.allowed[strings.TrimSuffix(a[1], "/")] = true
		}
		rows[r.pkg] = r
	}
	if len(rows) < 10 {
		t.Fatalf("the layout table has %d rows: not read right", len(rows))
	}
	return rows
}

// TestLayoutTable proves DEVELOPERS.md's layout table: each package of the
// module has its row and imports only what the row allows; a package whose
// row does not allow Fyne allows no package whose row does.
func TestLayoutTable(t *testing.T) {
	rows := readTable(t)
	cmd := exec.Command("go", "list", "-tags", "ci", "-f", `{{.ImportPath}}|{{join .Imports ","}}`, module+"/...")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, imports, _ := strings.Cut(line, "|")
		rel := strings.TrimPrefix(strings.TrimPrefix(path, module), "/")
		if rel == "" {
			rel = "."
		}
		seen[rel] = true
		r, ok := rows[rel]
		if !ok {
			t.Errorf("package %s has no row in DEVELOPERS.md's layout table", rel)
			continue
		}
		if r.allowed["everything"] {
			continue
		}
		for _, imp := range strings.Split(imports, ",") {
			switch {
			case strings.HasPrefix(imp, module+"/"):
				dep := strings.TrimPrefix(imp, module+"/")
				if !r.allowed[dep] {
					t.Errorf("%s imports %s, which its row does not allow", rel, dep)
				}
			case strings.HasPrefix(imp, "fyne.io/"):
				if !r.allowed["fyne"] {
					t.Errorf("%s imports %s: its row does not allow Fyne", rel, imp)
				}
			}
		}
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for p := range seen {
		if !strings.Contains(string(readme), "| `"+p+"` |") {
			t.Errorf("package %s has no line in the README's \"How the code is laid out\"", p)
		}
	}
	var names []string
	for p := range rows {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		r := rows[p]
		if !seen[p] {
			t.Errorf("the layout table has a row for %s, which is not a package", p)
		}
		if r.allowed["fyne"] || r.allowed["everything"] {
			continue
		}
		for dep := range r.allowed {
			if d, ok := rows[dep]; ok && (d.allowed["fyne"] || d.allowed["everything"]) {
				t.Errorf("%s (no Fyne) may import %s, which may import Fyne", p, dep)
			}
		}
	}
}
