package catalog_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestCatalogImportsNoUI proves the layering: catalog (and its
// sub-packages) depend on nothing from Fyne, app or viewer.
func TestCatalogImportsNoUI(t *testing.T) {
	out, err := exec.Command("go", "list", "-tags", "ci", "-deps", "./...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list gave too few packages to be right: %v", deps)
	}
	for _, d := range deps {
		if strings.HasPrefix(d, "fyne.io/") ||
			strings.HasPrefix(d, "github.com/exhibit-app/exhibit/app") ||
			strings.HasPrefix(d, "github.com/exhibit-app/exhibit/viewer") ||
			strings.HasPrefix(d, "github.com/exhibit-app/exhibit/cmd") {
			t.Errorf("catalog depends on %s", d)
		}
	}
	if !contains(deps, "github.com/exhibit-app/exhibit/catalog") || !contains(deps, "modernc.org/sqlite") {
		t.Errorf("go list -deps did not list catalog and its store: %v", deps)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
