package georef

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// The TIFF tags the footprint needs.
const (
	tagImageWidth          = 256
	tagImageLength         = 257
	tagModelPixelScale     = 33550
	tagModelTiepoint       = 33922
	tagModelTransformation = 34264
	tagGeoKeyDirectory     = 34735
	tagGeoDoubleParams     = 34736
	tagGeoASCIIParams      = 34737
)

// maxValues bounds how many values one tag may hold here: a GeoTIFF's
// tags are small; a huge count is a damaged or hostile file.
const maxValues = 1 << 16

// tiffTags is what readTIFF found in the first image directory: numbers
// by tag (every integer and floating type read as float64).
type tiffTags map[uint16][]float64

// errNotTIFF is returned for data that does not start as a TIFF file.
var errNotTIFF = errors.New("not a TIFF file")

// readTIFF reads the tags of the first image directory of a TIFF or
// BigTIFF file held in b. It never panics on bad input: every offset is
// checked against len(b).
func readTIFF(b []byte) (tiffTags, error) {
	if len(b) < 8 {
		return nil, errNotTIFF
	}
	var order binary.ByteOrder
	switch string(b[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return nil, errNotTIFF
	}
	big := false
	var ifd uint64
	switch order.Uint16(b[2:]) {
	case 42:
		ifd = uint64(order.Uint32(b[4:]))
	case 43:
		if len(b) < 16 || order.Uint16(b[4:]) != 8 {
			return nil, errors.New("BigTIFF header damaged")
		}
		big = true
		ifd = order.Uint64(b[8:])
	default:
		return nil, errNotTIFF
	}
	countSize, entrySize, inline := uint64(2), uint64(12), uint64(4)
	if big {
		countSize, entrySize, inline = 8, 20, 8
	}
	if ifd < 8 || ifd > uint64(len(b)) || countSize > uint64(len(b))-ifd {
		return nil, fmt.Errorf("the first image directory (at %d) is outside the file (%d bytes)", ifd, len(b))
	}
	var n uint64
	if big {
		n = order.Uint64(b[ifd:])
	} else {
		n = uint64(order.Uint16(b[ifd:]))
	}
	if n > 4096 || countSize+n*entrySize > uint64(len(b))-ifd {
		return nil, fmt.Errorf("the first image directory (%d entries at %d) runs past the end of the file", n, ifd)
	}
	tags := tiffTags{}
	for i := uint64(0); i < n; i++ {
		e := b[ifd+countSize+i*entrySize:]
		tag, typ := order.Uint16(e), order.Uint16(e[2:])
		switch tag {
		case tagImageWidth, tagImageLength, tagModelPixelScale, tagModelTiepoint, tagModelTransformation,
			tagGeoKeyDirectory, tagGeoDoubleParams:
		default:
			continue
		}
		var count uint64
		var valueAt []byte
		if big {
			count, valueAt = order.Uint64(e[4:]), e[12:20]
		} else {
			count, valueAt = uint64(order.Uint32(e[4:])), e[8:12]
		}
		size := typeSize(typ)
		if size == 0 {
			return nil, fmt.Errorf("tag %d has type %d, not a number", tag, typ)
		}
		if count > maxValues {
			return nil, fmt.Errorf("tag %d declares %d values", tag, count)
		}
		data := valueAt[:min(inline, count*size)]
		if count*size > inline {
			var off uint64
			if big {
				off = order.Uint64(valueAt)
			} else {
				off = uint64(order.Uint32(valueAt))
			}
			if off > uint64(len(b)) || count*size > uint64(len(b))-off {
				return nil, fmt.Errorf("the values of tag %d are outside the file", tag)
			}
			data = b[off : off+count*size]
		}
		vals := make([]float64, count)
		for j := range vals {
			vals[j] = number(data[uint64(j)*size:], typ, order)
		}
		tags[tag] = vals
	}
	return tags, nil
}

// typeSize returns the size in bytes of one value of a TIFF numeric type,
// 0 for other types.
func typeSize(t uint16) uint64 {
	switch t {
	case 1, 6: // BYTE, SBYTE
		return 1
	case 3, 8: // SHORT, SSHORT
		return 2
	case 4, 9, 11: // LONG, SLONG, FLOAT
		return 4
	case 5, 10, 12, 16, 17: // RATIONAL, SRATIONAL, DOUBLE, LONG8, SLONG8
		return 8
	}
	return 0
}

// number reads one value of type t at the start of b.
func number(b []byte, t uint16, order binary.ByteOrder) float64 {
	switch t {
	case 1:
		return float64(b[0])
	case 6:
		return float64(int8(b[0]))
	case 3:
		return float64(order.Uint16(b))
	case 8:
		return float64(int16(order.Uint16(b)))
	case 4:
		return float64(order.Uint32(b))
	case 9:
		return float64(int32(order.Uint32(b)))
	case 11:
		return float64(math.Float32frombits(order.Uint32(b)))
	case 5:
		if d := order.Uint32(b[4:]); d != 0 {
			return float64(order.Uint32(b)) / float64(d)
		}
		return math.NaN()
	case 10:
		if d := int32(order.Uint32(b[4:])); d != 0 {
			return float64(int32(order.Uint32(b))) / float64(d)
		}
		return math.NaN()
	case 12:
		return math.Float64frombits(order.Uint64(b))
	case 16:
		return float64(order.Uint64(b))
	case 17:
		return float64(int64(order.Uint64(b)))
	}
	return math.NaN()
}
