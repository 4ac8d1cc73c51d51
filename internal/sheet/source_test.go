package sheet

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// sourced turns a sheet's images into sources of the same pictures,
// counting the calls in *calls.
func sourced(s Sheet, mu *sync.Mutex, calls *int) Sheet {
	imgs := make([]Panel, len(s.Images))
	for j, pn := range s.Images {
		img := pn.Image
		b := img.Bounds()
		pn.Image = nil
		pn.Width, pn.Height = b.Dx(), b.Dy()
		pn.OriginalWidth, pn.OriginalHeight = 4*b.Dx(), 4*b.Dy()
		pn.Source = func(minLong int) (Picture, error) {
			mu.Lock()
			*calls++
			mu.Unlock()
			return Picture{Image: img}, nil
		}
		imgs[j] = pn
	}
	s.Images = imgs
	return s
}

// TestSourcesAreMadeAsPagesAreWritten: the pictures of a long document
// are made a few sheets ahead of the page being laid out, never all
// first, so that memory does not grow with the number of sheets.
func TestSourcesAreMadeAsPagesAreWritten(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	pair := pairSheet(400, 300)
	var sheets []Sheet
	for range 24 {
		sheets = append(sheets, sourced(pair, &mu, &calls))
	}
	ahead := 2*runtime.GOMAXPROCS(0) + runtime.GOMAXPROCS(0) // waiting to be taken, and being made
	opt := testOptions()
	worst := 0
	opt.Progress = func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		worst = max(worst, calls-2*done)
	}
	if err := Write(new(strings.Builder), sheets, opt); err != nil {
		t.Fatal(err)
	}
	if calls != 48 {
		t.Fatalf("%d pictures made, want 48", calls)
	}
	if worst > ahead {
		t.Errorf("up to %d pictures made ahead of the page written, want at most %d", worst, ahead)
	}
}

// TestPrintNoteStatesTheOriginal: an image printed from its original says
// so, with the original's size; and what pdfimages finds embedded is what
// the caption says.
func TestPrintNoteStatesTheOriginal(t *testing.T) {
	needPoppler(t)
	var mu sync.Mutex
	calls := 0
	s := sourced(singleSheet(2304, 1728), &mu, &calls)
	s.Images[0].OriginalWidth, s.Images[0].OriginalHeight = 4608, 3456
	path, _ := writePDF(t, []Sheet{s}, testOptions())
	text := extracted(t, path)
	m := regexp.MustCompile(`(\d+) × (\d+) px at (\d+) dpi, reduced from the original of 4608 × 3456 px`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("the caption does not state the original's size:\n%s", text)
	}
	rows := listImages(t, path)
	if len(rows) != 1 || strconv.Itoa(rows[0].w) != m[1] || strconv.Itoa(rows[0].h) != m[2] {
		t.Errorf("pdfimages finds %+v, the caption says %s × %s px", rows, m[1], m[2])
	}
}

// TestUnprintableImageGetsAPlaceholder: a source that fails gives a page
// with a placeholder saying why, with the hash; the report lists it; the
// other sheets are printed. A cancelled source stops the document.
func TestUnprintableImageGetsAPlaceholder(t *testing.T) {
	needPoppler(t)
	good := singleSheet(600, 400)
	bad := singleSheet(600, 400)
	bad.Images[0].Image = nil
	bad.Images[0].Width, bad.Images[0].Height = 3000, 4000
	bad.Images[0].ImageID = 7
	bad.Images[0].Source = func(int) (Picture, error) {
		return Picture{}, errors.New("decode heic: HEIC pictures are cataloged without pixels")
	}
	var buf strings.Builder
	rep, err := WriteReport(&buf, []Sheet{good, bad, good}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := Unprinted{Sheet: 2, ImageID: 7, SHA256: hashBefore, FileName: "DJI_0042.JPG", Reason: "decode heic: HEIC pictures are cataloged without pixels"}
	if len(rep.Unprinted) != 1 || rep.Unprinted[0] != want {
		t.Errorf("report %+v, want %+v", rep.Unprinted, want)
	}
	path, _ := writePDF(t, []Sheet{good, bad, good}, testOptions())
	page := normalise(run(t, "pdftotext", "-f", "2", "-l", "2", path, "-"))
	for _, w := range []string{"Image not printed", want.Reason, hashBefore, "not printed: " + want.Reason} {
		if !strings.Contains(page, w) {
			t.Errorf("page 2 lacks %q:\n%s", w, page)
		}
	}
	if rows := listImages(t, path); len(rows) != 2 || rows[0].page != 1 || rows[1].page != 3 {
		t.Errorf("want the two good images on pages 1 and 3: %+v", rows)
	}
	bad.Images[0].Source = func(int) (Picture, error) { return Picture{}, fmt.Errorf("read: %w", context.Canceled) }
	if err := Write(&buf, []Sheet{good, bad}, testOptions()); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled source: error %v", err)
	}
}

// TestSheetEndsWithContent: however much a sheet holds, no page of it
// holds only the closing note (or one paragraph of it): a single image
// sheet that fits on one page with a smaller image is printed so, with
// its tags; a longer one flows with content on every page.
func TestSheetEndsWithContent(t *testing.T) {
	needPoppler(t)
	excerpt := Quote{Text: "No. 12 Souq Street no longer stands. A heap of broken concrete, reaching about four and a half metres at its highest, fills the plot and spills four metres into the street. Only part of the back wall remains, with the stumps of the front columns.",
		ReportTitle: "Kafr Nadim: damage to Souq Street", Paragraph: 9, Note: "The heap of No. 12 seen from Souq Street"}
	for _, tt := range []struct {
		n     int // excerpts
		pages int // 0: any
		opt   Options
	}{
		{0, 1, Options{}}, {1, 1, Options{}}, {2, 1, Options{}}, {3, 1, Options{}},
		{2, 1, Options{Paper: "Letter"}}, {1, 1, Options{Landscape: true}},
		{6, 0, Options{}}, {9, 0, Options{}}, {14, 0, Options{}},
	} {
		t.Run(fmt.Sprintf("%d excerpts %s %v", tt.n, tt.opt.Paper, tt.opt.Landscape), func(t *testing.T) {
			s := singleSheet(1600, 1200)
			s.Images[0].Tags = []string{"bakery", "Souq Street"}
			for range tt.n {
				s.Excerpts = append(s.Excerpts, excerpt)
			}
			opt := testOptions()
			opt.Paper, opt.Landscape = tt.opt.Paper, tt.opt.Landscape
			path, _ := writePDF(t, []Sheet{s}, opt)
			pages := len(strings.Split(strings.TrimRight(run(t, "pdftotext", path, "-"), "\f"), "\f"))
			if tt.pages != 0 && pages != tt.pages {
				t.Errorf("%d pages, want %d", pages, tt.pages)
			}
			first := normalise(run(t, "pdftotext", "-layout", "-f", "1", "-l", "1", path, "-"))
			if !strings.Contains(first, "Tags bakery, Souq Street") {
				t.Errorf("page 1 does not print the tags:\n%s", first)
			}
			for p := 2; p <= pages; p++ {
				text := normalise(run(t, "pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), path, "-"))
				body := text[strings.Index(text, "(continued)")+len("(continued)") : strings.Index(text, "Exported ")]
				body = strings.TrimSpace(strings.Replace(body, normalise(checkNote(&s)), "", 1))
				if len(body) < 120 {
					t.Errorf("page %d holds little but the closing note: %q", p, body)
				}
			}
		})
	}
}

// TestNoFixIsNoPlace: a position of 0°, 0° exactly (a camera without a fix)
// is printed as no fix, never as coordinates in the Gulf of Guinea.
func TestNoFixIsNoPlace(t *testing.T) {
	needPoppler(t)
	s := singleSheet(600, 400)
	zero := 0.0
	s.Images[0].Lat, s.Images[0].Lon, s.Images[0].NoFix = &zero, &zero, true
	path, _ := writePDF(t, []Sheet{s}, testOptions())
	text := extracted(t, path)
	if !strings.Contains(text, "no fix") || strings.Contains(text, "0.000000, 0.000000") {
		t.Errorf("the caption of a position 0°, 0°:\n%s", text)
	}
}
