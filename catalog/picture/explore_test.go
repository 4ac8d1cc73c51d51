package picture

import (
	"testing"

	"github.com/disintegration/imaging"
)

func BenchmarkXDecode(b *testing.B) {
	files := benchFiles(b)
	for _, ml := range []int{512, 256, 1} {
		b.Run("minLong"+itoa(ml), func(b *testing.B) {
			i := 0
			cpu := startCPU()
			for b.Loop() {
				Decode(files[i%len(files)], "jpeg", ml)
				i++
			}
			cpu.report(b)
		})
	}
}

func BenchmarkXResize(b *testing.B) {
	files := benchFiles(b)
	img, _ := Decode(files[1], "jpeg", 512)
	b.Log(img.Bounds())
	for name, f := range map[string]imaging.ResampleFilter{"lanczos": imaging.Lanczos, "catmull": imaging.CatmullRom, "linear": imaging.Linear, "box": imaging.Box} {
		b.Run(name, func(b *testing.B) {
			cpu := startCPU()
			for b.Loop() {
				imaging.Fit(img, 256, 256, f)
			}
			cpu.report(b)
		})
	}
}

func itoa(i int) string {
	return string(rune('0'+i/100%10)) + string(rune('0'+i/10%10)) + string(rune('0'+i%10))
}
