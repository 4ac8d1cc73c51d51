package viewer

import (
	"encoding/binary"
	"fmt"
	"image"
	"image/draw"
	"math"
	"runtime"
	"sync"
)

// pyramid is an image and its successive halvings, all premultiplied RGBA,
// so that any region can be drawn at any scale by sampling a level at most
// twice as large as the output: good quality without scaling the whole
// image on every frame.
type pyramid struct {
	levels []*image.RGBA // levels[0] is the image itself
}

// minLevelSide is the size below which no further halving is made.
const minLevelSide = 64

// buildPyramid converts img to RGBA and halves it until its long side is
// below minLevelSide. It recovers from a panic of the image's At method
// (a decoder's lazy image) and returns it as an error.
func buildPyramid(img image.Image) (p *pyramid, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("prepare image for display: %v", r)
		}
	}()
	b := img.Bounds()
	if b.Empty() {
		return nil, fmt.Errorf("prepare image for display: empty image")
	}
	base, ok := img.(*image.RGBA)
	if !ok || base.Rect.Min != (image.Point{}) {
		base = image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		parallelRows(b.Dy(), func(y0, y1 int) {
			draw.Draw(base, image.Rect(0, y0, b.Dx(), y1), img, image.Pt(b.Min.X, b.Min.Y+y0), draw.Src)
		})
	}
	p = &pyramid{levels: []*image.RGBA{base}}
	for l := base; max(l.Rect.Dx(), l.Rect.Dy()) >= 2*minLevelSide; {
		l = halve(l)
		p.levels = append(p.levels, l)
	}
	return p, nil
}

// halve returns src averaged over 2x2 blocks (the last odd row or column is
// averaged with itself).
func halve(src *image.RGBA) *image.RGBA {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	w, h := (sw+1)/2, (sh+1)/2
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	parallelRows(h, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			r0 := src.Pix[2*y*src.Stride : 2*y*src.Stride+4*sw]
			r1 := r0
			if 2*y+1 < sh {
				r1 = src.Pix[(2*y+1)*src.Stride : (2*y+1)*src.Stride+4*sw]
			}
			d := dst.Pix[y*dst.Stride : y*dst.Stride+4*w]
			for x := 0; x < w; x++ {
				a := 8 * x
				b := a + 4
				if 2*x+1 >= sw {
					b = a
				}
				p0, p1 := le32(r0[a:]), le32(r0[b:])
				p2, p3 := le32(r1[a:]), le32(r1[b:])
				// two 8-bit channels per 16-bit lane: sums of four fit
				rb := (p0&0xff00ff + p1&0xff00ff + p2&0xff00ff + p3&0xff00ff + 0x20002) >> 2 & 0xff00ff
				ag := ((p0>>8)&0xff00ff + (p1>>8)&0xff00ff + (p2>>8)&0xff00ff + (p3>>8)&0xff00ff + 0x20002) << 6 & 0xff00ff00
				put32(d[4*x:], rb|ag)
			}
		}
	})
	return dst
}

func le32(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }

func put32(b []byte, v uint32) { binary.LittleEndian.PutUint32(b, v) }

// lerp32 interpolates two RGBA pixels channel by channel, w (0..256) being
// the weight of b.
func lerp32(a, b, w uint32) uint32 {
	rb := ((a&0xff00ff)*(256-w) + (b&0xff00ff)*w + 0x800080) >> 8 & 0xff00ff
	ag := (((a>>8)&0xff00ff)*(256-w) + ((b>>8)&0xff00ff)*w + 0x800080) & 0xff00ff00
	return rb | ag
}

// parallelRows calls f on bands of [0, n) in parallel and waits. A panic
// in f is raised again in the caller's goroutine, where it can be
// recovered.
func parallelRows(n int, f func(y0, y1 int)) {
	workers := runtime.GOMAXPROCS(0)
	if workers > n/16 {
		workers = max(1, n/16)
	}
	if workers == 1 {
		f(0, n)
		return
	}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		panicked any
	)
	band := (n + workers - 1) / workers
	for y := 0; y < n; y += band {
		wg.Add(1)
		go func(y0, y1 int) {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					panicked = r
					mu.Unlock()
				}
			}()
			f(y0, y1)
		}(y, min(n, y+band))
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}

// frameSpec says which frame to draw: an output of w×h device pixels, on
// which the whole image covers the rectangle at (ox, oy) of size dw×dh
// device pixels.
type frameSpec struct {
	w, h           int
	ox, oy, dw, dh float64
}

// render draws the frame into dst (reused when it has the right size) and
// returns it. Pixels outside the image are transparent. At 100 % and when
// magnified at least twice, pixels are copied (nearest neighbour: what was
// recorded, not an interpolation, shown as squares); otherwise the level at
// most twice as large as the output is sampled bilinearly.
func (p *pyramid) render(s frameSpec, dst *image.RGBA) *image.RGBA {
	if dst == nil || dst.Rect.Dx() != s.w || dst.Rect.Dy() != s.h {
		dst = image.NewRGBA(image.Rect(0, 0, s.w, s.h))
	}
	if s.w <= 0 || s.h <= 0 || s.dw <= 0 || s.dh <= 0 {
		clear(dst.Pix)
		return dst
	}
	p.draw(s, dst, false)
	return dst
}

// renderOver draws the image over dst (of s.w×s.h pixels), leaving the
// pixels outside the image as they are: a detail crop drawn over the frame
// of its preview.
func (p *pyramid) renderOver(s frameSpec, dst *image.RGBA) {
	if dst == nil || dst.Rect.Dx() != s.w || dst.Rect.Dy() != s.h || s.dw <= 0 || s.dh <= 0 {
		return
	}
	p.draw(s, dst, true)
}

// draw samples the level suited to s into dst; over leaves the pixels
// outside the image untouched instead of clearing them.
func (p *pyramid) draw(s frameSpec, dst *image.RGBA, over bool) {
	lvl := p.levels[0]
	for _, l := range p.levels[1:] {
		if float64(l.Rect.Dx()) < s.dw || float64(l.Rect.Dy()) < s.dh {
			break
		}
		lvl = l
	}
	lw, lh := lvl.Rect.Dx(), lvl.Rect.Dy()
	k := s.dw / float64(lw)
	nearest := k >= 2 || math.Abs(k-1) < 1e-6
	xs := axisSamples(s.w, s.ox, s.dw, lw, nearest)
	ys := axisSamples(s.h, s.oy, s.dh, lh, nearest)
	x0, x1 := 0, s.w // the columns written
	if over {
		x0, x1 = coveredSpan(xs)
		xs = xs[x0:x1]
	}
	parallelRows(s.h, func(y0, y1 int) {
		top := make([]uint32, len(xs)) // the two source rows, interpolated horizontally
		bot := make([]uint32, len(xs))
		topRow, botRow := -1, -1
		for y := y0; y < y1; y++ {
			row := dst.Pix[y*dst.Stride+4*x0 : y*dst.Stride+4*x1]
			sy := ys[y]
			if sy.i0 < 0 {
				if !over {
					clear(row)
				}
				continue
			}
			if sy.i0 != topRow {
				if sy.i0 == botRow {
					top, bot = bot, top
					topRow, botRow = botRow, topRow
				} else {
					hRow(top, lvl.Pix[sy.i0*lvl.Stride:], xs)
					topRow = sy.i0
				}
			}
			if sy.w == 0 {
				for x, v := range top {
					put32(row[4*x:], v)
				}
				continue
			}
			if sy.i1 != botRow {
				hRow(bot, lvl.Pix[sy.i1*lvl.Stride:], xs)
				botRow = sy.i1
			}
			for x, v := range top {
				put32(row[4*x:], lerp32(v, bot[x], sy.w))
			}
		}
	})
}

// coveredSpan returns the range of output columns that samples of the
// image cover (they are contiguous).
func coveredSpan(xs []sample) (x0, x1 int) {
	x0 = 0
	for x0 < len(xs) && xs[x0].i0 < 0 {
		x0++
	}
	x1 = x0
	for x1 < len(xs) && xs[x1].i0 >= 0 {
		x1++
	}
	return x0, x1
}

// hRow interpolates the source row src at the columns xs into out
// (transparent outside the image).
func hRow(out []uint32, src []byte, xs []sample) {
	for x, sx := range xs {
		switch {
		case sx.i0 < 0:
			out[x] = 0
		case sx.w == 0:
			out[x] = le32(src[4*sx.i0:])
		default:
			out[x] = lerp32(le32(src[4*sx.i0:]), le32(src[4*sx.i1:]), sx.w)
		}
	}
}

// sample is the pair of source indices an output pixel is interpolated
// from, and the weight (0..256) of the second; i0 < 0 outside the image.
type sample struct {
	i0, i1 int
	w      uint32
}

// axisSamples maps each of n output pixels along one axis to the source
// pixels of a level of size size, the image covering [o, o+d) on output.
func axisSamples(n int, o, d float64, size int, nearest bool) []sample {
	out := make([]sample, n)
	k := float64(size) / d
	for i := range out {
		pos := (float64(i) + 0.5 - o) * k // position in source pixels
		if pos < 0 || pos >= float64(size) {
			out[i] = sample{i0: -1}
			continue
		}
		if nearest {
			j := int(pos)
			out[i] = sample{i0: j, i1: j}
			continue
		}
		f := pos - 0.5
		j := int(f)
		if f < 0 {
			j, f = 0, 0
		}
		w := uint32((f - float64(j)) * 256)
		j1 := min(j+1, size-1)
		out[i] = sample{i0: j, i1: j1, w: w}
	}
	return out
}
