package testkit

import (
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
)

// DateFilterTimes are capture times (camera clocks, no zone) of images
// named after them, around the bounds DateFilterCases try.
var DateFilterTimes = map[string]string{
	"a.jpg": "2017-10-13T23:59:59",
	"b.jpg": "2017-10-14T00:00:00",
	"c.jpg": "2017-10-14T13:04:59",
	"d.jpg": "2017-10-14T13:05:00",
	"e.jpg": "2017-10-14T13:05:30",
	"f.jpg": "2017-10-14T13:05:59.5",
	"g.jpg": "2017-10-14T13:06:00",
	"h.jpg": "2017-10-14T23:59:59",
	"i.jpg": "2017-10-15T00:00:00",
}

// DateFilterCases are capture-time filters as typed, in the library's From
// and To or `ls --from/--to`, and the images of DateFilterTimes each must
// select, in name order: the command line and the app must agree.
var DateFilterCases = []struct{ From, To, Want string }{
	{"", "", "a b c d e f g h i"},
	{"2017-10-14", "2017-10-14", "b c d e f g h"},
	{"", "2017-10-14T13:05", "a b c d e f"},
	{"", "2017-10-14 13:05", "a b c d e f"},
	{"2017-10-14 13:05", "2017-10-14 13:05", "d e f"},
	{"2017-10-14T13:05:30", "2017-10-14T13:05:30", "e"},
	{"2017-10-14T13:05:59", "", "f g h i"},
	{"", "2017-10-14T13:05:59", "a b c d e f"},
	{"2017-10-14T13:05:00+03:00", "2017-10-14T13:05:00Z", "d"}, // zones dropped: the camera's clock
	{"2017-10-14T13:05:30.5", "", "f g h i"},
	{"", "2017-10-14T13:05:59.25", "a b c d e"},
	{" 2017-10-15 ", "", "i"},
}

// WriteJPEGs writes a small JPEG under each name into dir, each of its own
// colour (so of its own content).
func WriteJPEGs(t testing.TB, dir string, names ...string) {
	t.Helper()
	for i, n := range names {
		img := image.NewRGBA(image.Rect(0, 0, 64, 48))
		c := color.RGBA{uint8(40 * i), uint8(255 - 20*i), uint8(7 * i), 255}
		for p := 0; p < len(img.Pix); p += 4 {
			img.Pix[p], img.Pix[p+1], img.Pix[p+2], img.Pix[p+3] = c.R, c.G, c.B, c.A
		}
		f, err := os.Create(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		if err := jpeg.Encode(f, img, nil); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
