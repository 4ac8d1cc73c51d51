package reportparse

import (
	"runtime"
	"strconv"
	"testing"
)

// largePDF writes the English sample typeset repeat times over to a file.
func largePDF(t testing.TB, repeat int) (path string, pages int) {
	data, want := genPDF(t, englishReport, genOptions{
		title:  pdfTitle,
		header: runningHeader,
		footer: func(p int) string { return "Page " + strconv.Itoa(p) },
		repeat: repeat,
	})
	return writeTemp(t, "large.pdf", data), want[len(want)-1].PageEnd
}

// liveHeapWhileParsing parses path and returns the largest live heap
// (after a collection) seen every 20 blocks, the number of blocks and
// the total size of their text.
func liveHeapWhileParsing(t testing.TB, path string) (peak uint64, blocks, textBytes int, info Info) {
	var ms runtime.MemStats
	info, err := Parse(path, func(b Block) error {
		blocks++
		textBytes += len(b.Text)
		if blocks%20 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return peak, blocks, textBytes, info
}

// TestLargePDFMemoryBounded parses a 500-page PDF and checks, with
// runtime.ReadMemStats, that the live heap does not grow with the text
// read: Parse holds a window of pages, not the document.
func TestLargePDFMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("typesets a 500-page PDF")
	}
	smallPath, smallPages := largePDF(t, 12)
	bigPath, bigPages := largePDF(t, 250)
	if bigPages < 500 {
		t.Fatalf("sample has %d pages, want at least 500", bigPages)
	}
	runtime.GC()
	smallPeak, _, _, _ := liveHeapWhileParsing(t, smallPath)
	bigPeak, blocks, textBytes, info := liveHeapWhileParsing(t, bigPath)
	// Each paragraph, and the running header once.
	if want := 250*len(paragraphsOf(englishReport)) + 1; info.Pages != bigPages || blocks != want {
		t.Errorf("read %d pages and %d blocks, want %d pages and %d blocks", info.Pages, blocks, bigPages, want)
	}
	growth := int64(bigPeak) - int64(smallPeak)
	t.Logf("%d pages: live heap peak %.1f MiB; %d pages: %.1f MiB; text read %.1f MiB in %d blocks",
		smallPages, float64(smallPeak)/(1<<20), bigPages, float64(bigPeak)/(1<<20), float64(textBytes)/(1<<20), blocks)
	// Holding the characters PDFium read, with their boxes, would add
	// some 50 times textBytes. PDFium itself keeps an index of the
	// document's objects (its page tree: a few KB a page), which is why
	// the bound is not smaller.
	if growth > 8*int64(textBytes) {
		t.Errorf("live heap grew by %d bytes from %d to %d pages (text read: %d bytes): not bounded", growth, smallPages, bigPages, textBytes)
	}
}

func paragraphsOf(parts []docPart) []docPart {
	var out []docPart
	for _, p := range parts {
		if p.level == 0 {
			out = append(out, p)
		}
	}
	return out
}

// BenchmarkParsePDF500Pages reads a 500-page PDF; see B/op and allocs/op
// for the cost per document.
func BenchmarkParsePDF500Pages(b *testing.B) {
	path, pages := largePDF(b, 250)
	b.ReportAllocs()
	for b.Loop() {
		info, err := Parse(path, func(Block) error { return nil })
		if err != nil || info.Pages != pages {
			b.Fatalf("pages %d err %v", info.Pages, err)
		}
	}
	b.ReportMetric(float64(pages), "pages")
}
