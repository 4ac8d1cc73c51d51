package export

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

// maxSheetsRSS is the most memory (peak resident set) an export of many
// sheets of large photos may take: issue 11 measured 1.23 GB for 30.
const maxSheetsRSS = 400 << 20

// memoryCaseEnv names, in the child process of TestSheetsMemory, the case
// to export from.
const memoryCaseEnv = "EXHIBIT_TEST_SHEETS_MEMORY_CASE"

// TestSheetsMemory exports 30 single-image sheets and 15 pair sheets of
// 4000×3000 photos, each in a child process whose peak resident memory
// /usr/bin/time measures: each must stay under maxSheetsRSS, the images
// being decoded one at a time as their pages are written.
func TestSheetsMemory(t *testing.T) {
	if os.Getenv(memoryCaseEnv) != "" {
		exportForMemory(t, os.Getenv(memoryCaseEnv))
		return
	}
	if testing.Short() {
		t.Skip("-short: the memory test makes 30 large photos")
	}
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		t.Skipf("/usr/bin/time (Debian: time) is needed to measure memory: %v", err)
	}
	big := largeJPEG(t, 4000, 3000)
	files := map[string][]byte{}
	for k := range 30 {
		files["photo-"+strconv.Itoa(k)+".jpg"] = variant(big, k)
	}
	c, _ := newCase(t, files)
	ctx := context.Background()
	ims, _ := c.Images(ctx, catalog.Filter{})
	for i := 0; i+1 < len(ims); i += 2 {
		if _, err := c.AddPair(ctx, ims[i].ID, ims[i+1].ID, catalog.PairOptions{Title: "pair " + strconv.Itoa(i/2+1)}); err != nil {
			t.Fatal(err)
		}
	}
	dir := c.Dir()
	c.Close()
	for _, what := range []string{"images", "pairs"} {
		cmd := exec.Command("/usr/bin/time", "-f", "%M", os.Args[0], "-test.run=^TestSheetsMemory$", "-test.v")
		cmd.Env = append(os.Environ(), memoryCaseEnv+"="+dir+"|"+what)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || !strings.Contains(string(out), "--- PASS") {
			t.Fatalf("the export of %s failed: %v\n%s\n%s", what, err, out, stderr.String())
		}
		lines := strings.Fields(stderr.String())
		kb, err := strconv.Atoi(lines[len(lines)-1])
		if err != nil {
			t.Fatalf("/usr/bin/time said %q", stderr.String())
		}
		t.Logf("sheets of %s: peak resident memory %d MB", what, kb>>10)
		if kb<<10 > maxSheetsRSS {
			t.Errorf("sheets of %s took %d MB at the peak, over %d MB", what, kb>>10, maxSheetsRSS>>20)
		}
	}
}

// exportForMemory, in the child process, exports the sheets of every
// image or pair of the case named by spec ("DIR|images" or "DIR|pairs").
func exportForMemory(t *testing.T, spec string) {
	dir, what, _ := strings.Cut(spec, "|")
	ctx := context.Background()
	c, err := catalog.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var tg Target
	if what == "pairs" {
		ps, _ := c.Pairs(ctx)
		for _, p := range ps {
			tg.Pairs = append(tg.Pairs, p.ID)
		}
	} else {
		ims, _ := c.Images(ctx, catalog.Filter{})
		for _, im := range ims {
			tg.Images = append(tg.Images, im.ID)
		}
	}
	out := filepath.Join(t.TempDir(), what+".pdf")
	res, err := ExportSheets(ctx, c, tg, out, sheet.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Sheets != len(tg.Pairs)+len(tg.Images) || len(res.Unprinted) != 0 {
		t.Fatalf("%d sheets, %d unprinted", res.Sheets, len(res.Unprinted))
	}
}
