package picture

import (
	"image"
	"testing"

	"github.com/disintegration/imaging"
	xdraw "golang.org/x/image/draw"
)

func BenchmarkXResize(b *testing.B) {
	files := benchFiles(b)
	for _, long := range []int{ThumbLong, PreviewLong} {
		src, _ := Decode(files[0], "jpeg", long)
		sb := src.Bounds()
		w, h := long, sb.Dy()*long/sb.Dx()
		b.Logf("%v -> %dx%d", sb.Size(), w, h)
		for _, k := range []struct {
			name string
			f    func()
		}{
			{"imaging-lanczos", func() { imaging.Resize(src, w, h, imaging.Lanczos) }},
			{"imaging-catmull", func() { imaging.Resize(src, w, h, imaging.CatmullRom) }},
			{"xdraw-catmull", func() {
				dst := image.NewRGBA(image.Rect(0, 0, w, h))
				xdraw.CatmullRom.Scale(dst, dst.Rect, src, sb, xdraw.Src, nil)
			}},
			{"xdraw-bilinear", func() {
				dst := image.NewRGBA(image.Rect(0, 0, w, h))
				xdraw.BiLinear.Scale(dst, dst.Rect, src, sb, xdraw.Src, nil)
			}},
		} {
			b.Run(k.name+"-"+string(rune('0'+long/100%10)), func(b *testing.B) {
				cpu := startCPU()
				for b.Loop() {
					k.f()
				}
				cpu.report(b)
			})
		}
	}
}
