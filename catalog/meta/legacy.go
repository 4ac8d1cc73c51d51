package meta

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"time"
)

// readCIFF reads make, model, capture time and image size from the CIFF heap
// ("HEAPJPGM") that Canon cameras of the late 1990s put in APP0. The heap
// ends with the offset of its directory; entries of type 0x2800 and 0x3000
// are sub-heaps.
func readCIFF(seg []byte, r *reader) *fields {
	order := byteOrder(seg[:2])
	if order == nil {
		return nil
	}
	hdr := int(order.Uint32(seg[2:]))
	if hdr < 14 || hdr > len(seg) {
		return nil
	}
	f := &fields{}
	budget := 4096 // entries read in all: sub-heaps may overlap
	ciffHeap(seg[hdr:], order, f, 0, &budget)
	return f
}

func ciffHeap(heap []byte, order binary.ByteOrder, f *fields, depth int, budget *int) {
	if depth > 8 || len(heap) < 4 {
		return
	}
	dir := int(order.Uint32(heap[len(heap)-4:]))
	if dir < 0 || dir+2 > len(heap) {
		return
	}
	n := int(order.Uint16(heap[dir:]))
	for i := range n {
		if *budget--; *budget < 0 {
			return
		}
		p := dir + 2 + 10*i
		if p+10 > len(heap) {
			return
		}
		tag := order.Uint16(heap[p:])
		size := int(order.Uint32(heap[p+2:]))
		off := int(order.Uint32(heap[p+6:]))
		if tag&0x8000 != 0 {
			return
		}
		var val []byte
		if tag&0x4000 != 0 { // value held in the entry
			val = heap[p+2 : p+10]
		} else {
			if off < 0 || size < 0 || off+size > len(heap) || off+size < off {
				continue
			}
			val = heap[off : off+size]
		}
		typ := (tag >> 8) & 0x38
		if (typ == 0x28 || typ == 0x30) && tag&0x4000 == 0 {
			ciffHeap(val, order, f, depth+1, budget)
			continue
		}
		switch tag & 0x3fff {
		case 0x080a: // make and model, NUL-separated
			parts := bytes.SplitN(val, []byte{0}, 3)
			if len(parts) >= 2 {
				f.make, f.hasMake = cleanText(string(parts[0])), true
				f.model, f.hasModel = cleanText(string(parts[1])), true
			}
		case 0x180e: // time stamp: Unix seconds of the camera clock, zone code, zone info
			if len(val) >= 12 {
				sec := int64(order.Uint32(val))
				st := &stamp{clock: time.Unix(sec, 0).UTC(), source: SourceCIFF}
				if order.Uint32(val[8:]) == 0x80000000 { // zone code valid
					if o, ok := offsetFromSeconds(int(int32(order.Uint32(val[4:])))); ok {
						st.offset = o
					}
				}
				f.original = st
			}
		case 0x1810: // image info: width, height
			if len(val) >= 8 {
				f.width, f.height = int(order.Uint32(val)), int(order.Uint32(val[4:]))
			}
		}
	}
}

// offsetFromSeconds formats a UTC offset in seconds as ±HH:MM.
func offsetFromSeconds(sec int) (string, bool) {
	if sec < -14*3600 || sec > 14*3600 {
		return "", false
	}
	sign := byte('+')
	if sec < 0 {
		sign, sec = '-', -sec
	}
	o, ok := normOffset(string(sign) + strconv.Itoa(sec/3600) + ":" + twoDigits(sec%3600/60))
	return o, ok
}

func twoDigits(n int) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

// readPictureInfo reads the capture time from the "[picture info]" text that
// old Olympus (and some other) cameras write in APP12: "TimeDate=<Unix
// seconds of the camera clock>".
func readPictureInfo(seg []byte) *fields {
	i := bytes.Index(seg, []byte("TimeDate="))
	if i < 0 {
		return nil
	}
	rest := seg[i+len("TimeDate="):]
	j := 0
	for j < len(rest) && j < 12 && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	sec, err := strconv.ParseInt(string(rest[:j]), 10, 64)
	if err != nil || sec <= 0 {
		return nil
	}
	return &fields{original: &stamp{clock: time.Unix(sec, 0).UTC(), source: SourcePictureInfo}}
}
