package pdfengine

import (
	"context"
	"errors"
	"image"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/exhibit-app/exhibit/internal/testkit"
)

func TestRenderSizeMatchesPdftoppm(t *testing.T) {
	bin := tool(t, "pdftoppm")
	data := makePDF(t, [][]line{page1}, "")
	path := writeTemp(t, "report.pdf", data)
	d := open(t, data)
	for _, dpi := range []int{72, 100, 150, 217} {
		r, err := d.Render(1, dpi)
		if err != nil {
			t.Fatalf("%d DPI: %v", dpi, err)
		}
		out := filepath.Join(t.TempDir(), "ref")
		if err := exec.Command(bin, "-r", itoa(dpi), "-png", "-singlefile", "-f", "1", "-l", "1", path, out).Run(); err != nil {
			t.Fatalf("pdftoppm: %v", err)
		}
		f, err := os.Open(out + ".png")
		if err != nil {
			t.Fatal(err)
		}
		cfg, _, err := image.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Image.Bounds().Size(); got != image.Pt(cfg.Width, cfg.Height) {
			t.Errorf("%d DPI: %v, pdftoppm's %d×%d", dpi, got, cfg.Width, cfg.Height)
		}
		// The first word's box maps onto dark pixels.
		m := Locate(mustText(t, d, 1), "Report", Whole)
		if !m.Found || !hasInk(r.Image, r.ToPixels.Rect(m.Boxes[0])) {
			t.Errorf("%d DPI: no ink where \"Report\" stands (%v)", dpi, m.Boxes)
		}
	}
}

func mustText(t *testing.T, d *Doc, page int) *PageText {
	t.Helper()
	text, err := d.Text(page)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// ink is the share of pixels in r (all of img when empty) that are not
// near white.
func ink(img *image.RGBA, r image.Rectangle) float64 {
	if r.Empty() {
		r = img.Bounds()
	}
	r = r.Intersect(img.Bounds())
	dark := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := img.RGBAAt(x, y)
			if int(c.R)+int(c.G)+int(c.B) < 3*200 {
				dark++
			}
		}
	}
	return float64(dark) / float64(max(1, r.Dx()*r.Dy()))
}

func hasInk(img *image.RGBA, r image.Rectangle) bool { return !r.Empty() && ink(img, r) > 0.05 }

func TestCorpusFindPDF(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testkit.CorpusDir(t), "reports", "find.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	d := open(t, data)
	if d.Pages() < 2 {
		t.Fatalf("%d pages", d.Pages())
	}
	r, err := d.Render(1, 100)
	if err != nil {
		t.Fatal(err)
	}
	w, h, _ := d.PixelSize(1, 100)
	if r.Image.Bounds().Size() != image.Pt(w, h) || w < 500 {
		t.Errorf("rendered %v, want %d×%d", r.Image.Bounds().Size(), w, h)
	}
	if f := ink(r.Image, image.Rectangle{}); f < 0.005 {
		t.Errorf("page 1 at 100 DPI is blank: %.4f of its pixels dark", f)
	}
	text := mustText(t, d, 1)
	if len(text.Chars) < 100 {
		t.Errorf("page 1 has %d characters", len(text.Chars))
	}
	if _, err := d.PageLabel(1); err != nil {
		t.Errorf("label: %v", err)
	}
}

func TestBadPDFs(t *testing.T) {
	good := makePDF(t, [][]line{page1, page1}, "")
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotPDF},
		{"a JPEG", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), ErrNotPDF},
		{"a header and nothing else", []byte("%PDF-1.7\n%%EOF\n"), ErrBroken},
		{"garbage after the header", append([]byte("%PDF-1.4\n"), make([]byte, 4096)...), ErrBroken},
		{"encrypted with a password", makePDF(t, [][]line{page1}, "secret"), ErrEncrypted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := testEngine.Open(context.Background(), tt.data)
			if err == nil {
				d.Close()
				t.Fatalf("opened")
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("%v, want %v", err, tt.want)
			}
		})
	}
	d := open(t, good)
	if d.Pages() != 2 {
		t.Errorf("%d pages, want 2", d.Pages())
	}
	for _, p := range []int{0, 3, -1} {
		var pr *PageRangeError
		if _, err := d.Render(p, 72); !errors.As(err, &pr) || pr.Pages != 2 {
			t.Errorf("render page %d: %v", p, err)
		}
		if _, err := d.Text(p); !errors.As(err, &pr) {
			t.Errorf("text of page %d: %v", p, err)
		}
	}
	if _, err := d.Render(1, 1000); !errors.Is(err, ErrTooLarge) {
		t.Errorf("render at 1000 DPI: %v, want ErrTooLarge", err)
	}
	if _, err := d.Render(1, 0); err == nil {
		t.Errorf("render at 0 DPI: no error")
	}
}

func TestConcurrentDocuments(t *testing.T) {
	data := makePDF(t, [][]line{page1}, "")
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for range 6 {
		wg.Go(func() {
			d, err := testEngine.Open(context.Background(), data)
			if err != nil {
				errs <- err
				return
			}
			defer d.Close()
			text, err := d.Text(1)
			if err == nil && !Locate(text, "the field mission", Whole).Found {
				err = errors.New("text not found")
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestClosed(t *testing.T) {
	e := New(Options{})
	data := makePDF(t, [][]line{page1}, "")
	d, err := e.Open(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Text(1); !errors.Is(err, ErrClosed) {
		t.Errorf("text of a closed document: %v", err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Open(context.Background(), data); !errors.Is(err, ErrClosed) {
		t.Errorf("open on a closed engine: %v", err)
	}
}

func TestCancelledContext(t *testing.T) {
	data := makePDF(t, [][]line{page1}, "")
	ctx, cancel := context.WithCancel(context.Background())
	d, err := testEngine.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	cancel()
	if _, err := d.Render(1, 72); !errors.Is(err, context.Canceled) {
		t.Errorf("render after cancel: %v", err)
	}
}

// TestCacheFolder checks that a start compiles PDFium into the cache
// folder and a second start reads it from there (how fast: see
// BenchmarkStart).
func TestCacheFolder(t *testing.T) {
	dir := t.TempDir()
	for i := range 2 {
		e := New(Options{CacheDir: dir})
		if err := e.Start(); err != nil {
			t.Fatal(err)
		}
		if err := e.CacheError(); err != nil {
			t.Fatal(err)
		}
		e.Close()
		n := 0
		filepath.WalkDir(dir, func(p string, de os.DirEntry, err error) error {
			if err == nil && !de.IsDir() {
				n++
			}
			return nil
		})
		if n == 0 {
			t.Fatalf("start %d: nothing in the cache folder", i+1)
		}
	}
	t.Setenv("EXHIBIT_CACHE_DIR", dir)
	if d, err := CacheDir(); err != nil || d != filepath.Join(dir, "wazero") {
		t.Errorf("CacheDir() = %q, %v", d, err)
	}
}

// BenchmarkStart measures starting the engine and opening a one-page PDF:
// cold (PDFium compiled, into an empty cache folder) and warm (loaded
// compiled from the cache folder, as every start after the first).
func BenchmarkStart(b *testing.B) {
	data := makePDF(b, [][]line{page1}, "")
	start := func(b *testing.B, dir string) {
		e := New(Options{CacheDir: dir})
		d, err := e.Open(context.Background(), data)
		if err != nil {
			b.Fatal(err)
		}
		d.Close()
		e.Close()
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			dir := b.TempDir()
			b.StartTimer()
			start(b, dir)
		}
	})
	b.Run("warm", func(b *testing.B) {
		dir := b.TempDir()
		start(b, dir)
		for b.Loop() {
			start(b, dir)
		}
	})
}

// BenchmarkRender measures rendering a Letter page at 150 DPI with its
// text and boxes.
func BenchmarkRender(b *testing.B) {
	d := open(b, makePDF(b, [][]line{page1}, ""))
	for b.Loop() {
		if _, err := d.Render(1, 150); err != nil {
			b.Fatal(err)
		}
		if _, err := d.Text(1); err != nil {
			b.Fatal(err)
		}
	}
}
