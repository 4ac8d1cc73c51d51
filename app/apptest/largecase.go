package apptest

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
)

// LargeCase returns a case of n small generated JPEGs (with capture time,
// camera and, for most, GPS in their EXIF), made once and kept under
// os.TempDir() for later runs.
func LargeCase(tb testing.TB, n int) string {
	tb.Helper()
	root := filepath.Join(os.TempDir(), fmt.Sprintf("exhibit-large-%d-v1", n))
	dir := filepath.Join(root, "Large.exhibit")
	if catalog.IsCase(dir) {
		c, err := catalog.Open(context.Background(), dir)
		if err == nil {
			k, err := c.CountImages(context.Background())
			c.Close()
			if err == nil && k == n {
				return dir
			}
		}
	}
	tb.Logf("making a case of %d images in %s (once; reused by later runs)", n, root)
	os.RemoveAll(root)
	files := filepath.Join(root, "files")
	for i := range n {
		sub := filepath.Join(files, fmt.Sprintf("roll-%03d", i/500))
		if i%500 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				tb.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("IMG_%05d.jpg", i)), SmallJPEG(tb, i), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	c, err := catalog.Open(context.Background(), dir)
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	res, err := c.Import(context.Background(), []string{files}, catalog.ImportOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	if res.Added != n {
		tb.Fatalf("imported %d of %d (failed %d)", res.Added, n, len(res.Failed))
	}
	tb.Logf("imported %d images in %s", n, time.Since(start).Round(time.Second))
	return dir
}

var largeCameras = [][2]string{{"Canon", "Canon EOS 5D Mark III"}, {"Apple", "iPhone 6"}, {"DJI", "FC6310"}, {"NIKON CORPORATION", "NIKON D750"}, {"samsung", "SM-G930F"}}

// SmallJPEG draws image i: a coloured scene with a few blocks, 160×120,
// with EXIF.
func SmallJPEG(tb testing.TB, i int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 160, 120))
	hue := float64(i*37%360) / 360
	sky := hsv(hue, 0.25, 0.95)
	ground := hsv(math.Mod(hue+0.08, 1), 0.35, 0.55)
	for y := range 120 {
		for x := range 160 {
			c := sky
			if y > 60+(x*(i%7))/40 {
				c = ground
			}
			img.Set(x, y, c)
		}
	}
	for k := range 3 {
		bx, by := (i*13+k*47)%120, 40+(i*7+k*19)%40
		c := hsv(math.Mod(hue+0.5+float64(k)*0.1, 1), 0.5, 0.35+0.2*float64(k))
		for y := by; y < min(by+30, 120); y++ {
			for x := bx; x < min(bx+24+k*6, 160); x++ {
				img.Set(x, y, c)
			}
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		tb.Fatal(err)
	}
	cam := largeCameras[i%len(largeCameras)]
	taken := time.Date(2017, 6, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * 7 * time.Minute)
	var gps *[2]float64
	if i%4 != 0 {
		gps = &[2]float64{35.95 + float64(i%100)/10000, 39.00 + float64(i%77)/10000}
	}
	app1 := exifAPP1(cam[0], cam[1], taken, gps)
	b := buf.Bytes()
	out := append([]byte{}, b[:2]...)
	out = append(out, 0xFF, 0xE1)
	out = binary.BigEndian.AppendUint16(out, uint16(len(app1)+2))
	out = append(out, app1...)
	return append(out, b[2:]...)
}

func hsv(h, s, v float64) color.RGBA {
	i := int(h * 6)
	f := h*6 - float64(i)
	p, q, t := v*(1-s), v*(1-f*s), v*(1-(1-f)*s)
	var r, g, b float64
	switch i % 6 {
	case 0:
		r, g, b = v, t, p
	case 1:
		r, g, b = q, v, p
	case 2:
		r, g, b = p, v, t
	case 3:
		r, g, b = p, q, v
	case 4:
		r, g, b = t, p, v
	default:
		r, g, b = v, p, q
	}
	return color.RGBA{uint8(r * 255), uint8(g * 255), uint8(b * 255), 255}
}

// tiffEntry is one IFD entry, its value as big-endian bytes.
type tiffEntry struct {
	tag, typ uint16
	count    uint32
	data     []byte
}

func asciiTag(tag uint16, s string) tiffEntry {
	b := append([]byte(s), 0)
	return tiffEntry{tag, 2, uint32(len(b)), b}
}

func longTag(tag uint16, v uint32) tiffEntry {
	return tiffEntry{tag, 4, 1, binary.BigEndian.AppendUint32(nil, v)}
}

func dmsTag(tag uint16, deg float64) tiffEntry {
	d := math.Floor(deg)
	m := math.Floor((deg - d) * 60)
	s := ((deg-d)*60 - m) * 60 * 1000
	var b []byte
	for _, r := range [][2]uint32{{uint32(d), 1}, {uint32(m), 1}, {uint32(math.Round(s)), 1000}} {
		b = binary.BigEndian.AppendUint32(b, r[0])
		b = binary.BigEndian.AppendUint32(b, r[1])
	}
	return tiffEntry{tag, 5, 3, b}
}

// ifdSize is the bytes an IFD and its out-of-line values take.
func ifdSize(es []tiffEntry) int {
	n := 2 + 12*len(es) + 4
	for _, e := range es {
		if len(e.data) > 4 {
			n += (len(e.data) + 1) &^ 1
		}
	}
	return n
}

// appendIFD writes an IFD placed at offset off (from the TIFF header).
func appendIFD(b []byte, es []tiffEntry, off int) []byte {
	sort.Slice(es, func(i, j int) bool { return es[i].tag < es[j].tag })
	b = binary.BigEndian.AppendUint16(b, uint16(len(es)))
	data := off + 2 + 12*len(es) + 4
	var extra []byte
	for _, e := range es {
		b = binary.BigEndian.AppendUint16(b, e.tag)
		b = binary.BigEndian.AppendUint16(b, e.typ)
		b = binary.BigEndian.AppendUint32(b, e.count)
		if len(e.data) <= 4 {
			v := make([]byte, 4)
			copy(v, e.data)
			b = append(b, v...)
			continue
		}
		b = binary.BigEndian.AppendUint32(b, uint32(data+len(extra)))
		extra = append(extra, e.data...)
		if len(extra)%2 == 1 {
			extra = append(extra, 0)
		}
	}
	b = binary.BigEndian.AppendUint32(b, 0)
	return append(b, extra...)
}

// exifAPP1 is the payload of an APP1 segment with make, model, capture
// time and, when given, a position.
func exifAPP1(make, model string, taken time.Time, gps *[2]float64) []byte {
	ifd0 := []tiffEntry{asciiTag(0x010F, make), asciiTag(0x0110, model), longTag(0x8769, 0)}
	if gps != nil {
		ifd0 = append(ifd0, longTag(0x8825, 0))
	}
	exif := []tiffEntry{asciiTag(0x9003, taken.Format("2006:01:02 15:04:05"))}
	var gpsIFD []tiffEntry
	if gps != nil {
		gpsIFD = []tiffEntry{asciiTag(1, "N"), dmsTag(2, gps[0]), asciiTag(3, "E"), dmsTag(4, gps[1])}
	}
	exifOff := 8 + ifdSize(ifd0)
	gpsOff := exifOff + ifdSize(exif)
	ifd0[2] = longTag(0x8769, uint32(exifOff))
	if gps != nil {
		ifd0[3] = longTag(0x8825, uint32(gpsOff))
	}
	b := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08")
	tiff := b[6:]
	tiff = appendIFD(tiff, ifd0, 8)
	tiff = appendIFD(tiff, exif, exifOff)
	if gps != nil {
		tiff = appendIFD(tiff, gpsIFD, gpsOff)
	}
	return append(b[:6], tiff...)
}
