package catalog

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"sync"

	"github.com/exhibit-app/exhibit/catalog/internal/regular"
	"github.com/exhibit-app/exhibit/catalog/meta"
)

// A glimpse is what an import shows of a file before it reads it: the
// first pass hashes every byte, which on a slow disk takes a second for
// every hundred camera photos, so before it the import reads only the
// head of each file (where a camera puts its EXIF thumbnail: APP1 is at
// most 64 KB) and hands the previews found to ImportOptions.Glimpses.
// Nothing of a glimpse is cataloged: the library shows it as a file
// arriving, and the first pass's rows replace it.

// glimpseHead is how much of each file a glimpse reads: the APP0 and
// APP1 segments of a camera JPEG (at most 64 KB each) and their markers.
const glimpseHead = 136 << 10

// glimpseProbe is what a glimpse reads first of every file.
const glimpseProbe = 4 << 10

// exifEnd returns where the EXIF segment (APP1 "Exif") of the JPEG whose
// first bytes are head ends, when head shows it; else glimpseHead (a
// segment before it runs past head: read what a glimpse may).
func exifEnd(head []byte) int {
	for i := 2; i+4 <= len(head); {
		if head[i] != 0xff {
			return glimpseHead
		}
		marker := head[i+1]
		if marker == 0xff {
			i++
			continue
		}
		if marker == 0xda || marker == 0xd9 {
			return i // no EXIF before the image data
		}
		end := i + 2 + int(binary.BigEndian.Uint16(head[i+2:]))
		if marker == 0xe1 && i+10 <= len(head) && string(head[i+4:i+10]) == "Exif\x00\x00" {
			return end
		}
		i = end
	}
	return glimpseHead
}

// glimpseBudget bounds the previews a glimpse keeps in memory: past it,
// files are still listed, without a preview (about 6,000 camera photos).
const glimpseBudget = 64 << 20

// Glimpse is a file an import is about to read, as its head shows it.
type Glimpse struct {
	Path string
	Size int64
	// Preview is the JPEG the camera embedded in the file (its EXIF
	// thumbnail), nil when the head holds none; Orientation is the EXIF
	// orientation (1..8) to show it upright, 0 when unknown.
	Preview     []byte
	Orientation int
}

// glance reads the heads of the files todo on workers goroutines and
// returns their glimpses, in the order of todo. A file that cannot be
// opened or read has a glimpse without a preview (the first pass says
// why). It stops early, with what it has, when ctx is cancelled.
func glance(ctx context.Context, todo []candidate, workers int) []Glimpse {
	out := make([]Glimpse, len(todo))
	jobs := make(chan int)
	var kept sync.Mutex
	budget := glimpseBudget
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Go(func() {
			buf := make([]byte, glimpseHead)
			for i := range jobs {
				g := glimpseOf(todo[i], buf)
				kept.Lock()
				if len(g.Preview) > budget {
					g.Preview = nil
				}
				budget -= len(g.Preview)
				kept.Unlock()
				out[i] = g
			}
		})
	}
	for i := range todo {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for i := range out {
		if out[i].Path == "" { // not reached before ctx was cancelled
			out[i] = Glimpse{Path: todo[i].path, Size: todo[i].size}
		}
	}
	return out
}

// glimpseOf reads the head of one file into buf and returns its glimpse.
// It never panics.
func glimpseOf(f candidate, buf []byte) (g Glimpse) {
	g = Glimpse{Path: f.path, Size: f.size}
	defer func() {
		if recover() != nil {
			g.Preview, g.Orientation = nil, 0
		}
	}()
	file, _, err := regular.Open(f.path) // read-only
	if err != nil {
		return g
	}
	defer file.Close()
	// First a few kilobytes: enough to tell a JPEG, and where its EXIF
	// block ends; then up to that end (a camera's APP1 comes first).
	n, err := io.ReadFull(file, buf[:glimpseProbe])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return g
	}
	if n < 4 || buf[0] != 0xff || buf[1] != 0xd8 {
		return g // not a JPEG: no EXIF thumbnail to show
	}
	if end := exifEnd(buf[:n]); end > n {
		m, err := io.ReadFull(file, buf[n:min(end, len(buf))])
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
			return g
		}
		n += m
	}
	head := buf[:n]
	emb := embeddedPreview(head)
	if emb == nil {
		return g
	}
	g.Preview = append([]byte(nil), emb...)
	if m, err := meta.Read(head); err == nil || m.Orientation != 0 {
		g.Orientation = m.Orientation
	}
	return g
}
