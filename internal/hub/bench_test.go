package hub

import (
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
)

// BenchmarkSync: a case of 10,000 images (EXHIBIT_BENCH_IMAGES) is
// published to a hub, 1,000 of its originals uploaded (the others put in
// the store beforehand), cloned on a second laptop, and those 1,000
// originals fetched there. Reports entries per second pushed and pulled
// (with their replay) and originals per second up and down; ns/op covers
// the setup too. Run: bench/sync.sh, or
// go test -run '^$' -bench Sync -benchtime 1x ./internal/hub
func BenchmarkSync(b *testing.B) {
	n, up := 10000, 1000
	if s := os.Getenv("EXHIBIT_BENCH_IMAGES"); s != "" {
		n, _ = strconv.Atoi(s)
		up = max(n/10, 1)
	}
	for b.Loop() {
		benchSync(b, n, up)
	}
}

// benchSync runs one round of BenchmarkSync.
func benchSync(b *testing.B, n, up int) {
	tb := testing.TB(b)
	tm := newTeam(tb)
	alice := newLaptop(tb)
	imgs := b.TempDir()
	writeDistinctJPEGs(b, imgs, n)
	alice.create()
	start := time.Now()
	alice.as(func() {
		if _, err := alice.c.Import(ctx(tb), []string{imgs}, catalog.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	})
	b.Logf("import of %d images: %.1f s", n, time.Since(start).Seconds())
	ims, err := alice.c.Images(ctx(tb), catalog.Filter{})
	if err != nil {
		b.Fatal(err)
	}
	store, err := OpenStore(tm.storeURL())
	if err != nil {
		b.Fatal(err)
	}
	if err := store.EnsureBucket(ctx(tb)); err != nil {
		b.Fatal(err)
	}
	for _, im := range ims[up:] { // in the store already: not timed
		if _, err := store.Put(ctx(tb), KindOriginal, im.SHA256, im.Paths()[0]); err != nil {
			b.Fatal(err)
		}
	}
	start = time.Now()
	var res *InitResult
	var pushed time.Time // when the last batch of entries was in
	progress := func(s string) {
		if strings.HasPrefix(s, "pushed") {
			pushed = time.Now()
		}
	}
	alice.as(func() {
		res, err = Init(ctx(tb), alice.c, tm.superURL(), tm.storeURL(), Options{Progress: progress})
	})
	if err != nil {
		b.Fatal(err)
	}
	push := time.Since(start)
	entries, originals := pushed.Sub(start), time.Since(pushed)
	bob := newLaptop(tb)
	start = time.Now()
	cl := bob.clone(tm.member("bob", "editor"))
	pull := time.Since(start)
	start = time.Now()
	for _, im := range ims[:up] {
		if _, err := Fetch(ctx(tb), bob.c, im.SHA256); err != nil {
			b.Fatal(err)
		}
	}
	down := time.Since(start)
	if res.Sync.OriginalsUp != up || cl.Sync.Pulled < n {
		b.Fatalf("init %+v, clone %+v: want %d originals up, %d+ entries pulled", res.Sync, cl.Sync, up, n)
	}
	b.ReportMetric(float64(res.Sync.Pushed)/entries.Seconds(), "pushed-entries/s")
	b.ReportMetric(float64(up)/originals.Seconds(), "originals-up/s")
	b.ReportMetric(float64(cl.Sync.Pulled)/pull.Seconds(), "pulled-entries/s")
	b.ReportMetric(float64(up)/down.Seconds(), "originals-down/s")
	b.Logf("%d images: init %.1f s: joining the hub and pushing %d entries %.1f s, then %d originals up %.1f s; clone (pull and replay %d entries) %.1f s; fetch %d originals %.1f s",
		n, push.Seconds(), res.Sync.Pushed, entries.Seconds(), res.Sync.OriginalsUp, originals.Seconds(), cl.Sync.Pulled, pull.Seconds(), up, down.Seconds())
}

// writeDistinctJPEGs writes n small JPEGs of distinct content into dir.
func writeDistinctJPEGs(b *testing.B, dir string, n int) {
	for i := range n {
		img := image.NewRGBA(image.Rect(0, 0, 32, 24))
		for p := range 32 {
			bit := uint8(0)
			if i>>(p%16)&1 == 1 {
				bit = 255
			}
			img.Set(p, p%24, color.RGBA{bit, uint8(i), uint8(i >> 8), 255})
		}
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("img%05d.jpg", i)))
		if err != nil {
			b.Fatal(err)
		}
		if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 90}); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}
