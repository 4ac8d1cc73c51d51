package meta

import "encoding/binary"

// strayIFD finds a sub-IFD (the Exif IFD or the GPS IFD, by the tag of its
// pointer) that the usual readers miss, where ExifTool finds it: a pointer
// of type IFD (13) rather than LONG, which goexif and the lenient reader do
// not decode (multispectral drone TIFFs write them so); a pointer in the
// Exif IFD instead of IFD0; or a pointer in a later IFD of the chain (IFD1
// and on, as some multi-page TIFFs have) or in a SubIFD of IFD0. It returns
// the sub-IFD's wanted tags, or nil.
func strayIFD(b []byte, ptr uint16, name ifdName, want func(uint16) bool) tagMap {
	order, first, err := tiffHeader(b)
	if err != nil {
		return nil
	}
	seen := map[uint32]bool{}
	// look reads the IFD at off and, when it holds the pointer, the sub-IFD.
	look := func(off uint32) (tagMap, []entry, uint32) {
		if off == 0 || seen[off] || uint64(off) >= uint64(len(b)) {
			return nil, nil, 0
		}
		seen[off] = true
		entries, next, _ := rawIFD(b, off, order)
		for _, e := range entries {
			if e.id != ptr {
				continue
			}
			p, ok := pointerValue(e, order, b)
			if !ok || p == 0 || uint64(p) >= uint64(len(b)) || seen[p] {
				continue
			}
			if m, _, _ := lenientIFD(b, p, order, name, want); len(m) > 0 {
				return m, entries, next
			}
		}
		return nil, entries, next
	}
	m, ifd0, next := look(first)
	if m != nil {
		return m
	}
	// the Exif IFD and the SubIFDs of IFD0
	for _, e := range ifd0 {
		for _, off := range pointers(e, order, b) {
			if e.id == tagExifIFD || e.id == tagSubIFDs {
				if m, _, _ := look(off); m != nil {
					return m
				}
			}
		}
	}
	// the IFDs that follow IFD0
	for i := 0; next != 0 && i < maxIFDChain; i++ {
		if m, _, next = look(next); m != nil {
			return m
		}
	}
	return nil
}

// pointers returns the values of a pointer tag of type LONG or IFD (one or
// more, as SubIFDs has), at most 16.
func pointers(e entry, order binary.ByteOrder, b []byte) []uint32 {
	if e.typ != 4 && e.typ != 13 || e.count == 0 {
		return nil
	}
	if e.count == 1 {
		v, _ := pointerValue(e, order, b)
		return []uint32{v}
	}
	n := min(int(e.count), 16)
	at := uint64(e.valueOffset)
	if at+uint64(4*n) > uint64(len(b)) {
		return nil
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = order.Uint32(b[at+uint64(4*i):])
	}
	return out
}
