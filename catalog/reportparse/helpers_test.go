package reportparse

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// parseAll parses a report and collects its blocks.
func parseAll(t testing.TB, path string) ([]Block, Info, error) {
	t.Helper()
	var blocks []Block
	info, err := Parse(path, func(b Block) error {
		blocks = append(blocks, b)
		return nil
	})
	return blocks, info, err
}

func testdata(name string) string { return filepath.Join("testdata", name) }

// numbered fills in paragraph numbers 1..n.
func numbered(bs []Block) []Block {
	for i := range bs {
		bs[i].Paragraph = i + 1
	}
	return bs
}

// compareBlocks fails the test with a readable difference when got and
// want differ.
func compareBlocks(t *testing.T, got, want []Block) {
	t.Helper()
	n := max(len(got), len(want))
	bad := 0
	for i := 0; i < n; i++ {
		var g, w Block
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		g.Boxes, w.Boxes = nil, nil // tested apart (TestPDFWordBoxes)
		if !reflect.DeepEqual(g, w) {
			bad++
			if bad <= 5 {
				t.Errorf("block %d:\n got  %s\n want %s", i+1, showBlock(g), showBlock(w))
			}
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d blocks, want %d", len(got), len(want))
	}
}

func showBlock(b Block) string {
	return fmt.Sprintf("¶%d p%d–%d label %q heading %q text %q", b.Paragraph, b.Page, b.PageEnd, b.PageLabel, b.Heading, b.Text)
}

func blockTexts(bs []Block) string {
	var parts []string
	for _, b := range bs {
		parts = append(parts, b.Text)
	}
	return strings.Join(parts, "\n")
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
