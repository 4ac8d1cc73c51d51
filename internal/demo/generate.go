// Package demo makes the sample case of Exhibit: pictures of the
// fictional town of Kafr Nadim before and after a fictional strike,
// rendered by code (street views, satellite views, drone obliques and
// witnesses' phone pictures with full EXIF metadata), and a fictional field
// report about them. Nothing in it is copied from elsewhere, and nothing
// in it describes a real place, person or event.
//
// Generate writes the files; Links, Pair, AlignmentPoints and Annotations
// say what to link, pair and annotate once they are imported into a case.
package demo

import (
	"bytes"
	"context"
	"fmt"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// File is one sample picture written by Generate.
type File struct {
	Path string
	// Role says what the picture is: "street-before", "street-after",
	// "satellite-before", "satellite-after", "drone-before", "drone-after",
	// "drone-after-north", "witness-rubble", "witness-facade",
	// "witness-crater", "witness-market-before".
	Role string
	// TakenAt is the capture time written as DateTimeOriginal, in the
	// zone of its OffsetTimeOriginal (+03:00).
	TakenAt time.Time
	// Lat, Lon (degrees), Alt (metres) and Direction (degrees from true
	// north) are the GPS values written, exactly as they read back.
	Lat, Lon, Alt, Direction float64
	// Width and Height are the stored pixel size; Orientation the EXIF
	// orientation (6 for the portrait picture stored on its side).
	Width, Height, Orientation int
	Make, Model, Lens          string
}

// The fictional town lies at these coordinates, in an empty stretch of
// desert; no town is there.
const (
	originLat  = 20.3450
	originLon  = 50.7750
	groundElev = 160.0 // metres above sea level
)

// latLon converts town metres (x east, z north) to degrees.
func latLon(x, z float64) (lat, lon float64) {
	const m = 111320.0
	return originLat + z/m, originLon + x/(m*math.Cos(deg(originLat)))
}

// ReportName is the file name of the sample report; HTMLReportName that of
// the same report in HTML.
const (
	ReportName     = "kafr-nadim-field-report.md"
	HTMLReportName = "kafr-nadim-field-report.html"
)

const jpegQuality = 88

// Generate writes the sample pictures and the sample report into dir
// (created if needed) and returns what it wrote. The output is the same,
// byte for byte, every time on a given architecture.
func Generate(dir string) (images []File, reports []string, err error) {
	return generate(context.Background(), dir)
}

// generate is Generate, stopping (with ctx's error) when ctx is done: no
// further picture is started, and those being drawn are finished.
func generate(ctx context.Context, dir string) (images []File, reports []string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("demo: create %s: %w", dir, err)
	}
	list := shots()
	ws := buildWorlds(list)
	images = make([]File, len(list))
	errs := make([]error, len(list))
	jobs := make(chan int)
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), 2)
	big := largest(list)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var sc scratch
			sc.fr.reset(big.w, big.h) // at its largest at once: never grown
			for i := range jobs {
				if ctx.Err() != nil {
					continue
				}
				images[i], errs[i] = ws.write(&sc, dir, list[i])
				ws.rendered(list[i])
			}
		}()
	}
feed:
	for _, i := range renderOrder(list) {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	for _, e := range errs {
		if e != nil {
			return nil, nil, e
		}
	}
	md := filepath.Join(dir, ReportName)
	if err := os.WriteFile(md, []byte(reportMarkdown), 0o644); err != nil {
		return nil, nil, fmt.Errorf("demo: write %s: %w", md, err)
	}
	html := filepath.Join(dir, HTMLReportName)
	if err := os.WriteFile(html, []byte(reportHTML()), 0o644); err != nil {
		return nil, nil, fmt.Errorf("demo: write %s: %w", html, err)
	}
	return images, []string{md, html}, nil
}

// largest returns the shot with the most pixels.
func largest(list []shot) shot {
	var big shot
	for _, s := range list {
		if s.w*s.h > big.w*big.h {
			big = s
		}
	}
	return big
}

// renderOrder is the order the shots are rendered in: those sharing a
// shadow map one after the other (so that a map lives only while its
// shots are rendered), the largest group first; within a group the
// close-ups, which cost the most, first, so that both workers stay busy
// to the end.
func renderOrder(list []shot) []int {
	group := map[shadowKey][]int{}
	var keys []shadowKey
	for _, witness := range []bool{true, false} {
		for i, s := range list {
			if strings.HasPrefix(s.role, "witness") != witness {
				continue
			}
			k := keyOf(s)
			if group[k] == nil {
				keys = append(keys, k)
			}
			group[k] = append(group[k], i)
		}
	}
	sort.SliceStable(keys, func(a, b int) bool { return len(group[keys[a]]) > len(group[keys[b]]) })
	order := make([]int, 0, len(list))
	for _, k := range keys {
		order = append(order, group[k]...)
	}
	return order
}

// write renders one shot in sc and writes it as a JPEG with its metadata.
func (ws *worlds) write(sc *scratch, dir string, s shot) (f File, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("demo: render %s: %v", s.file, r)
		}
	}()
	pix, err := ws.renderShotIn(sc, s, s.w, s.h)
	if err != nil {
		return f, fmt.Errorf("demo: render %s: %w", s.file, err)
	}
	im := toYCbCr(pix, s.w, s.h, s.orientation)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, im, &jpeg.Options{Quality: jpegQuality}); err != nil {
		return f, fmt.Errorf("demo: encode %s: %w", s.file, err)
	}
	f = s.file0(dir)
	f.Width, f.Height = im.Rect.Dx(), im.Rect.Dy()
	x := exifInfo{
		Description: "Exhibit demo: synthetic picture of the fictional town of Kafr Nadim (" + s.role + "). Not a real place.",
		Make:        f.Make, Model: f.Model, Lens: f.Lens,
		Software:    "Exhibit demo generator",
		Orientation: s.orientation, Taken: s.taken,
		Width: f.Width, Height: f.Height,
		Lat: f.Lat, Lon: f.Lon, Alt: f.Alt, Direction: f.Direction,
	}
	app1, err := x.app1()
	if err != nil {
		return f, fmt.Errorf("demo: metadata of %s: %w", s.file, err)
	}
	data, err := withExif(buf.Bytes(), app1)
	if err != nil {
		return f, fmt.Errorf("demo: metadata of %s: %w", s.file, err)
	}
	if err := os.WriteFile(f.Path, data, 0o644); err != nil {
		return f, fmt.Errorf("demo: write %s: %w", f.Path, err)
	}
	return f, nil
}

// file0 describes the shot's file, GPS values already quantized to what
// EXIF stores.
func (s shot) file0(dir string) File {
	cam := s.cam(s.w, s.h)
	pos := cam.pos
	dir0 := cam.yaw
	alt := groundElev + pos.Y
	if s.satellite {
		// For the satellite views, the position is the scene's centre on
		// the ground and the direction the image's up (north).
		c := s.groundCentre()
		pos, dir0, alt = c, 0, groundElev
	}
	lat, lon := latLon(pos.X, pos.Z)
	return File{
		Path:        filepath.Join(dir, s.file),
		Role:        s.role,
		TakenAt:     s.taken,
		Lat:         quantizeDMS(lat),
		Lon:         quantizeDMS(lon),
		Alt:         quantize100(alt),
		Direction:   quantize100(math.Mod(dir0+360, 360)),
		Orientation: s.orientation,
		Make:        "Exhibit demo",
		Model:       s.model,
		Lens:        s.lens,
	}
}

// groundCentre is where the centre of the picture meets the ground.
func (s shot) groundCentre() vec3 {
	cam := s.cam(s.w, s.h)
	d := cam.fwd
	t := -cam.pos.Y / d.Y
	return cam.pos.add(d.mul(t))
}
