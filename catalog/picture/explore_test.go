package picture

import (
	"testing"
)

func BenchmarkXFlags(b *testing.B) {
	files := benchFiles(b)
	for name, fl := range map[string]int{"default": flagLimit, "fastup": flagLimit | flagFastUp, "fastdct": flagLimit | flagFastDCT, "both": flagLimit | flagFastUp | flagFastDCT} {
		b.Run(name, func(b *testing.B) {
			setFlags(fl)
			defer setFlags(flagLimit)
			i := 0
			cpu := startCPU()
			for b.Loop() {
				Decode(files[i%len(files)], "jpeg", 512)
				i++
			}
			cpu.report(b)
		})
	}
}
