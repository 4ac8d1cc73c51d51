package picture

// dctScales are the numerators M of the JPEG DCT scaling factors M/8 that
// decodeJPEG may use, smallest first. libjpeg-turbo supports every M from
// 1 to 16; only the reductions are of use here.
var dctScales = []int{1, 2, 3, 4, 5, 6, 7, 8}

// scaled is TurboJPEG's TJSCALED: dim scaled by num/8, rounded up.
func scaled(dim, num int) int {
	return (dim*num + 7) / 8
}

// pickScale returns the smallest numerator M in scales (ascending, ending
// with 8) for which the long side of a w×h image scaled by M/8 is still at
// least minLong; 8 (full size) when minLong <= 0 or nothing smaller does.
func pickScale(w, h, minLong int, scales []int) int {
	if minLong <= 0 {
		return 8
	}
	long := max(w, h)
	for _, m := range scales {
		if scaled(long, m) >= minLong {
			return m
		}
	}
	return 8
}
