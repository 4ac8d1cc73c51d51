package picture

// #include <turbojpeg.h>
import "C"

const (
	flagLimit   = C.TJFLAG_LIMITSCANS
	flagFastUp  = C.TJFLAG_FASTUPSAMPLE
	flagFastDCT = C.TJFLAG_FASTDCT
)

func setFlags(f int) { decodeFlags = C.int(f) }
