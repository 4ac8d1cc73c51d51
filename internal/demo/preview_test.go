package demo

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestPreview renders the shots small into $DEMO_PREVIEW, for looking at
// them while working on the renderer. It is skipped unless that is set.
func TestPreview(t *testing.T) {
	dir := os.Getenv("DEMO_PREVIEW")
	if dir == "" {
		t.Skip("set DEMO_PREVIEW=dir to render previews")
	}
	div := 3
	if d, err := strconv.Atoi(os.Getenv("DEMO_DIV")); err == nil {
		div = d
	}
	only := os.Getenv("DEMO_ONLY")
	list := shots()
	t0 := time.Now()
	ws := buildWorlds(list)
	t.Logf("worlds %v (%d + %d faces)", time.Since(t0), len(ws.state[0].faces), len(ws.state[1].faces))
	for _, s := range list {
		if only != "" && s.role != only {
			continue
		}
		t0 := time.Now()
		w, h := s.w/div, s.h/div
		pix, err := ws.renderShot(s, w, h)
		if err != nil {
			t.Fatal(err)
		}
		im := image.NewRGBA(image.Rect(0, 0, w, h))
		for i := 0; i < w*h; i++ {
			copy(im.Pix[4*i:4*i+3], pix[3*i:3*i+3])
			im.Pix[4*i+3] = 255
		}
		f, err := os.Create(filepath.Join(dir, s.role+".png"))
		if err != nil {
			t.Fatal(err)
		}
		png.Encode(f, im)
		f.Close()
		t.Logf("%s %v", s.role, time.Since(t0))
	}
}
