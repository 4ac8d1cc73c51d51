package meta

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/rwcarlsen/goexif/exif"
	"github.com/rwcarlsen/goexif/tiff"
)

// maxGoexifBlob is the largest TIFF blob handed to goexif. goexif copies its
// whole input through growing buffers (about 8 bytes allocated per input
// byte), which is little for an EXIF block (at most 64 KB in a JPEG) but a lot
// for a TIFF image of many megabytes (21 MB and 21 ms for a 2.7 MB GeoTIFF);
// larger blobs are read by the lenient reader alone, which copies only the
// values it decodes.
const maxGoexifBlob = 1 << 20

// readEXIF reads a TIFF-structured EXIF blob: goexif first, then the lenient
// reader for whatever goexif rejected.
func (r *reader) readEXIF(b []byte) fields {
	set, err := goexifTags(b)
	switch {
	case err == nil:
	case set.ifd0 != nil:
		// goexif read IFD0 but not every sub-IFD: fill the gaps.
		second, problems, _ := lenientTags(b)
		var filled []string
		if set.exif == nil && second.exif != nil {
			set.exif, filled = second.exif, append(filled, "Exif IFD")
		}
		if set.gps == nil && second.gps != nil {
			set.gps, filled = second.gps, append(filled, "GPS")
		}
		if len(filled) > 0 {
			r.note("EXIF: %s; %s read by the second reader%s", goexifMessage(err), strings.Join(filled, " and "), detail(problems))
		} else {
			r.note("EXIF: %s", goexifMessage(err))
		}
	default:
		second, problems, err2 := lenientTags(b)
		if err2 != nil {
			r.note("EXIF unreadable: %v", err2)
			return fields{}
		}
		if err != errTooLarge {
			r.note("EXIF: %s; read by the second reader%s", goexifMessage(err), detail(problems))
		} else if len(problems) > 0 {
			r.note("EXIF:%s", detail(problems))
		}
		set = second
	}
	if len(set.exif) == 0 {
		if m := strayIFD(b, tagExifIFD, exifName, wantExif); m != nil {
			set.exif = m
		}
	}
	if len(set.gps) == 0 {
		if m := strayIFD(b, tagGPSIFD, gpsName, wantGPS); m != nil {
			set.gps = m
		}
	}
	f := extract(set, r)
	f.fill(makerNoteFields(set, f.make, r))
	return f
}

// detail lists what the second reader skipped.
func detail(problems []string) string {
	if len(problems) == 0 {
		return ""
	}
	const show = 4
	if len(problems) > show {
		problems = append(problems[:show:show], fmt.Sprintf("and %d more", len(problems)-show))
	}
	return " (" + strings.Join(problems, "; ") + ")"
}

var errTooLarge = errors.New("blob too large for goexif")

// goexifTags decodes b with goexif and returns the tags of IFD0 and of the
// Exif and GPS sub-IFDs. ifd0 is nil when goexif could not read the blob;
// exif or gps is nil (and err set) when that sub-IFD could not be read.
func goexifTags(b []byte) (set tagSet, err error) {
	if len(b) > maxGoexifBlob {
		return tagSet{}, errTooLarge
	}
	if err := preflight(b); err != nil {
		return tagSet{}, fmt.Errorf("not handed to goexif: %w", err)
	}
	x, err := goexifDecode(b)
	if x == nil || x.Tiff == nil || len(x.Tiff.Dirs) == 0 {
		if err == nil {
			err = errors.New("no IFD")
		}
		return tagSet{}, err
	}
	set = tagSet{order: x.Tiff.Order, blob: b, ifd0: dirMap(x.Tiff.Dirs[0])}
	var subErr error
	sub := func(ptr uint16) tagMap {
		t, ok := set.ifd0[ptr]
		if !ok {
			return tagMap{} // absent, not failed
		}
		off, ok := intVal(t, 0)
		if !ok || off <= 0 || off >= int64(len(x.Raw)) {
			subErr = fmt.Errorf("%s pointer %d is invalid", map[uint16]ifdName{tagExifIFD: exifName, tagGPSIFD: gpsName}[ptr], off)
			return nil
		}
		d, derr := goexifDir(x.Raw, off, x.Tiff)
		if derr != nil {
			subErr = derr
			return nil
		}
		return dirMap(d)
	}
	set.exif = sub(tagExifIFD)
	set.gps = sub(tagGPSIFD)
	// goexif's own non-critical errors concern sub-IFDs: the ones read here
	// were decoded again above, and the Interop IFD is not used.
	return set, subErr
}

// goexifDecode runs exif.Decode behind recover.
func goexifDecode(b []byte) (x *exif.Exif, err error) {
	defer func() {
		if p := recover(); p != nil {
			x, err = nil, fmt.Errorf("goexif panicked: %v", p)
		}
	}()
	x, err = exif.Decode(bytes.NewReader(b))
	if err != nil && exif.IsCriticalError(err) {
		return nil, err
	}
	return x, err
}

// goexifDir decodes the sub-IFD at off with goexif behind recover (goexif
// does the same inside Decode but does not keep the directory).
func goexifDir(raw []byte, off int64, t *tiff.Tiff) (d *tiff.Dir, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, fmt.Errorf("goexif panicked: %v", p)
		}
	}()
	r := bytes.NewReader(raw)
	if _, err := r.Seek(off, 0); err != nil {
		return nil, err
	}
	d, _, err = tiff.DecodeDir(r, t.Order)
	return d, err
}

func dirMap(d *tiff.Dir) tagMap {
	m := make(tagMap, len(d.Tags))
	for _, t := range d.Tags {
		if _, dup := m[t.Id]; !dup { // the first of duplicate tags counts, as in ExifTool
			m[t.Id] = t
		}
	}
	return m
}

// goexifMessage turns goexif's error text into one line.
func goexifMessage(err error) string {
	s := strings.Join(strings.Fields(err.Error()), " ")
	s = strings.TrimPrefix(s, "exif: ")
	if strings.HasPrefix(s, "decode failed (") && strings.HasSuffix(s, ")") {
		s = strings.TrimSuffix(strings.TrimPrefix(s, "decode failed ("), ")")
	}
	return s
}
