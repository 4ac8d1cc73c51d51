package georef

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// maxSidecar is the largest world or .prj file read: both are a few lines.
const maxSidecar = 64 << 10

// worldExts are the world file extensions looked for beside an image, by
// the image's extension.
var worldExts = map[string][]string{
	".jpg": {".jgw", ".jpgw", ".wld"}, ".jpeg": {".jgw", ".jpegw", ".wld"},
	".png": {".pgw", ".pngw", ".wld"},
	".tif": {".tfw", ".tifw", ".wld"}, ".tiff": {".tfw", ".tiffw", ".wld"},
}

// WorldFileFor returns the world file beside image (x.jgw beside x.jpg,
// x.wld...), in lower or upper case, or "" when there is none.
func WorldFileFor(image string) string {
	ext := filepath.Ext(image)
	base := strings.TrimSuffix(image, ext)
	for _, w := range worldExts[strings.ToLower(ext)] {
		for _, cand := range []string{base + w, base + strings.ToUpper(w)} {
			if fi, err := os.Stat(cand); err == nil && fi.Mode().IsRegular() {
				return cand
			}
		}
	}
	return ""
}

// ParseWorld reads the six numbers of a world file: A (pixel width), D and
// B (rotations), E (pixel height, negative when north is up), C and F (the
// centre of the upper-left pixel), one a line.
func ParseWorld(b []byte) ([6]float64, error) {
	var v [6]float64
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if n == 6 {
			return v, errors.New("a world file has six numbers, this one more")
		}
		f, err := strconv.ParseFloat(line, 64)
		if err != nil {
			return v, fmt.Errorf("line %d %q is not a number", n+1, line)
		}
		v[n] = f
		n++
	}
	if n != 6 {
		return v, fmt.Errorf("a world file has six numbers, this one %d", n)
	}
	return v, nil
}

// FromWorld returns the footprint of a w×h image from the world file at
// path, in the system its .prj names (x.prj beside x.jgw, or beside the
// image), WGS 84 when there is none.
func FromWorld(path, image string, w, h int) (*Footprint, error) {
	b, err := readSmall(path)
	if err != nil {
		return nil, fmt.Errorf("world file %s: %w", path, err)
	}
	v, err := ParseWorld(b)
	if err != nil {
		return nil, fmt.Errorf("world file %s: %w", path, err)
	}
	code := 4326
	for _, prj := range []string{strings.TrimSuffix(path, filepath.Ext(path)) + ".prj", strings.TrimSuffix(image, filepath.Ext(image)) + ".prj"} {
		pb, err := readSmall(prj)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", prj, err)
		}
		if code, err = EPSGFromPRJ(string(pb)); err != nil {
			return nil, fmt.Errorf("%s: %w", prj, err)
		}
		break
	}
	crs, err := CRSFromEPSG(code)
	if err != nil {
		return nil, fmt.Errorf("world file %s: %w", path, err)
	}
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("world file %s: the image's size is unknown", path)
	}
	// The world file gives the centre of the upper-left pixel: the outer
	// corner is half a pixel before it.
	a := affine{A: v[0], D: v[1], B: v[2], E: v[3], C: v[4], F: v[5]}
	f, err := footprint(crs, a, float64(w), float64(h), -0.5, "world")
	if err != nil {
		return nil, fmt.Errorf("world file %s: %w", path, err)
	}
	return f, nil
}

// readSmall reads a sidecar file, refusing one that is not a regular file
// or is larger than a sidecar can be.
func readSmall(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if fi.Size() > maxSidecar {
		return nil, fmt.Errorf("%d bytes: too large for a world or .prj file", fi.Size())
	}
	return os.ReadFile(path)
}
