package meta

// A HEIF (HEIC, AVIF) image is turned upright by the transformative
// properties of its primary item, irot (rotation) and imir (mirroring),
// applied in the order the item lists them (ISO/IEC 23008-12, 6.5.10 and
// 6.5.12). Readers apply them and ignore the EXIF orientation, which often
// disagrees (a Nokia 8.3 writes irot 270° and EXIF orientation 1). So the
// orientation of a HEIF image is the EXIF orientation equal to its irot and
// imir, and the size is the coded one (ispe): the pixels as stored, as for
// a JPEG.

// orientMatrix maps each EXIF orientation 1..8 to the linear part of the
// transform that turns the stored pixels upright, acting on (x, y) with y
// pointing down, as {a, b, c, d}: (x, y) -> (a x + b y, c x + d y).
var orientMatrix = [9][4]int{
	1: {1, 0, 0, 1},   // as stored
	2: {-1, 0, 0, 1},  // mirrored left-right
	3: {-1, 0, 0, -1}, // 180°
	4: {1, 0, 0, -1},  // mirrored top-bottom
	5: {0, 1, 1, 0},   // transpose
	6: {0, -1, 1, 0},  // a quarter turn clockwise
	7: {0, -1, -1, 0}, // transverse
	8: {0, 1, -1, 0},  // a quarter turn counter-clockwise
}

// heifOrientation returns the EXIF orientation (1..8) equal to the irot
// and imir properties among the item's (1-based indices into ipco), 1
// when it has none.
func heifOrientation(itemProps []int, ipco []box) int {
	m := orientMatrix[1]
	for _, idx := range itemProps {
		if idx < 1 || idx > len(ipco) || len(ipco[idx-1].body) < 1 {
			continue
		}
		p := ipco[idx-1]
		var t [4]int
		switch p.typ {
		case "irot": // angle × 90° counter-clockwise
			t = orientMatrix[[4]int{1, 8, 3, 6}[p.body[0]&3]]
		case "imir": // axis 0: a vertical axis (left-right); 1: horizontal
			t = orientMatrix[[2]int{2, 4}[p.body[0]&1]]
		default:
			continue
		}
		m = [4]int{ // t · m: m first, then t
			t[0]*m[0] + t[1]*m[2], t[0]*m[1] + t[1]*m[3],
			t[2]*m[0] + t[3]*m[2], t[2]*m[1] + t[3]*m[3],
		}
	}
	for o := 1; o <= 8; o++ {
		if orientMatrix[o] == m {
			return o
		}
	}
	return 1
}
