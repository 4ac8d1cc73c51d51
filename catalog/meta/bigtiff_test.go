package meta

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/internal/testkit"
)

// bigFromClassic turns a classic TIFF into a BigTIFF holding the same
// tags and pixels, as a writer of BigTIFFs would: the original bytes
// after the header are kept, 8 bytes further on (the BigTIFF header is
// 16 bytes), and every directory is written again at the end in the
// 64-bit form, its strip and tile offsets as LONG8 and its pointers to
// directories as IFD8. exiftool reads the result as it reads the
// original (checked by TestBigTIFFTags).
func bigFromClassic(t testing.TB, classic []byte) []byte {
	t.Helper()
	order, first, err := tiffHeader(classic)
	if err != nil {
		t.Fatal(err)
	}
	out := append([]byte(nil), classic[:2]...)
	out = order.(binary.AppendByteOrder).AppendUint16(out, 43)
	out = order.(binary.AppendByteOrder).AppendUint16(out, 8)
	out = append(out, 0, 0)
	out = append(out, make([]byte, 8)...) // IFD0, set below
	out = append(out, classic[8:]...)
	const shift = 8
	app := order.(binary.AppendByteOrder)
	written := map[uint32]uint64{}
	var write func(off uint32, chain bool) uint64
	write = func(off uint32, chain bool) uint64 {
		if at, ok := written[off]; ok {
			return at
		}
		entries, next, err := rawIFD(classic, off, order)
		if err != nil {
			t.Fatalf("classic IFD at %d: %v", off, err)
		}
		type big struct {
			id, typ uint16
			count   uint64
			value   []byte
		}
		var bigs []big
		for _, e := range entries {
			raw, err := fieldBytes(classic, e)
			if err != nil {
				t.Fatalf("tag 0x%04x: %v", e.id, err)
			}
			b := big{id: e.id, typ: e.typ, count: uint64(e.count), value: raw}
			switch {
			case (e.id == tagExifIFD || e.id == tagGPSIFD || e.id == tagInteropIFD || e.id == tagSubIFDs) && e.typ != 2:
				vals, _ := numbers(raw, e.typ, order, 64)
				b.typ, b.value = 18, nil // IFD8
				for _, v := range vals {
					b.value = app.AppendUint64(b.value, write(uint32(v), false))
				}
			case e.id == 0x0111 || e.id == 0x0144: // StripOffsets, TileOffsets
				vals, _ := numbers(raw, e.typ, order, 1<<20)
				b.typ, b.value = 16, nil // LONG8
				for _, v := range vals {
					b.value = app.AppendUint64(b.value, uint64(v)+shift)
				}
			case e.id == 0x0201: // ThumbnailOffset
				b.value = app.AppendUint32(nil, order.Uint32(raw)+shift)
			}
			bigs = append(bigs, b)
		}
		var nextAt uint64
		if chain && next != 0 {
			nextAt = write(next, true)
		}
		here := uint64(len(out))
		written[off] = here
		out = app.AppendUint64(out, uint64(len(bigs)))
		valuesAt := here + 8 + 20*uint64(len(bigs)) + 8
		var values []byte
		for _, b := range bigs {
			out = app.AppendUint16(out, b.id)
			out = app.AppendUint16(out, b.typ)
			out = app.AppendUint64(out, b.count)
			if len(b.value) <= 8 {
				out = append(out, b.value...)
				out = append(out, make([]byte, 8-len(b.value))...)
				continue
			}
			out = app.AppendUint64(out, valuesAt+uint64(len(values)))
			values = append(values, b.value...)
			if len(values)%2 == 1 {
				values = append(values, 0)
			}
		}
		out = app.AppendUint64(out, nextAt)
		out = append(out, values...)
		return here
	}
	ifd0 := write(first, true)
	order.(interface{ PutUint64([]byte, uint64) }).PutUint64(out[8:], ifd0)
	return out
}

// exiftoolJSON returns exiftool -G1 -j -n's reading of each of paths.
func exiftoolJSON(t *testing.T, paths ...string) []map[string]any {
	t.Helper()
	if _, err := exec.LookPath("exiftool"); err != nil {
		testkit.Missing(t, "exiftool is not installed (the reference the tags are checked against)")
	}
	out, err := exec.Command("exiftool", append([]string{"-G1", "-j", "-n", "-q", "-q"}, paths...)...).Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("exiftool: %v", err)
	}
	var list []map[string]any
	if err := json.Unmarshal(out, &list); err != nil {
		t.Fatalf("exiftool output: %v", err)
	}
	if len(list) != len(paths) {
		t.Fatalf("exiftool read %d of %d files", len(list), len(paths))
	}
	return list
}

// layoutTag reports whether a tag's value depends on where the file puts
// things (it differs between a TIFF and its BigTIFF copy).
func layoutTag(key string) bool {
	_, name, _ := strings.Cut(key, ":")
	switch name {
	case "StripOffsets", "TileOffsets", "ThumbnailOffset", "ExifOffset", "GPSInfo", "InteropOffset", "SubIFDs",
		"FileSize", "FileModifyDate", "FileAccessDate", "FileInodeChangeDate", "FileName", "Directory", "SourceFile",
		"FileType", "FileTypeExtension", "MIMEType", "ExifByteOrder":
		return true
	}
	return false
}

// TestBigTIFFTags: a BigTIFF's tags are read as those of the same TIFF in
// the classic form: ReadTags lists the same tags with the same values
// (only offsets differ), each as exiftool -G1 reads the BigTIFF, and Read
// gives the same capture time and source, camera, position and size. The
// files: the corpus's GeoTIFF, a corpus TIFF, and one exiftool wrote a
// camera's EXIF and GPS into; each made a BigTIFF by bigFromClassic, and
// the GeoTIFF also by GDAL (gdal_translate -co BIGTIFF=YES).
func TestBigTIFFTags(t *testing.T) {
	root := corpusDir(t)
	dir := t.TempDir()
	camera := filepath.Join(dir, "camera.tif")
	src, err := os.ReadFile(filepath.Join(root, "exif-samples", "tiff", "Picoawards.tiff"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(camera, src, 0o644); err != nil {
		t.Fatal(err)
	}
	exiftoolJSON(t, camera) // installed?
	if out, err := exec.Command("exiftool", "-q", "-overwrite_original", "-Make=Exhibit Test", "-Model=BT-1",
		"-DateTimeOriginal=2017:10:12 09:41:07", "-SubSecTimeOriginal=25", "-OffsetTimeOriginal=+03:00",
		"-GPSLatitude=35.9521", "-GPSLatitudeRef=N", "-GPSLongitude=39.0099", "-GPSLongitudeRef=E", camera).CombinedOutput(); err != nil {
		t.Fatalf("exiftool writing the camera's tags: %v: %s", err, out)
	}
	classics := []string{filepath.Join(root, "go-exif", "geotiff_example.tif"), filepath.Join(root, "exif-samples", "tiff", "Rudless.tiff"), camera}
	type pair struct{ classic, big string }
	var pairs []pair
	for _, c := range classics {
		data, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		big := filepath.Join(dir, "big-"+filepath.Base(c))
		if err := os.WriteFile(big, bigFromClassic(t, data), 0o644); err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, pair{c, big})
	}
	if _, err := exec.LookPath("gdal_translate"); err != nil {
		testkit.Missing(t, "gdal_translate is not installed (Debian gdal-bin: it writes the GDAL BigTIFF)")
	} else {
		big := filepath.Join(dir, "gdal-big.tif")
		if out, err := exec.Command("gdal_translate", "-q", "-co", "BIGTIFF=YES", classics[0], big).CombinedOutput(); err != nil {
			t.Fatalf("gdal_translate: %v: %s", err, out)
		}
		pairs = append(pairs, pair{classics[0], big})
	}

	for _, p := range pairs {
		t.Run(filepath.Base(p.big), func(t *testing.T) {
			classic, err := os.ReadFile(p.classic)
			if err != nil {
				t.Fatal(err)
			}
			big, err := os.ReadFile(p.big)
			if err != nil {
				t.Fatal(err)
			}
			if !BigTIFF(big) {
				t.Fatal("not a BigTIFF")
			}
			ref := exiftoolJSON(t, p.classic, p.big)
			bigTags, err := ReadTags(big)
			if err != nil {
				t.Fatal(err)
			}
			classicTags, err := ReadTags(classic)
			if err != nil {
				t.Fatal(err)
			}
			ours := map[string]string{}
			for _, tg := range bigTags {
				ours[tg.Group+":"+tg.Name] = tg.Value
			}
			gdal := strings.HasPrefix(filepath.Base(p.big), "gdal")
			listed := 0
			for _, tg := range classicTags {
				key := tg.Group + ":" + tg.Name
				if layoutTag(key) || gdal {
					continue // GDAL writes its own tags (other strips, its GeoTIFF keys): checked against exiftool below
				}
				listed++
				if got, ok := ours[key]; !ok || got != tg.Value {
					t.Errorf("%s: BigTIFF lists %q (listed %v); the classic TIFF %q", key, got, ok, tg.Value)
				}
			}
			if listed < 5 && !gdal {
				t.Errorf("only %d tags compared", listed)
			}
			// exiftool reads the BigTIFF as its classic original (bigFromClassic
			// is right), and ReadTags as exiftool.
			compared := 0
			for _, key := range slices.Sorted(mapKeys(ref[1])) {
				group, _, _ := strings.Cut(key, ":")
				if v, _ := ref[1][key].(string); layoutTag(key) || !(comparedGroup(group) || group == "GeoTiff") || strings.HasPrefix(v, "(Binary data") {
					continue // (exiftool shows no value of a long binary block without -b)
				}
				if !gdal {
					if fmt.Sprint(ref[0][key]) != fmt.Sprint(ref[1][key]) {
						t.Errorf("exiftool reads %s = %v in the BigTIFF, %v in the classic TIFF", key, ref[1][key], ref[0][key])
					}
				}
				compared++
				if got, ok := ours[key]; !ok || !sameValue(group, ref[1][key], got) {
					t.Errorf("%s: ReadTags %q (listed %v); exiftool %v", key, got, ok, ref[1][key])
				}
			}
			if compared < 3 {
				t.Errorf("only %d of exiftool's tags compared", compared)
			}

			mb, err := Read(big)
			if err != nil {
				t.Fatal(err)
			}
			mc, err := Read(classic)
			if err != nil {
				t.Fatal(err)
			}
			if mb.Width != mc.Width || mb.Height != mc.Height || mb.Make != mc.Make || mb.Model != mc.Model ||
				fmt.Sprint(mb.TakenAt) != fmt.Sprint(mc.TakenAt) || mb.TakenSource != mc.TakenSource ||
				deref(mb.Lat, mb.Lon) != deref(mc.Lat, mc.Lon) {
				t.Errorf("Read(BigTIFF) = %d×%d %q %q %v (%s) %v,%v\nRead(classic) = %d×%d %q %q %v (%s) %v,%v",
					mb.Width, mb.Height, mb.Make, mb.Model, mb.TakenAt, mb.TakenSource, deref(mb.Lat), deref(mb.Lon),
					mc.Width, mc.Height, mc.Make, mc.Model, mc.TakenAt, mc.TakenSource, deref(mc.Lat), deref(mc.Lon))
			}
			if strings.Contains(mb.Note, "BigTIFF") {
				t.Errorf("note %q", mb.Note)
			}
			if filepath.Base(p.classic) == "camera.tif" && (mb.TakenSource != "exif:DateTimeOriginal" || mb.Lat == nil) {
				t.Errorf("the camera's BigTIFF: taken %v from %q, position %v", mb.TakenAt, mb.TakenSource, mb.Lat)
			}
		})
	}
}

// deref prints the numbers ps point at ("nil" for none).
func deref(ps ...*float64) string {
	var out []string
	for _, p := range ps {
		if p == nil {
			out = append(out, "nil")
		} else {
			out = append(out, fmt.Sprint(*p))
		}
	}
	return strings.Join(out, ",")
}

// TestClassicFromBigHostile: a BigTIFF whose directories point outside
// the file, loop, or declare absurd counts is rewritten with what can be
// read, and the rest named; it never panics.
func TestClassicFromBigHostile(t *testing.T) {
	le := binary.LittleEndian
	header := func(first uint64) []byte {
		b := []byte("II+\x00\x08\x00\x00\x00")
		return le.AppendUint64(b, first)
	}
	entry := func(b []byte, id, typ uint16, count, value uint64) []byte {
		b = le.AppendUint16(b, id)
		b = le.AppendUint16(b, typ)
		b = le.AppendUint64(b, count)
		return le.AppendUint64(b, value)
	}
	loop := header(16)
	loop = le.AppendUint64(loop, 1)
	loop = entry(loop, 0x0100, 16, 1, 5000000000) // a width past 32 bits
	loop = le.AppendUint64(loop, 16)              // next: itself
	outside := header(16)
	outside = le.AppendUint64(outside, 3)
	outside = entry(outside, tagExifIFD, 18, 1, 1<<40)
	outside = entry(outside, 0x010e, 2, 1<<20, 1<<50)
	outside = entry(outside, 0x0110, 2, 1<<62, 64)
	outside = le.AppendUint64(outside, 0)
	cases := []struct {
		name string
		data []byte
		want []string
	}{
		{"loop", loop, []string{"a loop"}},
		{"outside", outside, []string{"ExifIFD: directory offset", "tag 0x010e skipped", "tag 0x0110 skipped"}},
		{"first outside", header(1 << 40), []string{"IFD0: directory offset"}},
		{"cut", header(16)[:12], nil},
	}
	for _, tc := range cases {
		blob, problems, err := classicFromBig(tc.data, true)
		if tc.want == nil {
			if err == nil {
				t.Errorf("%s: no error", tc.name)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		all := strings.Join(problems, "; ")
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: problems %q; want %q", tc.name, all, w)
			}
		}
		if _, err := ReadTags(append(blob[:0:0], blob...)); err != nil {
			t.Errorf("%s: the rewritten blob is not read: %v", tc.name, err)
		}
		if m, err := Read(tc.data); err != nil && tc.name != "first outside" {
			t.Errorf("%s: Read: %v (%+v)", tc.name, err, m)
		}
	}
	// The width past 32 bits is listed as it is, and left out of the EXIF
	// readers' blob.
	tags, err := ReadTags(loop)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, tg := range tags {
		if tg.Group == "IFD0" && tg.Name == "ImageWidth" {
			found = tg.Value == "5000000000"
		}
	}
	if !found {
		t.Errorf("ImageWidth of 5000000000 not listed: %+v", tags)
	}
	if m, _ := Read(loop); m.Width != 0 {
		t.Errorf("Read took a width of %d from a value past 32 bits", m.Width)
	}
}
